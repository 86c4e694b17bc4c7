// Checks for lesson 9: clients are served at the same time, a silent client is dropped after its
// timeout, SIGTERM and Ctrl-C stop the server cleanly even with clients connected, and it can start
// again at once (SO_REUSEADDR).
import { defineChecks, type CheckLab, type ClientReport, type ProgramResult, type RunningProgram } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

const saw = (r: ClientReport) =>
  r.text
    ? `it got "${r.text.trim()}" after ${r.elapsed.toFixed(1)} s`
    : r.eof
      ? 'the server closed the connection without answering'
      : `no answer (${r.exception ?? 'nothing arrived'} after ${r.elapsed.toFixed(1)} s)`;
const ended = async (server: RunningProgram) => (server.running ? '' : `; your server ${(await server.result).summary}`);

/** Stops the server with `sig` while an idle client is connected; says how it went. */
async function stopWithClientConnected(lab: CheckLab, sig: 'SIGTERM' | 'SIGINT') {
  const server = await lab.startServer('server.py', PORT);
  await lab.holdConnection(PORT, 15_000);
  await lab.sleep(300);
  const sent = Date.now();
  const result: ProgramResult | undefined = await server.signal(sig, 2000);
  const took = (Date.now() - sent) / 1000;
  const name = sig === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM';
  lab.expect(result !== undefined, {
    expected: `${name} to stop the server within 2 s, with an idle client connected`,
    actual: 'it was still running 2 s later',
    hint: 'Something is still waiting: a blocked accept() with no timeout, or a client thread in recv() that nobody woke up (non-daemon threads keep Python alive).',
  });
  lab.expect(result!.exitCode === 0, {
    expected: `after ${name}, a clean exit (status 0)`,
    actual: `it ${result!.summary} after ${took.toFixed(1)} s`,
    hint: stopHint(result!, sig),
  });
}

/** A hint for what was seen: killed by the signal itself (no handler), or ended on its own with an error. */
function stopHint(result: ProgramResult, sig: 'SIGINT' | 'SIGTERM'): string | undefined {
  if (result.signal === 'SIGTERM' && sig === 'SIGTERM') {
    return 'Without a handler, SIGTERM kills Python on the spot: signal.signal(signal.SIGTERM, handler) turns it into something your loop can notice.';
  }
  if (result.uncaught) return `Your server stopped with an exception on the way out (${result.uncaught}): fix that, and let it end normally.`;
  if (result.exitCode !== 0)
    return `Your server stopped by itself, but with status ${result.exitCode}: after closing everything, let the program end normally (or sys.exit(0)).`;
  return undefined;
}

export default defineChecks([
  {
    name: 'Serves two clients at the same time',
    covers: ['each client is served in its own thread'],
    hints: [
      'While the server sits in recv() for one client, it cannot accept() the next. Give each client its own thread.',
      'In the accept loop: threading.Thread(target=handle, args=(conn, who), daemon=True).start(), and move the echo loop into handle().',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const idle = await lab.holdConnection(PORT, 15_000);
      await lab.sleep(200);
      const r = await lab.client(PORT, { message: 'anyone home?\n', timeoutMs: 1500 });
      idle.close();
      lab.expect(r.text === 'anyone home?\n', {
        expected: 'an echo within 1.5 s while another client is connected and silent',
        actual: `${saw(r)}${await ended(server)}`,
      });
    },
  },
  {
    name: 'Drops a client that stays silent for 3 s',
    covers: ['a client silent for 3 s is disconnected'],
    hints: [
      'A client that connects and never sends holds a thread forever, and a thousand of them hold a thousand threads.',
      'conn.settimeout(3.0) in the client thread: recv() then raises TimeoutError after 3 s of silence. Catch it and close the connection.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const r = await lab.client(PORT, { message: '', expect: 1, timeoutMs: 6000 });
      lab.expect((r.eof || r.exception === 'ConnectionResetError') && r.elapsed >= 2 && r.elapsed <= 5, {
        expected: 'the server to close the connection of a silent client after about 3 s',
        actual:
          r.eof || r.exception === 'ConnectionResetError'
            ? `it closed it after ${r.elapsed.toFixed(1)} s`
            : `it kept the connection open for ${r.elapsed.toFixed(1)} s, until the lab gave up${await ended(server)}`,
      });
    },
  },
  {
    name: 'Stops cleanly on SIGTERM, with a client connected',
    covers: ['SIGTERM and Ctrl-C both make it stop within 2 s'],
    hints: [
      "kill and service managers send SIGTERM, not Ctrl-C. Python's default for SIGTERM is to die at once, without running finally blocks.",
      'signal.signal(signal.SIGTERM, handler) where handler sets a threading.Event; the accept loop (with a timeout) checks it, then the server closes its clients and returns.',
    ],
    async run(lab) {
      await stopWithClientConnected(lab, 'SIGTERM');
    },
  },
  {
    name: 'Stops cleanly on Ctrl-C, with a client connected',
    covers: ['SIGTERM and Ctrl-C both make it stop within 2 s'],
    hints: [
      'After Ctrl-C, Python waits for every non-daemon thread before it exits, and a client thread blocked in recv() waits for its client.',
      'Make client threads daemon=True, or wake them: conn.shutdown(socket.SHUT_RDWR) on each open client socket makes its recv() return b"".',
    ],
    async run(lab) {
      await stopWithClientConnected(lab, 'SIGINT');
    },
  },
  {
    name: 'Starts again right after it was stopped',
    covers: ['it can be started again right after it was stopped'],
    hints: [
      'The connections the old server closed linger for a while in TIME_WAIT or FIN_WAIT on port 65432, and bind() refuses the port: "Address already in use".',
      'server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) before bind().',
    ],
    async run(lab) {
      const first = await lab.startServer('server.py', PORT);
      await lab.holdConnection(PORT, 15_000);
      await lab.sleep(200);
      await first.signal('SIGINT', 2000);
      await first.kill(); // in case Ctrl-C did not stop it: this check is about the restart
      const second = lab.start('server.py', { timeoutMs: 20_000 });
      // A server without SO_REUSEADDR crashes at bind(), which ends this wait at once; the 5 s are for a busy host.
      const listening = await lab.waitForListener(PORT, 5000, second);
      const outcome = second.running ? 'it did not listen within 5 s' : `it ${(await second.result).summary}`;
      lab.expect(listening, {
        expected: 'the server to listen again at once, while the old connection is still winding down',
        actual: outcome,
      });
    },
  },
]);
