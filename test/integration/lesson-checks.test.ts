// Honest exercises, enforced: for every lesson with checks, the reference solution and every
// correct alternative (_alternatives/) pass them all, the starter fails at least one, there are at
// least two deliberately broken programs, each fails exactly the checks it names in TARGETS.md (no
// fewer: the mistake is caught; no more: a check asserts only its own bullet; a few named "may also
// fail" where timing decides), and every check is failed for sure by some broken program (a check
// nothing can fail is a defect). All of it with two CPU-spinning processes beside it: verdicts must
// not depend on machine load.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSandbox } from '../../sandbox/jail/choose-sandbox.js';
import { loadCheckSuite, runChecks } from '../../sandbox/checks/runner.js';
import { checkId } from '../../sandbox/checks/check-api.js';
import { alternativePrograms, brokenPrograms, hasChecks, programFiles, type ProgramSource } from '../../sandbox/checks/sources.js';
import { LessonCatalog, type Lesson } from '../../sandbox/lessons/catalog.js';
import { resolvePython } from '../../sandbox/process/python.js';
import type { CheckSummary } from '../../schema/checks.js';
import { repoRoot } from '../support/lab-harness.js';
import { SPINNERS, useCpuSpinners } from '../support/cpu-spinners.js';

const lessons = LessonCatalog.load(`${repoRoot}lessons`).list().filter(hasChecks);
const python = resolvePython();
const sandbox = await chooseSandbox(python, { info: () => {}, warn: () => {}, error: console.error });
const grade = (lesson: Lesson, source: ProgramSource, only?: string[]): Promise<CheckSummary> =>
  runChecks({ lesson, files: programFiles(lesson, source), provider: sandbox.provider, python: python.executable, only });
const failedNames = (summary: CheckSummary) => summary.results.filter((r) => r.outcome !== 'passed').map((r) => r.name);
const explain = (summary: CheckSummary) => summary.results.map((r) => `${r.outcome} ${r.name}: ${r.actual ?? ''}`).join('\n') + (summary.problem ?? '');

/**
 * Grades several programs at once: each run has sandboxes of its own (own network, own ports), and
 * the lab's check slots still bound how many checks run together. Without the sandbox they would
 * share the host's ports, so one at a time.
 */
async function gradeAll(runs: Array<() => Promise<CheckSummary>>): Promise<CheckSummary[]> {
  const width = sandbox.off ? 1 : PROGRAMS_AT_ONCE;
  const results: CheckSummary[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < runs.length; i = next++) results[i] = await runs[i]();
    }),
  );
  return results;
}
const PROGRAMS_AT_ONCE = 3;

const load = useCpuSpinners();
before(() => assert.ok(lessons.length >= 1, 'at least one lesson has checks'));

test(`${SPINNERS} CPU spinners run beside every verdict of this file`, () => assert.ok(load.running()));
after(() => sandbox.provider.close?.());

for (const lesson of lessons) {
  test(`${lesson.id}: the reference solution passes every check`, async () => {
    const summary = await grade(lesson, 'solution');
    assert.ok(summary.passed, explain(summary));
  });

  test(`${lesson.id}: every correct alternative passes every check`, async () => {
    const programs = alternativePrograms(lesson);
    const summaries = await gradeAll(programs.map((program) => () => grade(lesson, { dir: program.dir })));
    const failing = programs.filter((_, i) => !summaries[i].passed).map((program, i) => `${program.name}:\n${explain(summaries[i])}`);
    assert.deepEqual(failing, [], failing.join('\n\n'));
  });

  test(`${lesson.id}: the starter fails at least one check`, async () => {
    const summary = await grade(lesson, 'starter');
    assert.equal(summary.problem, undefined);
    assert.ok(failedNames(summary).length > 0, 'the starter passes everything: the exercise asks for nothing');
  });

  test(`${lesson.id}: every broken program fails exactly the checks it targets, and every check catches one`, async () => {
    assert.ok(load.running(), 'the CPU spinners are still running');
    const names = (await loadCheckSuite(lesson)).checks.map(checkId);
    const broken = brokenPrograms(lesson);
    assert.ok(broken.length >= 2, `${lesson.id}/_broken/ needs at least two programs, has ${broken.length}`);
    const caught = new Set<string>();
    const mismatches: string[] = [];
    for (const program of broken) {
      assert.ok(program.targets.length > 0, `${program.name}/TARGETS.md must list the checks it fails`);
      for (const target of [...program.targets, ...program.mayAlsoFail])
        assert.ok(names.includes(target), `${program.name} targets "${target}", which is not a check of ${lesson.id}`);
    }
    const summaries = await gradeAll(broken.map((program) => () => grade(lesson, { dir: program.dir })));
    for (const [i, program] of broken.entries()) {
      const summary = summaries[i];
      assert.equal(summary.problem, undefined, `${program.name}: ${summary.problem}`);
      for (const r of summary.results) if (r.outcome === 'error') assert.fail(`${program.name}: the check "${r.name}" itself broke: ${r.actual}`);
      const failed = failedNames(summary);
      // Gathered, not thrown: one run shows every program that is off, not just the first.
      const missed = program.targets.filter((t) => !failed.includes(t));
      const extra = failed.filter((f) => !program.targets.includes(f) && !program.mayAlsoFail.includes(f));
      if (missed.length || extra.length) mismatches.push(`${program.name} should fail exactly its TARGETS.md:\n${explain(summary)}`);
      program.targets.forEach((name) => caught.add(name));
    }
    assert.deepEqual(mismatches, [], mismatches.join('\n\n'));
    assert.deepEqual(
      names.filter((n) => !caught.has(n)),
      [],
      'checks no broken program fails',
    );
  });
}
