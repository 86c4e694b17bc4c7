// Load for tests whose verdicts must not depend on it: processes that spin on the CPU for as long
// as the test file runs (as many as the machines we test on have cores).
import { after, before } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';

export const SPINNERS = 2;

/** Starts the spinners before the file's tests and kills them after; `running()` says they still spin. */
export function useCpuSpinners(count = SPINNERS): { running(): boolean } {
  const spinners: ChildProcess[] = [];
  before(() => {
    for (let i = 0; i < count; i++) spinners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  });
  after(() => {
    for (const spinner of spinners) spinner.kill('SIGKILL');
  });
  return { running: () => spinners.length === count && spinners.every((s) => s.exitCode === null && s.signalCode === null) };
}
