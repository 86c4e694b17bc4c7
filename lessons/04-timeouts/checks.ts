// Checks for lesson 4: the client gives up on silence (at connect and at recv) within about 2 s,
// without a traceback, and still works with healthy and merely slow servers.
import { defineChecks, type ProgramResult } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const RUN = { timeoutMs: 6000 };

/** How the run went, in the learner's terms. */
const told = (r: ProgramResult) => `it ${r.summary} after ${(r.durationMs / 1000).toFixed(1)} s`;
const gaveUpCleanly = (r: ProgramResult) => !r.timedOut && r.exitCode !== 0 && r.exitCode !== null && !r.uncaught && r.durationMs < 4000;

export default defineChecks([
  {
    name: 'Gives up on a host that never answers the connect, within about 2 s',
    hints: [
      'silent.lab swallows the SYN: connect() waits for an answer that never comes. Give the connect a deadline.',
      'socket.create_connection((host, port), timeout=2) raises TimeoutError after 2 s.',
      'Catch TimeoutError, print a short message to stderr and return 1 (sys.exit(main())).',
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['silent.lab', String(PORT)], ...RUN });
      lab.expect(gaveUpCleanly(r), {
        expected: 'the client to give up within about 2 s, with a message and a non-zero exit status (no traceback)',
        actual: told(r),
      });
    },
  },
  {
    name: 'Gives up on a server that accepts but never answers, within about 2 s',
    hints: [
      'The connect worked; now recv() waits for a reply that never comes. The socket needs a timeout for reads too.',
      'create_connection(..., timeout=2) leaves that timeout on the socket, unless something sets it back to None.',
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'never-answer', port: PORT });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      lab.expect(gaveUpCleanly(r), {
        expected: 'the client to stop waiting for the reply within about 2 s, with a message and a non-zero exit status',
        actual: told(r),
      });
    },
  },
  {
    name: 'Still gets the answer from a healthy server',
    hints: ['Timeouts must not change the happy path: send, receive, print "Received: …", exit 0.'],
    async run(lab) {
      await lab.peer({ behaviour: 'echo', port: PORT });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), { expected: 'Received: hello, and exit status 0', actual: r.stdout.trim() ? `it printed "${r.stdout.trim()}"` : told(r) });
    },
  },
  {
    name: 'Waits long enough for a server that answers after half a second',
    hints: ['A timeout is a deadline for silence, not a speed test: a fraction of a second is too impatient for real networks.'],
    async run(lab) {
      await lab.peer({ behaviour: 'slow', port: PORT, delay: 500 });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), { expected: 'the reply after about 0.5 s', actual: r.stdout.trim() ? `it printed "${r.stdout.trim()}"` : told(r) });
    },
  },
]);
