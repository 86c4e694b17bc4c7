// Checks for lesson 6: the server treats b"" as the end, reads until then (a short read is not the
// end), survives clients that reset, and says how each connection ended.
import { defineChecks, type CheckLab, type ClientReport, type RunningProgram } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

const saw = (r: ClientReport) =>
  `the client got ${r.received} byte(s)${r.eof ? ' and then the close' : ''}${r.exception ? `, then ${r.exception} after ${r.elapsed.toFixed(1)} s` : ''}`;

async function serverState(server: RunningProgram): Promise<string> {
  if (server.running) return '';
  return `; your server ${(await server.result).summary}`;
}

/** Waits until the server printed `count` lines matching `pattern` (on stdout or stderr: the statement names no stream). */
async function linesLike(lab: CheckLab, server: RunningProgram, pattern: RegExp, count = 1): Promise<boolean> {
  const matches = () => server.output.split('\n').filter((l) => pattern.test(l)).length;
  const deadline = Date.now() + 2000;
  while (matches() < count && Date.now() < deadline) await lab.sleep(50);
  return matches() >= count;
}

export default defineChecks([
  {
    name: 'Answers, then closes when the client has finished (b"")',
    covers: ['echo everything each client sends'],
    hints: [
      'When the client closes its side, recv() returns b"" (empty bytes) at once, every time you call it. Your loop keeps echoing nothing, forever.',
      'Check the data right after recv(): if not data, the client is done: leave the loop, and the with block closes the connection.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const r = await lab.client(PORT, { message: 'over and out', halfClose: true, timeoutMs: 2000 });
      lab.expect(r.text === 'over and out' && r.eof, {
        expected: 'the echo "over and out", then the server closing the connection',
        actual: `${saw(r)}${await serverState(server)}`,
        hint: r.text === 'over and out' && !r.eof ? 'The echo came back, but the server never closed: it did not notice b"".' : undefined,
      });
    },
  },
  {
    name: 'Echoes everything, however it is split',
    covers: ['echo everything each client sends'],
    hints: [
      'One recv() is not one message: it returns whatever has arrived so far, which may be a piece.',
      'Keep calling recv() and echoing until it returns b"": only then has the client finished.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const message = 'one, two, three, four, five, six';
      const r = await lab.client(PORT, { message, chunk: 8, chunkDelayMs: 150, halfClose: true, timeoutMs: 3000 });
      lab.expect(r.text === message && r.eof, {
        expected: `all ${message.length} bytes back (sent in 4 pieces, 0.15 s apart), then the close`,
        actual: `${saw(r)}${r.text ? `: "${r.text}"` : ''}${await serverState(server)}`,
      });
    },
  },
  {
    name: 'Keeps serving after clients reset their connections',
    covers: ['costs that client its connection, never the server'],
    hints: [
      'A client that aborts (a crash, or SO_LINGER 0) sends a reset: your next recv() or sendall() raises ConnectionResetError (or BrokenPipeError).',
      'Catch ConnectionResetError and BrokenPipeError around the work with one client, inside the accept loop: that client is gone, the server is not.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (let i = 0; i < 3; i++) await lab.client(PORT, { send: 2000, reset: true, timeoutMs: 1000 });
      await lab.sleep(300);
      const r = await lab.client(PORT, { message: 'still there?', halfClose: true, timeoutMs: 2000 });
      lab.expect(r.text === 'still there?', {
        expected: 'after three clients that reset, the next one to get its echo',
        actual: `${saw(r)}${await serverState(server)}`,
      });
    },
  },
  {
    name: 'Says how each connection ended',
    covers: ['print one line per connection when it ends'],
    hints: [
      'Print one line per connection when it ends: "… closed by client" when recv() returned b"", "… reset by client" on ConnectionResetError.',
      'try: … except ConnectionResetError: print(…reset by client) else: print(…closed by client). The else branch runs only when no exception happened.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.client(PORT, { message: 'bye', halfClose: true, timeoutMs: 1000 });
      const closed = await linesLike(lab, server, /closed by client/i);
      await lab.client(PORT, { send: 2000, reset: true, timeoutMs: 1000 });
      const reset = await linesLike(lab, server, /reset by client/i);
      const printed = server.output.trim().split('\n').slice(-3).join(' / ') || 'nothing';
      lab.expect(closed && reset && !/closed by client/i.test(server.output.split(/reset by client/i)[1] ?? ''), {
        expected: 'a line "… closed by client" for the client that closed, then "… reset by client" for the one that reset',
        actual: `the server printed: ${printed}${await serverState(server)}`,
      });
    },
  },
]);
