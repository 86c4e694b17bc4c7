// A lab for the bench: the real course plus one bench lesson whose Run command prints "1".
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startTestLab, type TestLab } from '../test/support/lab-harness.js';
import { lessonLayout } from '../schema/lesson-layout.js';

export const BENCH_LESSON = '90-bench';

export async function startBenchLab(): Promise<TestLab> {
  const lessons = mkdtempSync(join(tmpdir(), 'socket-lab-bench-'));
  cpSync(join(repoRoot, 'lessons'), lessons, { recursive: true });
  const layout = lessonLayout(join(lessons, BENCH_LESSON));
  mkdirSync(layout.starter(), { recursive: true });
  writeFileSync(layout.starter('a.py'), 'print(1)\n');
  writeFileSync(
    layout.text,
    [
      '---',
      'title: Bench',
      'summary: Bench lesson.',
      'order: 90',
      'files: [a.py]',
      'terminals:',
      '  - { id: server, title: Server }',
      '  - { id: client, title: Client }',
      'run:',
      '  - { label: Print one, terminal: client, command: python3 -c "print(1)" }',
      '---',
      'Bench.',
    ].join('\n'),
  );
  const lab = await startTestLab({ lessonsDir: lessons });
  return {
    ...lab,
    async close() {
      await lab.close();
      rmSync(lessons, { recursive: true, force: true });
    },
  };
}
