// Checks for lesson 4: the client gives up on 2 s of silence (at connect and at recv), not
// sooner and not much later, says so on stderr with status 1, and still works with healthy and
// merely slow servers.
import { defineChecks, type CheckLab, type ProgramResult } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const RUN = { timeoutMs: 6000 };
/** "About 2 s", as the statement defines it. */
const ABOUT_2S = { min: 1500, max: 3000 };

/** How the run went, in the learner's terms. */
const told = (r: ProgramResult) => `it ${r.summary} after ${(r.durationMs / 1000).toFixed(1)} s`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The statement's "gives up" bullet: one line on stderr, no traceback, status 1. */
function expectGaveUpCleanly(lab: CheckLab, r: ProgramResult): void {
  const stderrLines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => l.trim());
  lab.expect(!r.timedOut && r.exitCode === 1 && !r.uncaught && stderrLines.length >= 1, {
    expected: 'a short line on stderr, no traceback, and exit status 1',
    actual: `${told(r)}${stderrLines.length ? '' : '; it printed nothing on stderr'}${r.stdout.trim() ? `; on stdout: "${r.stdout.trim().split('\n').pop()}"` : ''}`,
    hint:
      r.exitCode === 0 && !r.timedOut
        ? 'Giving up is a failure: return 1 from main() (sys.exit(main())), so scripts can tell.'
        : !stderrLines.length
          ? 'Print the message with print(..., file=sys.stderr): stdout is for results, stderr for problems.'
          : undefined,
  });
}

export default defineChecks([
  {
    name: 'Gives up on a host that never answers the connect after about 2 s (1.5–3 s)',
    covers: ['when the connect gets no answer for 2 seconds', 'when it gives up, print one short line to stderr'],
    hints: [
      'silent.lab swallows the SYN: connect() waits for an answer that never comes. Give the connect a deadline.',
      'socket.create_connection((host, port), timeout=2) raises TimeoutError after 2 s.',
      'Catch TimeoutError, print a short message to stderr and return 1 (sys.exit(main())).',
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['silent.lab', String(PORT)], ...RUN });
      lab.expect(!r.timedOut && r.durationMs >= ABOUT_2S.min && r.durationMs <= ABOUT_2S.max, {
        expected: `the client to give up after about 2 s (between ${seconds(ABOUT_2S.min)} and ${seconds(ABOUT_2S.max)})`,
        actual: told(r),
        hint: r.durationMs < ABOUT_2S.min ? 'That is sooner than the exercise asks: a connect over a slow network can take a second or more.' : undefined,
      });
      expectGaveUpCleanly(lab, r);
    },
  },
  {
    name: 'Gives up on a server that accepts but never answers, about 2 s after the request (1.5–3 s)',
    covers: ['when the server accepted but sends no reply for 2 seconds', 'when it gives up, print one short line to stderr'],
    hints: [
      'The connect worked; now recv() waits for a reply that never comes. The socket needs a timeout for reads too.',
      'create_connection(..., timeout=2) leaves that timeout on the socket, unless something sets it back to None.',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'never-answer', port: PORT });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      // Measured from the moment the peer received the request: the interpreter's start-up, slow on a busy host, does not count.
      const asked = peer.events.find((e) => e.event === 'recv')?.at;
      const waited = asked === undefined ? undefined : r.endedAt - asked;
      lab.expect(!r.timedOut && waited !== undefined && waited >= ABOUT_2S.min && waited <= ABOUT_2S.max, {
        expected: `the client to stop waiting for the reply about 2 s after sending its request (between ${seconds(ABOUT_2S.min)} and ${seconds(ABOUT_2S.max)})`,
        actual: waited === undefined ? `the server never received a request; ${told(r)}` : `it waited ${seconds(waited)} after its request; ${told(r)}`,
      });
      expectGaveUpCleanly(lab, r);
    },
  },
  {
    name: 'Still gets the answer from a healthy server',
    covers: ['against a healthy server, behave exactly as before'],
    hints: ['Timeouts must not change the happy path: send, receive, print "Received: …", exit 0.'],
    async run(lab) {
      await lab.peer({ behaviour: 'echo', port: PORT });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: 'Received: hello, and exit status 0',
        actual: r.stdout.trim() ? `it printed "${r.stdout.trim()}"` : told(r),
      });
    },
  },
  {
    name: 'Waits for a server that answers after 1.5 s',
    covers: ['also when the reply takes 1.5 s'],
    hints: ['A timeout is a deadline for silence, not a speed test: 1.5 s of quiet is within the 2 s the exercise allows.'],
    async run(lab) {
      await lab.peer({ behaviour: 'slow', port: PORT, delay: 1500 });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: 'the reply after about 1.5 s, and exit status 0',
        actual: r.stdout.trim() ? `it printed "${r.stdout.trim()}"` : told(r),
      });
    },
  },
]);
