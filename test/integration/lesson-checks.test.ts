// Honest exercises, enforced: for every lesson with checks, the reference solution passes them
// all, the starter fails at least one, there are at least two deliberately broken programs, each
// fails every check it names in TARGETS.md, and every check is failed by some broken program
// (a check nothing can fail is a defect).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSandbox } from '../../sandbox/jail/choose-sandbox.js';
import { loadCheckSuite, runChecks } from '../../sandbox/checks/runner.js';
import { brokenPrograms, hasChecks, programFiles, type ProgramSource } from '../../sandbox/checks/sources.js';
import { LessonCatalog, type Lesson } from '../../sandbox/lessons/catalog.js';
import { resolvePython } from '../../sandbox/process/python.js';
import type { CheckSummary } from '../../schema/checks.js';
import { repoRoot } from '../support/lab-harness.js';

const lessons = LessonCatalog.load(`${repoRoot}lessons`).list().filter(hasChecks);
const python = resolvePython();
const sandbox = await chooseSandbox(python, { info: () => {}, warn: () => {}, error: console.error });
const grade = (lesson: Lesson, source: ProgramSource, only?: string[]): Promise<CheckSummary> =>
  runChecks({ lesson, files: programFiles(lesson, source), provider: sandbox.provider, python: python.executable, only });
const failedNames = (summary: CheckSummary) => summary.results.filter((r) => r.outcome !== 'passed').map((r) => r.name);
const explain = (summary: CheckSummary) => summary.results.map((r) => `${r.outcome} ${r.name}: ${r.actual ?? ''}`).join('\n') + (summary.problem ?? '');

before(() => assert.ok(lessons.length >= 1, 'at least one lesson has checks'));
after(() => sandbox.provider.close?.());

for (const lesson of lessons) {
  test(`${lesson.id}: the reference solution passes every check`, async () => {
    const summary = await grade(lesson, 'solution');
    assert.ok(summary.passed, explain(summary));
  });

  test(`${lesson.id}: the starter fails at least one check`, async () => {
    const summary = await grade(lesson, 'starter');
    assert.equal(summary.problem, undefined);
    assert.ok(failedNames(summary).length > 0, 'the starter passes everything: the exercise asks for nothing');
  });

  test(`${lesson.id}: every broken program fails the checks it targets, and every check catches one`, async () => {
    const names = (await loadCheckSuite(lesson)).checks.map((c) => c.name);
    const broken = brokenPrograms(lesson);
    assert.ok(broken.length >= 2, `${lesson.id}/_broken/ needs at least two programs, has ${broken.length}`);
    const caught = new Set<string>();
    for (const program of broken) {
      assert.ok(program.targets.length > 0, `${program.name}/TARGETS.md must list the checks it fails`);
      for (const target of program.targets) assert.ok(names.includes(target), `${program.name} targets "${target}", which is not a check of ${lesson.id}`);
      // Only its targets: what else it fails does not matter, and CI time does.
      const summary = await grade(lesson, { dir: program.dir }, program.targets);
      assert.equal(summary.problem, undefined, `${program.name}: ${summary.problem}`);
      const failed = failedNames(summary);
      for (const target of program.targets) assert.ok(failed.includes(target), `${program.name} should fail "${target}":\n${explain(summary)}`);
      for (const r of summary.results) if (r.outcome === 'error') assert.fail(`${program.name}: the check "${r.name}" itself broke: ${r.actual}`);
      failed.forEach((name) => caught.add(name));
      assert.equal(summary.results.length, program.targets.length);
    }
    assert.deepEqual(names.filter((n) => !caught.has(n)), [], 'checks no broken program fails');
  });
}
