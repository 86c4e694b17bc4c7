// Checks for the capstone: the chat server relays whole lines to everybody else, survives slices,
// leavers and resets, stops cleanly on SIGTERM, and the client finds its way back after a restart.
// The lab's clients are chat_probe.py (one of the lesson's files): they print "got: <line>".
import { defineChecks, type CheckLab, type RunningProgram } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const PROXY_PORT = 65433;

/** A listening probe: connects, says nothing, reports every line for `seconds`. */
async function listener(lab: CheckLab, seconds = 6, port = PORT): Promise<RunningProgram> {
  const probe = lab.start('chat_probe.py', { args: ['--port', String(port), '--for', String(seconds)], timeoutMs: (seconds + 2) * 1000 });
  lab.expect(await probe.waitForOutput(/^connected$/m, 2000), {
    expected: 'a chat client to connect to your server',
    actual: probe.stdout.trim() || 'it did not connect',
  });
  return probe;
}

/** The lines a probe received. */
const got = (probe: RunningProgram) => [...probe.stdout.matchAll(/^got: (.*)$/gm)].map((m) => m[1]);
const gotText = (probe: RunningProgram) =>
  got(probe).length
    ? got(probe)
        .map((l) => `"${l}"`)
        .join(', ')
    : 'no lines at all';
const serverState = async (server: RunningProgram) => (server.running ? '' : `; your server ${(await server.result).summary}`);

export default defineChecks([
  {
    name: 'A line from one client reaches every other client',
    covers: ['goes to every other connected client'],
    hints: [
      'Keep a collection of connected clients (the starter has `clients`). When a line arrives, queue it to each of them.',
      'Write a broadcast(sender, line) that calls queue(other, line) for every other client; call it for each complete line instead of queue(client, data).',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const bob = await listener(lab);
      const carol = await listener(lab);
      await lab.run('chat_probe.py', { args: ['--say', 'alice: hello, room', '--for', '0.3'], timeoutMs: 3000 });
      for (const [name, probe] of [
        ['bob', bob],
        ['carol', carol],
      ] as const) {
        const arrived = await probe.waitForOutput(/^got: alice: hello, room$/m, 2000);
        lab.expect(arrived, {
          expected: `${name} (another connected client) to receive the line "alice: hello, room"`,
          actual: `${name} received ${gotText(probe)}${await serverState(server)}`,
        });
      }
    },
  },
  {
    name: 'The sender does not get its own line back',
    covers: ['and never back to its sender'],
    hints: [
      'The sender already shows what it typed: in broadcast(), skip the client the line came from.',
      'for other in list(clients.values()): if other is not sender: queue(other, line)',
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const bob = await listener(lab);
      const alice = lab.start('chat_probe.py', { args: ['--say', 'alice: only for the others', '--for', '0.6'], timeoutMs: 4000 });
      const result = await alice.result;
      lab.expect(await bob.waitForOutput(/^got: alice: only for the others$/m, 1000), {
        expected: "bob to receive alice's line",
        actual: `bob received ${gotText(bob)}`,
      });
      lab.expect(!/^got: alice: only for the others$/m.test(result.stdout), {
        expected: 'alice not to receive her own line back',
        actual: `alice received ${gotText(alice)}`,
      });
    },
  },
  {
    name: 'Lines sliced into small pieces still arrive whole',
    covers: ['lines that arrive in pieces are reassembled first'],
    hints: [
      'recv() returns whatever has arrived: three bytes of a line, or the end of one line and the start of the next. A chunk is not a line.',
      'Append each chunk to client.inbuf; then, while it contains b"\\n", cut off the complete line (up to and including the newline) and broadcast it. Keep the rest for next time.',
      'while (end := client.inbuf.find(b"\\n")) >= 0: line = bytes(client.inbuf[:end + 1]); del client.inbuf[:end + 1]; broadcast(client, line)',
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const agent = await lab.faultAgent();
      await agent.call('POST', '/proxies', { name: 'chat', listen: `127.0.0.1:${PROXY_PORT}`, upstream: `127.0.0.1:${PORT}` });
      await agent.call('POST', '/proxies/chat/toxics', {
        type: 'slicer',
        stream: 'upstream',
        // Slices of exactly 2 bytes, 20 ms apart: every 3-byte character below is cut in two, whatever
        // its offset, so the verdict does not hang on where random slices happen to fall (or on a
        // loaded host's recv() merging them).
        attributes: { average_size: 2, size_variation: 0, delay: 20000 },
      });
      const bob = await listener(lab);
      // Multi-byte UTF-8 too: a slice can end in the middle of a character, so only whole lines may be decoded.
      const lines = ['alice: this line travels in pieces — ça va ?', 'alice: and so does this one: 日本語も'];
      const alice = lab.start('chat_probe.py', { args: ['--port', String(PROXY_PORT), ...lines.flatMap((l) => ['--say', l]), '--for', '3'], timeoutMs: 5000 });
      await bob.waitForOutput(/^got: alice: and so does this one/m, 2500);
      await lab.sleep(100); // anything after the last line would be a stray fragment
      // Other lines (a server's "alice joined" notice) are allowed; a piece of a sent line is not.
      const sent = lines.join('\n');
      const received = got(bob).filter((l) => lines.includes(l) || sent.includes(l.trim()));
      lab.expect(received.length === 2 && received[0] === lines[0] && received[1] === lines[1], {
        expected: `bob to receive exactly the two lines "${lines[0]}" and "${lines[1]}"`,
        actual: `bob received ${received.length} line(s): ${gotText(bob)}${alice.stdout.includes('sent') ? '' : ' (alice could not send through the proxy)'}`,
      });
    },
  },
  {
    name: 'Clients that leave or reset do not disturb the others',
    covers: ['are dropped, and nobody else notices', 'including the unfinished line of a client that disconnects'],
    hints: [
      'recv() returning b"" means the client left; recv() or send() raising ConnectionResetError or BrokenPipeError means it vanished. Both concern that client only.',
      'Catch ConnectionResetError (and BrokenPipeError on send), then drop the client: remove it from clients, unregister it, close it. Never broadcast to a client you dropped.',
      'A client that resets in the middle of a line takes the unfinished line with it: do not send that fragment to anyone.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const bob = await listener(lab);
      await lab.run('chat_probe.py', { args: ['--say', 'dave: bye', '--for', '0.1'], timeoutMs: 3000 });
      for (let i = 0; i < 3; i++) {
        await lab.run('chat_probe.py', { args: ['--say', `eve: reset ${i}`, '--raw', 'eve: half a li', '--reset'], timeoutMs: 3000 });
      }
      await lab.sleep(300);
      lab.expect(server.running, {
        expected: 'your server to keep running after clients left and reset their connections',
        actual: `your server ${server.running ? 'is running' : (await server.result).summary}`,
      });
      await lab.run('chat_probe.py', { args: ['--say', 'alice: anyone still here?', '--for', '0.3'], timeoutMs: 3000 });
      lab.expect(await bob.waitForOutput(/^got: alice: anyone still here\?$/m, 2000), {
        expected: 'bob to receive "alice: anyone still here?" after the others left',
        actual: `bob received ${gotText(bob)}${await serverState(server)}`,
      });
      lab.expect(!got(bob).some((l) => l.includes('half a li')), {
        expected: 'no fragment of an unfinished line to be passed on',
        actual: `bob received ${gotText(bob)}`,
      });
    },
  },
  {
    name: 'Stops cleanly on SIGTERM within 2 s',
    covers: ['on SIGTERM, the server closes every connection'],
    hints: [
      'SIGTERM needs a handler: signal.signal(signal.SIGTERM, handler), and the handler only sets a flag.',
      'A signal does not end select(): Python runs the handler and goes back to waiting. Give sel.select() a timeout (say 0.5 s) so the loop checks the flag.',
      'After the loop: close every client connection and the listener, and let the program end normally (exit status 0).',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      // The lab's own client (not a program of this check, so the signal below does not reach it):
      // connected and quiet, it waits for the server to close the connection.
      const connected = lab.client(PORT, { message: '', expect: 1_000_000, timeoutMs: 5000 });
      // Signal only once that client is connected: on a busy host its Python may take longer to start
      // than the server takes to stop, and a refused connect says nothing about the server.
      lab.expect(await lab.waitForTcpState('ESTABLISHED', PORT, 5000), {
        expected: 'a client to connect to your server',
        actual: `no connection was established${await serverState(server)}`,
      });
      await lab.sleep(300); // time for the server to accept it
      const started = Date.now();
      const ended = await server.signal('SIGTERM', 2500);
      const took = ((Date.now() - started) / 1000).toFixed(1);
      lab.expect(ended && ended.exitCode === 0 && !ended.uncaught, {
        expected: 'your server to end by itself with exit status 0 within 2 s of SIGTERM',
        actual: ended ? `it ${ended.summary} after ${took} s` : `it was still running ${took} s after SIGTERM`,
        // The hint follows what was seen: no handler at all, an error on the way out, or a wrong status.
        hint: !ended
          ? undefined
          : ended.signal === 'SIGTERM'
            ? 'Without a handler, SIGTERM kills Python on the spot. Install one: signal.signal(signal.SIGTERM, handler), and make the handler only set a flag.'
            : ended.uncaught
              ? `Your server stopped with an exception on the way out (${ended.uncaught}): fix that, and let it end normally.`
              : `Your handler ran and the server stopped, but with status ${ended.exitCode}: after closing everything, let the program end normally (exit status 0).`,
      });
      const client = await connected;
      lab.expect(client.eof || client.exception === 'ConnectionResetError', {
        expected: 'a connected client to see its connection closed when the server stops',
        actual: `the client saw ${client.exception ?? 'its connection stay open'} after ${client.elapsed.toFixed(1)} s`,
      });
    },
  },
  {
    name: 'client.py reconnects after the server restarts',
    covers: ['when the connection fails or ends, reconnect with backoff'],
    hints: [
      'Wrap the connect-and-talk part of main() in a loop: when talk() ends with ConnectionError or TimeoutError, connect again.',
      'While the server is down, connects are refused: retry with exponential backoff and full jitter (lesson 5), for example base 0.2 s, cap 2 s, until the user quits.',
      'Print "Connected to 127.0.0.1:65432" after every successful connect: the check counts those lines.',
    ],
    async run(lab) {
      // The lab plays the server here, so this check grades client.py alone.
      const first = await lab.peer({ behaviour: 'echo', port: PORT });
      const client = lab.start('client.py', { args: ['carol', '--listen'], timeoutMs: 10_000 });
      const told = async () =>
        client.running
          ? `it printed: ${(client.stdout + client.stderr).trim().split('\n').slice(-3).join(' / ') || 'nothing'}`
          : `it ${(await client.result).summary}`;
      lab.expect(await client.waitForOutput(/Connected to/, 3000), {
        expected: 'client.py --listen to print "Connected to 127.0.0.1:65432"',
        actual: await told(),
      });
      await first.stop(); // the server crashes: the client's connection ends, and connects are refused
      await lab.sleep(800);
      const second = await lab.peer({ behaviour: 'echo', port: PORT }); // ...and is back
      const count = () => (client.stdout.match(/Connected to/g) ?? []).length;
      const deadline = Date.now() + 4000;
      while (count() < 2 && client.running && Date.now() < deadline) await lab.sleep(50);
      lab.expect(count() >= 2, {
        expected: 'client.py to connect again (a second "Connected to …" line) within 4 s of the restart',
        actual: `${await told()}; the restarted server saw ${(await second.connectionTimes()).length} connection(s)`,
      });
    },
  },
  {
    name: 'Logs each join, leave and reset',
    covers: ['log joins, leaves and resets with logging'],
    hints: [
      "The server's log is how you find out later who was there and what went wrong: one line per join, leave and reset.",
      'log.info("%s joined", name) after accept, log.info("%s left", name) after b"", log.warning("%s reset the connection", name); and logging.basicConfig(level=logging.INFO), or INFO lines are never shown.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const output = () => server.stdout + server.stderr;
      const newLines = (before: string) =>
        output()
          .slice(before.length)
          .split('\n')
          .filter((l) => l.trim());
      for (const [what, pattern, args] of [
        ['a join', /join|connect|enter|arriv|welcome|new client/i, ['--for', '0.6']],
        ['a leave', /leav|left|disconnect|clos|quit|gone|bye|exit/i, ['--for', '0.1']],
        ['a reset', /reset|abort|broken/i, ['--raw', 'half', '--reset']],
      ] as const) {
        const before = output();
        await lab.run('chat_probe.py', { args: [...args], timeoutMs: 3000 });
        for (let waited = 0; waited < 1000 && !newLines(before).some((l) => pattern.test(l)); waited += 50) await lab.sleep(50);
        const lines = newLines(before);
        lab.expect(
          lines.some((l) => pattern.test(l)),
          {
            expected: `a log line about ${what} when a chat client ${what === 'a join' ? 'connects' : what === 'a leave' ? 'leaves' : 'resets its connection'}`,
            actual: lines.length ? `the server logged: ${lines.slice(-3).join(' / ')}` : `the server logged nothing${await serverState(server)}`,
          },
        );
      }
    },
  },
]);
