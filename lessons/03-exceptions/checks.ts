// Checks for lesson 3: each failure gets its own clear line and exit status 1, no traceback, and
// Ctrl-C still stops the client (a bare except would swallow it).
import { defineChecks, type CheckLab, type ProgramResult } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const ARGS = ['127.0.0.1', String(PORT), 'hello'];

const said = (r: ProgramResult) => (r.stdout + r.stderr).trim().split('\n').filter(Boolean).slice(-2).join(' / ') || 'nothing';
const told = (r: ProgramResult) => {
  const last = said(r).split(' / ').pop()!;
  return r.summary.includes(last) ? `it ${r.summary}` : `it ${r.summary}, after printing: ${said(r)}`;
};

/** One failure scenario: exit status 1, no traceback, and a line containing `phrase`. */
function expectClearFailure(lab: CheckLab, r: ProgramResult, phrase: string, what: string) {
  lab.expect(!r.uncaught, {
    expected: `one clear line for ${what}, not a traceback`,
    actual: `it crashed with ${r.uncaught}`,
    hint: `Catch the exception ${what} raises, and print a line instead.`,
  });
  // The statement names the stream: the line goes to stderr.
  const onStdoutOnly = !r.stderr.toLowerCase().includes(phrase) && r.stdout.toLowerCase().includes(phrase);
  // Handled, but by the wrong clause: a general one (OSError, socket.error, ConnectionError) above the specific one.
  const caughtByAnother = r.exitCode !== 0 && !onStdoutOnly && !(r.stdout + r.stderr).toLowerCase().includes(phrase);
  lab.expect(r.exitCode === 1 && r.stderr.toLowerCase().includes(phrase), {
    expected: `a line on stderr containing "${phrase}", and exit status 1`,
    actual: onStdoutOnly ? `the line went to stdout; ${told(r)}` : told(r),
    hint: onStdoutOnly
      ? 'print(..., file=sys.stderr): errors go to stderr, so a script that reads the answer from stdout is not fooled.'
      : caughtByAnother
        ? `Your program handled ${what}, but not with the line for it: a more general clause above (except OSError, socket.error or ConnectionError) caught it first. Python takes the first clause that matches: most specific first.`
        : undefined,
  });
}

export default defineChecks([
  {
    name: 'Prints the answer, or says nothing is listening',
    covers: ['on success, print Received:', 'a refused connect prints a line containing nothing is listening', 'each failure exits with status 1'],
    hints: [
      'A refused connect raises ConnectionRefusedError. Which except clause catches it first in your file?',
      'socket.error is another name for OSError, and ConnectionRefusedError is a kind of OSError: an except OSError (or socket.error) clause above it catches it first.',
      'Order the clauses from the most specific to the most general: socket.gaierror, ConnectionRefusedError, ConnectionResetError, TimeoutError, then OSError last.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const ok = await lab.run('client.py', { args: ARGS, timeoutMs: 5000 });
      lab.expect(ok.exitCode === 0 && ok.stdout.includes('Received: HELLO'), {
        expected: 'Received: HELLO from the running server, exit status 0',
        actual: told(ok),
      });
      await server.kill();
      const refused = await lab.run('client.py', { args: ARGS, timeoutMs: 5000 });
      expectClearFailure(lab, refused, 'nothing is listening', 'a refused connect');
    },
  },
  {
    name: 'Says when the server does not answer in time',
    covers: ['a timeout prints a line containing no answer', 'each failure exits with status 1'],
    hints: [
      'The client has a 2 s timeout: when it runs out, recv() raises TimeoutError (socket.timeout is the same class since Python 3.10).',
      'except TimeoutError: … must come before except OSError, because TimeoutError is an OSError too.',
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'never-answer', port: PORT });
      const r = await lab.run('client.py', { args: ARGS, timeoutMs: 6000 });
      expectClearFailure(lab, r, 'no answer', 'a server that never answers');
    },
  },
  {
    name: 'Says when the server resets the connection',
    covers: ['a reset prints a line containing reset the connection', 'each failure exits with status 1'],
    hints: [
      'A reset shows up as ConnectionResetError from recv() (or send()).',
      'ConnectionResetError and ConnectionRefusedError are both ConnectionError, and both OSError: give each its own clause, above the general ones.',
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'reset-after-first', port: PORT });
      const r = await lab.run('client.py', { args: ARGS, timeoutMs: 5000 });
      expectClearFailure(lab, r, 'reset the connection', 'a connection reset');
    },
  },
  {
    name: 'Says when the host name is unknown',
    covers: ['an unknown host name prints a line containing unknown host', 'each failure exits with status 1'],
    hints: [
      'nowhere.lab has no address: create_connection raises socket.gaierror before any packet is sent.',
      'socket.gaierror is an OSError but not a ConnectionError: catch it by name, first.',
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['nowhere.lab', String(PORT), 'hello'], timeoutMs: 5000 });
      expectClearFailure(lab, r, 'unknown host', 'an unknown host name');
    },
  },
  {
    name: 'Ctrl-C still stops it',
    covers: ['Ctrl-C still stops the client as an interruption'],
    hints: [
      'Ctrl-C raises KeyboardInterrupt wherever the program is. A bare "except:" catches it too, and turns it into an error message.',
      'Never write a bare except. Catch the exceptions you can handle by name; KeyboardInterrupt is not one of them.',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'never-answer', port: PORT });
      const client = lab.start('client.py', { args: ARGS, timeoutMs: 6000 });
      const deadline = Date.now() + 3000;
      while (!peer.events.some((e) => e.event === 'recv') && client.running && Date.now() < deadline) await lab.sleep(25);
      await lab.sleep(100); // the client is now waiting in recv()
      // The second counts from the signal's delivery (finding the program's processes first takes time on a busy lab).
      const inTime = await client.signal('SIGINT', 1000);
      const r = inTime ?? (await client.kill());
      const stopped = inTime !== undefined && (r.signal === 'SIGINT' || r.exitCode === 130 || /KeyboardInterrupt|interrupted/i.test(r.stderr + r.stdout));
      lab.expect(stopped, {
        expected: 'Ctrl-C (SIGINT) to stop the client at once, as an interruption (KeyboardInterrupt), not as a network error',
        actual: r.timedOut ? 'it kept running' : told(r),
      });
    },
  },
]);
