// Paths and helpers shared by integration tests.
import { readdirSync, readFileSync } from 'node:fs';
import { repoRoot } from './lab-harness.js';

export const fixtureLessons = `${repoRoot}test/fixtures/lessons`;
export const FIXTURE_LESSON = '01-fixture';

/** Removes ANSI escape sequences, so assertions read like the screen. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\r/g, '');
}

/** Every live process whose environment carries this session's marker. */
export function processesOfSession(sessionId: string): number[] {
  const marker = `SOCKET_LAB_SESSION=${sessionId}`;
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        if (readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')) return false;
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
