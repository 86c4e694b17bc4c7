// Verdicts do not depend on machine load: with two processes spinning on the CPU beside it (as
// many as this machine has cores, in CI), every lesson's reference solution and every correct
// alternative still pass every check. Timing checks measure from the program's own events where
// they can, and the check slots keep a busy lab from running more checks at once than it can time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chooseSandbox } from '../../sandbox/jail/choose-sandbox.js';
import { runChecks } from '../../sandbox/checks/runner.js';
import { alternativePrograms, hasChecks, programFiles } from '../../sandbox/checks/sources.js';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { resolvePython } from '../../sandbox/process/python.js';
import { repoRoot } from '../support/lab-harness.js';

const SPINNERS = 2;
const lessons = LessonCatalog.load(`${repoRoot}lessons`).list().filter(hasChecks);
const python = resolvePython();
const sandbox = await chooseSandbox(python, { info: () => {}, warn: () => {}, error: console.error });
const spinners: ChildProcess[] = [];

before(() => {
  for (let i = 0; i < SPINNERS; i++) spinners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
});
after(() => {
  for (const spinner of spinners) spinner.kill('SIGKILL');
  return sandbox.provider.close?.();
});

for (const lesson of lessons) {
  test(`${lesson.id}: with ${SPINNERS} CPU spinners beside it, the solution and every correct alternative pass`, async () => {
    assert.ok(spinners.every((s) => s.exitCode === null), 'the spinners are running');
    const programs = [{ name: 'the reference solution', source: 'solution' as const }, ...alternativePrograms(lesson).map((a) => ({ name: a.name, source: { dir: a.dir } }))];
    const failures: string[] = [];
    for (const program of programs) {
      const summary = await runChecks({ lesson, files: programFiles(lesson, program.source), provider: sandbox.provider, python: python.executable });
      if (!summary.passed) failures.push(`${program.name}:\n${summary.results.filter((r) => r.outcome !== 'passed').map((r) => `  ${r.outcome} ${r.name}: ${r.actual ?? ''}`).join('\n')}${summary.problem ?? ''}`);
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}
