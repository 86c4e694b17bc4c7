// A translated lesson's checks speak Japanese to a Japanese page: the starter, the solution and every
// broken program, with the comments a Japanese page shows, are graded with lang 'ja'; every name,
// Expected, Actual and hint that comes back is in Japanese (a sentence built in English only would
// show up here), and the solution passes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chooseSandbox } from '../../sandbox/jail/choose-sandbox.js';
import { runChecks } from '../../sandbox/checks/runner.js';
import { brokenPrograms, hasChecks, programFiles, type ProgramSource } from '../../sandbox/checks/sources.js';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { resolvePython } from '../../sandbox/process/python.js';
import { lessonLayout } from '../../schema/lesson-layout.js';
import type { CheckResult } from '../../schema/checks.js';
import { repoRoot } from '../support/lab-harness.js';

const translated = LessonCatalog.load(`${repoRoot}lessons`)
  .list()
  .filter((lesson) => hasChecks(lesson) && existsSync(lessonLayout(lesson.dir).textJa));
const python = resolvePython();
const sandbox = await chooseSandbox(python, { info: () => {}, warn: () => {}, error: console.error });
after(() => sandbox.provider.close?.());

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every text of a result a learner reads that has no Japanese in it. */
function untranslated(result: CheckResult): string[] {
  const texts = [result.name, result.expected, result.actual, ...result.hints].filter((text): text is string => Boolean(text));
  return texts.filter((text) => !JAPANESE.test(text));
}

test('at least one lesson with checks is translated', () => assert.ok(translated.length >= 1));

for (const lesson of translated) {
  test(`${lesson.id}: the Japanese starter, solution and every broken program get their results in Japanese`, async () => {
    const programs: Array<{ name: string; source: ProgramSource }> = [
      { name: 'starter', source: 'starter' },
      { name: 'solution', source: 'solution' },
      ...brokenPrograms(lesson).map((broken) => ({ name: broken.name, source: { dir: broken.dir } })),
    ];
    const found: string[] = [];
    // Three programs at a time (each run has sandboxes of its own), so the file stays quick as lessons are translated.
    let next = 0;
    const grade = async () => {
      for (let i = next++; i < programs.length; i = next++) await gradeOne(programs[i]);
    };
    const gradeOne = async (program: (typeof programs)[number]) => {
      // The files a Japanese page shows (comments in Japanese), graded for a Japanese page.
      const files = programFiles(lesson, program.source, 'ja');
      const ja = await runChecks({ lesson, files, provider: sandbox.provider, python: python.executable, lang: 'ja' });
      assert.equal(ja.problem, undefined, `${program.name}: ${ja.problem}`);
      // The English verdicts are proved elsewhere; the reference solution with its Japanese comments must pass too.
      if (program.source === 'solution' && !ja.passed) found.push(`solution: ${ja.results.filter((r) => r.outcome !== 'passed').map((r) => r.name)}`);
      for (const result of ja.results) for (const text of untranslated(result)) found.push(`${program.name} / ${result.name}: ${text}`);
    };
    await Promise.all([grade(), grade(), grade()]);
    assert.deepEqual(found.sort(), []);
  });
}
