// The check runner against programs that misbehave on purpose (test/fixtures/lessons/03-checks/_bad):
// each gets a clear result within the time budget, and nothing it started outlives the run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runChecks } from '../../sandbox/checks/runner.js';
import { programFiles, type ProgramSource } from '../../sandbox/checks/sources.js';
import { LessonCatalog, type Lesson } from '../../sandbox/lessons/catalog.js';
import { noConfinement, type ConfinementProvider } from '../../sandbox/process/launch.js';
import type { CheckProgress, CheckSummary } from '../../schema/checks.js';
import { fixtureLessons } from '../support/fixtures.js';
import { jailSkip } from '../support/jail.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';

let lab: TestLab;
let lesson: Lesson;
before(async () => {
  lab = await startTestLab({ lessonsDir: fixtureLessons });
  lesson = LessonCatalog.load(fixtureLessons).get('03-checks')!;
});
after(() => lab?.close());

const bad = (name: string): ProgramSource => ({ dir: join(lesson.dir, '_bad', name) });

async function check(source: ProgramSource, provider: ConfinementProvider = lab.lab.sandbox, budgetMs?: number) {
  const progress: CheckProgress[] = [];
  const summary = await runChecks({ lesson, files: programFiles(lesson, source), provider, python: lab.lab.python.executable, budgetMs, onProgress: (p) => progress.push(p) });
  return { summary, progress, first: summary.results[0] };
}

/** Processes still carrying a check-run marker (there must be none once a run is over). */
async function leftovers(): Promise<string[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes('SOCKET_LAB_CHECK=');
      } catch {
        return false;
      }
    });
}

test('the starter passes, and progress is streamed check by check', async () => {
  const { summary, progress } = await check('starter');
  assert.equal(summary.passed, true, JSON.stringify(summary));
  assert.deepEqual(progress.map((p) => p.type), ['check.started', 'check.running', 'check.result', 'check.running', 'check.result', 'check.done']);
});

const cases: Array<{ what: string; program: string; actual?: RegExp; sandboxOnly?: boolean }> = [
  { what: 'has a syntax error', program: 'syntax-error', actual: /crashed with SyntaxError/ },
  { what: 'never exits', program: 'never-exits', actual: /did not finish within 2 s/ },
  { what: 'floods its output', program: 'print-flood', actual: /did not finish within 2 s/ },
  { what: 'forks without end', program: 'fork-loop', actual: /did not finish within 2 s|crashed|killed/, sandboxOnly: true },
  // It prints the right thing, so it passes; what matters is that it is gone afterwards.
  { what: 'ignores SIGTERM and SIGHUP', program: 'ignores-sigterm' },
];

for (const c of cases) {
  test(`a program that ${c.what} gets a clear result, in time, leaving nothing behind`, { skip: c.sandboxOnly && jailSkip }, async () => {
    const started = Date.now();
    const { summary, first } = await check(bad(c.program));
    assert.equal(first.outcome, c.actual ? 'failed' : 'passed', JSON.stringify(first));
    assert.match(first.actual ?? '', c.actual ?? /^$/);
    assert.ok((first.actual ?? '').length < 500, 'a message, not a dump');
    assert.equal(summary.results[1].outcome, 'passed', 'the next check starts clean');
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(await leftovers(), []);
  });
}

test('a program that deletes its own files hurts nobody: every check gets them back', async () => {
  const { summary } = await check(bad('deletes-itself'));
  assert.deepEqual(summary.results.map((r) => r.outcome), ['passed', 'passed']);
});

test('the overall budget stops a slow run with a clear problem', async () => {
  const { summary } = await check(bad('never-exits'), lab.lab.sandbox, 1000);
  assert.equal(summary.passed, false);
  assert.match(summary.problem ?? '', /whole 1 s budget/);
  assert.match(summary.results[1].actual ?? '', /not run/);
});

test('a sandbox that cannot start gives a result that says so', async () => {
  const broken: ConfinementProvider = { mode: 'sandboxed', create: async () => Promise.reject(new Error('bwrap: No permissions to create new namespace')) };
  const { summary } = await check('starter', broken);
  assert.equal(summary.passed, false);
  assert.match(summary.problem ?? '', /sandbox for checking could not start: bwrap: No permissions/);
});

test('checks also run without the sandbox (unsandboxed local mode)', async () => {
  const { summary } = await check('starter', noConfinement);
  assert.equal(summary.passed, true, JSON.stringify(summary));
});

export type { CheckSummary };

test('holdConnection is an idle client: the server sees a connection and no data until it closes', async () => {
  const { mkdtempSync, mkdirSync, chmodSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { CheckLabImpl } = await import('../../sandbox/checks/check-lab.js');
  const root = mkdtempSync(join(tmpdir(), 'socket-lab-test-'));
  chmodSync(root, 0o711);
  mkdirSync(join(root, 'w'));
  const confinement = await lab.lab.sandbox.create({ id: 'hold-test', workspace: join(root, 'w') });
  const checkLab = new CheckLabImpl({ confinement, python: lab.lab.python.executable, marker: ['SOCKET_LAB_CHECK', 'hold-test'] }, join(root, 'w'));
  try {
    const peer = await checkLab.peer({ behaviour: 'echo', port: 65432 });
    const held = await checkLab.holdConnection(65432, 10_000);
    await checkLab.sleep(300);
    assert.equal(peer.events.filter((e) => e.event === 'accept').length, 1);
    assert.equal(peer.events.some((e) => e.event === 'recv'), false);
    held.close();
    const deadline = Date.now() + 3000;
    while (!peer.events.some((e) => e.event === 'close') && Date.now() < deadline) await checkLab.sleep(50);
    assert.ok(peer.events.some((e) => e.event === 'close'), JSON.stringify(peer.events));
  } finally {
    await checkLab.cleanUp();
    await confinement.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});
