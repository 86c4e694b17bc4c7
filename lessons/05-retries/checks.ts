// Checks for lesson 5: the client survives a server that refuses at first, waits between attempts,
// gives up after a bounded number of them, and never retries what cannot get better.
import { defineChecks, type ProgramResult } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const RUN = { timeoutMs: 7000 };
const ARGS = ['127.0.0.1', String(PORT)];
const attemptLines = (r: ProgramResult) => r.stderr.split('\n').filter((l) => l.startsWith('attempt ')).length;
const told = (r: ProgramResult) => `it ${r.summary} after ${(r.durationMs / 1000).toFixed(1)} s`;

export default defineChecks([
  {
    name: 'Gets through to a server that refuses the first two connects',
    hints: [
      'A refused connect is often temporary (the server is restarting). Try again, a few times.',
      'Put the connect in a loop of up to 5 attempts; catch ConnectionRefusedError inside the loop.',
      'Create a new socket in every attempt: socket.create_connection inside the loop does exactly that.',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 2 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: 'Received: hello after the third attempt',
        actual: `${told(r)}; the server saw ${peer.connectionTimes().length} connection attempt(s)`,
      });
    },
  },
  {
    name: 'Waits between attempts instead of hammering the server',
    hints: [
      'Retrying at once just fails again at once, and piles load on a server that is struggling.',
      'Sleep before the next attempt: random.uniform(0, min(cap, base * 2 ** attempt)) — exponential backoff with full jitter.',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 4 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      const times = peer.connectionTimes();
      const span = times.length > 1 ? times[times.length - 1] - times[0] : 0;
      lab.expect(times.length >= 2 && span >= 100, {
        expected: 'the attempts spread over time (with backoff, 5 attempts take about a second)',
        actual: `${times.length} attempt(s) within ${span} ms; ${told(r)}`,
      });
    },
  },
  {
    name: 'Gives up after a bounded number of attempts, with a message',
    hints: [
      'Sometimes the server is really down: after a few attempts, stop, say so on stderr and exit with status 1.',
      'for attempt in range(1, 6): … and after the last failure return 1 (no traceback).',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 100 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      const attempts = peer.connectionTimes().length;
      lab.expect(!r.timedOut && r.exitCode !== 0 && !r.uncaught && attempts >= 3 && attempts <= 6, {
        expected: 'between 3 and 6 attempts, then a message and exit status 1 (no traceback)',
        actual: `${attempts} attempt(s); ${told(r)}`,
      });
    },
  },
  {
    name: 'Does not retry a host name that does not exist',
    hints: [
      'socket.gaierror (unknown name) will not fix itself in a second: retrying only delays the bad news.',
      'Retry only ConnectionRefusedError, ConnectionResetError, TimeoutError…; let other OSErrors end the program with a message.',
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['nowhere.lab', String(PORT)], ...RUN });
      lab.expect(r.exitCode !== 0 && !r.uncaught && attemptLines(r) <= 1, {
        expected: 'one attempt, then a message and exit status 1 (no traceback)',
        actual: `${attemptLines(r)} "attempt …" lines on stderr; ${told(r)}`,
      });
    },
  },
]);
