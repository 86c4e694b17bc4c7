// Checks for lesson 5: the client retries transient failures up to 5 times on a new socket each
// time, sleeps with exponential backoff and full jitter (base 0.2 s, cap 2 s), says so on stderr
// once per failed attempt, and never retries what cannot get better.
import { defineChecks, type ProgramResult } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const RUN = { timeoutMs: 7000 };
const ARGS = ['127.0.0.1', String(PORT)];
const ATTEMPTS = 5;
const BASE_MS = 200;
const CAP_MS = 2000;
/** A wait may run this much over its ceiling: the next connect itself, and a busy host, take time too. */
const SLACK_MS = 250;
/** Six runs side by side: enough waits to tell full jitter from a fixed or half-random sleep by chance less than once in 10^5. */
const BACKOFF_RUNS = 6;

const attemptLines = (text: string) => text.split('\n').filter((l) => /^attempt \d+ failed:/.test(l));
const told = (r: ProgramResult) => `it ${r.summary} after ${(r.durationMs / 1000).toFixed(1)} s`;
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
const ceiling = (gapIndex: number) => Math.min(CAP_MS, BASE_MS * 2 ** gapIndex);
const ms = (values: number[]) => values.map((v) => `${Math.round(v)}`).join(', ') + ' ms';

export default defineChecks([
  {
    name: 'Gets through to a server that refuses the first two connects',
    covers: ['up to 5 attempts', 'when it succeeds, print Received: … as before'],
    hints: [
      'A refused connect is often temporary (the server is restarting). Try again, a few times.',
      'Put the connect in a loop of up to 5 attempts; catch ConnectionRefusedError inside the loop.',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 2 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: 'Received: hello after the third attempt, and exit status 0',
        actual: `${told(r)}; the server saw ${(await peer.connectionTimes()).length} connection attempt(s)`,
      });
    },
  },
  {
    name: 'Makes exactly 5 attempts against a server that never stops refusing, then exits with status 1',
    covers: ['up to 5 attempts', 'when it gives up, exit with status 1 — no traceback'],
    hints: [
      'Sometimes the server is really down: after the fifth failed attempt, stop, say so on stderr and exit with status 1.',
      'for attempt in range(1, 6): … and after the last failure return 1 (no traceback).',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 100 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      const attempts = (await peer.connectionTimes()).length;
      lab.expect(!r.timedOut && r.exitCode === 1 && !r.uncaught && attempts === ATTEMPTS, {
        expected: `${ATTEMPTS} connection attempts, then exit status 1 (no traceback)`,
        actual: `the server saw ${attempts} attempt(s); ${told(r)}`,
      });
    },
  },
  {
    name: 'Gets through after a connect that timed out, on a new socket',
    covers: ['a new socket for each', 'retry only transient failures'],
    hints: [
      'A socket whose connect failed is spent: on Linux, connecting it again after a timeout fails with "Operation already in progress".',
      'Create the socket inside the loop (socket.create_connection does it for you), once per attempt.',
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'echo', port: PORT });
      // SYNs vanish until 2.6 s after the first connect began: past its 2 s timeout and the second
      // attempt (after a wait of at most 0.2 s). A new socket's SYN is sent again 1 s later and gets
      // through; a reused socket is still busy with its first connect ("Operation already in progress").
      await lab.kernelFaults([{ type: 'drop', port: PORT }]);
      const program = lab.start('client.py', { args: ARGS, ...RUN });
      const connecting = await lab.waitForTcpState('SYN_SENT', PORT, 4000);
      await lab.sleep(2600);
      await lab.kernelFaults([]);
      const r = await program.result;
      lab.expect(connecting && r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: 'a TimeoutError on the first attempt, then Received: hello on a later one',
        actual: `${told(r)}${attemptLines(r.stderr).length ? `; it said: ${attemptLines(r.stderr).join(' / ')}` : ''}`,
      });
    },
  },
  {
    name: 'Does not retry a host name that does not exist',
    covers: ['any other OSError ends the program at once', 'when it gives up, exit with status 1 — no traceback'],
    hints: [
      'socket.gaierror (unknown name) will not fix itself in a second: retrying only delays the bad news.',
      'Retry only ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError, TimeoutError; let other OSErrors end the program with a message.',
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['nowhere.lab', String(PORT)], ...RUN });
      const said = attemptLines(r.stderr + r.stdout).length;
      lab.expect(!r.timedOut && r.exitCode === 1 && !r.uncaught && said <= 1 && r.durationMs < 1500, {
        expected: 'one attempt, then a message and exit status 1 at once (no traceback, no sleeping)',
        actual: `${said} "attempt …" line(s); ${told(r)}`,
      });
    },
  },
  {
    name: 'Sleeps with exponential backoff and full jitter between attempts (base 0.2 s, cap 2 s)',
    covers: ['exponential backoff and full jitter (base 0.2 s, cap 2 s)'],
    hints: [
      'Retrying at once just fails again at once, and piles load on a server that is struggling.',
      'Before attempt n+1 sleep random.uniform(0, min(2.0, 0.2 * 2 ** (n - 1))): the ceiling doubles, the wait is random below it.',
    ],
    timeoutMs: 9000,
    async run(lab) {
      const ports = Array.from({ length: BACKOFF_RUNS }, (_, i) => PORT + i);
      const peers = await Promise.all(ports.map((port) => lab.peer({ behaviour: 'refuse-first', port, count: 100 })));
      await Promise.all(ports.map((port) => lab.run('client.py', { args: ['127.0.0.1', String(port)], ...RUN })));
      // Waits as the server saw them: the time between one refused SYN and the next.
      const runs = (await Promise.all(peers.map((peer) => peer.connectionTimes()))).map(gaps);
      const all = runs.flat();
      const tooLong = runs.flatMap((g) => g.filter((gap, i) => gap > ceiling(i) + SLACK_MS));
      lab.expect(runs.every((g) => g.length >= 1) && tooLong.length === 0, {
        expected: `each wait below its ceiling: ${ms([0, 1, 2, 3].map(ceiling))} (0.2 s doubling, at most 2 s), in each of ${BACKOFF_RUNS} runs`,
        actual: `waits of ${runs.map(ms).join('; ')}`,
      });
      // Growth: relative to its doubling ceiling, a full-jitter wait averages 0.5; a wait whose ceiling stays
      // at 0.2 s falls to 0.25 and 0.125 of the 3rd and 4th ceilings (0.8 s, 1.6 s).
      const late = runs.flatMap((g) => g.slice(2).map((gap, i) => gap / ceiling(i + 2)));
      const lateMean = late.reduce((a, b) => a + b, 0) / Math.max(1, late.length);
      // (A program that gives up before a 3rd wait has no growth to judge here; counting attempts is another check's job.)
      lab.expect(late.length === 0 || lateMean >= 0.15, {
        expected: 'the waits to grow: the 3rd and later waits average about half their ceilings of 0.8 s and 1.6 s',
        actual: `they average ${Math.round(lateMean * 100)} % of their ceilings (waits: ${runs.map(ms).join('; ')})`,
      });
      // Full jitter: a random wait anywhere from 0 to the ceiling, so some fall in its lower half.
      const lowerHalf = runs.flatMap((g) => g.filter((gap, i) => gap < ceiling(i) / 2)).length;
      // …and the same wait differs from run to run by a good part of its ceiling (a fixed sleep varies by milliseconds).
      const indices = [0, 1, 2, 3].filter((i) => runs.filter((g) => g[i] !== undefined).length >= 2);
      const spread = indices.map((i) => Math.max(...runs.flatMap((g) => g[i] ?? [])) - Math.min(...runs.flatMap((g) => g[i] ?? [])));
      const spreadShare = spread.reduce((a, b) => a + b, 0) / indices.reduce((a, i) => a + ceiling(i), 0);
      lab.expect(lowerHalf > 0 && spreadShare >= 0.25, {
        expected: 'random waits (full jitter): they differ from run to run, and some are shorter than half their ceiling',
        actual: `${all.length} waits, ${lowerHalf} in the lower half; the same wait differs across runs by ${ms(spread)} (waits: ${runs.map(ms).join('; ')})`,
      });
    },
  },
  {
    name: 'Prints one "attempt N failed: <exception class>" line on stderr for every failed attempt',
    covers: ['for every failed attempt, print one line to stderr starting with attempt N failed:'],
    hints: [
      'The learner (or a log) should see each failure as it happens: one line per failed attempt, numbered from 1.',
      'print(f"attempt {attempt} failed: {type(e).__name__}; retrying in {delay:.2f} s", file=sys.stderr)',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 2 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      const lines = attemptLines(r.stderr);
      // As many lines as the server refused attempts (a client that does not wait can meet more refusals than 2).
      await peer.sync(); // every refusal of the finished client counted, however late the peer runs
      const refused = peer.events.filter((e) => e.event === 'attempt').length;
      const right =
        refused >= 1 && lines.length === refused && lines.every((l, i) => l.startsWith(`attempt ${i + 1} failed:`) && l.includes('ConnectionRefusedError'));
      lab.expect(right, {
        expected: `on stderr, one line per refused attempt (the server refused ${refused}): "attempt 1 failed: ConnectionRefusedError…", "attempt 2 failed: …", and nothing for the attempt that worked`,
        actual: lines.length
          ? `on stderr: ${lines.join(' / ')}`
          : attemptLines(r.stdout).length
            ? `the lines went to stdout: ${attemptLines(r.stdout).join(' / ')}`
            : `no "attempt N failed:" lines on stderr; ${told(r)}`,
      });
    },
  },
]);
