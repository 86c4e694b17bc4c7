// Checks for lesson 10: the client notices a dead connection by itself (PING after 1 s of silence,
// dead 2 s later), reconnects across a server restart, backs off while the server is down, and
// never shows the heartbeat's PONG as a message.
import { defineChecks, type RunningProgram } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
/** The client keeps stdin open (nobody typed Ctrl-D), as a person at a terminal would. */
const CLIENT = { keepStdinOpen: true, timeoutMs: 15_000 };

const lastWords = async (client: RunningProgram) =>
  client.running ? `it printed: ${client.stdout.trim().split('\n').slice(-3).join(' / ') || 'nothing'}` : `it ${(await client.result).summary}`;
const count = (client: RunningProgram, pattern: RegExp) => (client.stdout.match(pattern) ?? []).length;

export default defineChecks([
  {
    name: 'Notices a dead connection within 4 s',
    covers: ['print connected to HOST:PORT after every successful connect', 'when nothing has arrived for 1 s, send PING'],
    hints: [
      'A server that stops answering sends nothing: no FIN, no reset. recv() just waits, and so does your client, forever.',
      'When nothing has arrived for 1 s, send "PING\\n". The server answers "PONG\\n". If nothing at all arrives within 2 s after the PING, the connection is dead: close it.',
      'Wait on stdin and the socket together (selectors, with a timeout of 0.1 s) so you can look at the clock while nobody types.',
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'never-answer', port: PORT }); // accepts, reads, never answers
      const client = lab.start('client.py', CLIENT);
      lab.expect(await client.waitForOutput(/connected/, 3000), { expected: 'the client to print "connected to …"', actual: await lastWords(client) });
      const noticed = await client.waitForOutput(/connection lost|dead/i, 4500);
      lab.expect(noticed, {
        expected: 'a line "connection lost: …" within 4 s, against a server that accepts but never answers',
        actual: await lastWords(client),
      });
    },
  },
  {
    name: 'Reconnects after the server restarts',
    covers: ['print connected to HOST:PORT after every successful connect', 'then (and after a close or reset from the server) reconnect'],
    hints: [
      'When the connection ends (b"", ConnectionResetError, or your heartbeat gave up), do not exit: connect again.',
      'Put connect-and-talk in a loop; print "connected to …" after every successful connect.',
    ],
    async run(lab) {
      const first = await lab.startServer('server.py', PORT);
      const client = lab.start('client.py', CLIENT);
      lab.expect(await client.waitForOutput(/connected/, 3000), { expected: 'the client to print "connected to …"', actual: await lastWords(client) });
      await first.kill(); // the server crashes...
      await lab.sleep(1000);
      await lab.startServer('server.py', PORT); // ...and is back a second later
      const deadline = Date.now() + 5000;
      while (count(client, /connected to/g) < 2 && client.running && Date.now() < deadline) await lab.sleep(50);
      lab.expect(count(client, /connected to/g) >= 2, {
        expected: 'a second "connected to …" within 5 s after the server is back',
        actual: await lastWords(client),
      });
    },
  },
  {
    name: 'Backs off while the server is down',
    covers: ['then (and after a close or reset from the server) reconnect'],
    hints: [
      'Retrying a refused connect at once, in a loop, hammers the machine and the server that is trying to start.',
      'Sleep before each new attempt: random.uniform(0, min(2.0, 0.2 * 2 ** attempt)), as in lesson 5, and start again from attempt 0 once connected.',
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 10_000 });
      const client = lab.start('client.py', CLIENT);
      // The 2.5 s start at the first attempt: on a busy host Python itself may take a second to start.
      const deadline = Date.now() + 5000;
      while ((await peer.connectionTimes()).length === 0 && client.running && Date.now() < deadline) await lab.sleep(50);
      const [first] = await peer.connectionTimes();
      if (first !== undefined) await lab.sleep(Math.max(0, first + 2500 - Date.now()));
      const attempts = (await peer.connectionTimes()).filter((at) => at <= (first ?? 0) + 2500).length;
      lab.expect(client.running && attempts >= 2 && attempts <= 20, {
        expected: 'the client to keep trying against a server that refuses, between 2 and 20 attempts in 2.5 s',
        actual: client.running ? `${attempts} attempt(s) in 2.5 s` : `${await lastWords(client)}, after ${attempts} attempt(s)`,
      });
    },
  },
  {
    name: 'Never shows a PONG as a reply',
    covers: ["never print the server's PONG as a reply"],
    hints: [
      'The heartbeat is a private matter between client and server: its answer must not reach the user as a message.',
      'Read the socket in one place only. There, skip lines that are exactly PONG (they still count as "heard from the server").',
      'A separate thread that pings on the same socket is a second writer and, if it reads too, a second reader that steals replies: keep the heartbeat in the same loop.',
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const client = lab.start('client.py', { ...CLIENT, stdin: 'first line\n' });
      lab.expect(await client.waitForOutput(/reply: first line/, 3000), { expected: 'reply: first line', actual: await lastWords(client) });
      await lab.sleep(1600); // quiet for long enough that the heartbeat must have pinged
      client.write('second line\n');
      const second = await client.waitForOutput(/reply: second line/, 3000);
      const replies = client.stdout.split('\n').filter((l) => l.startsWith('reply:'));
      lab.expect(second && replies.length === 2 && !/PONG/.test(client.stdout), {
        expected: 'exactly two replies, "first line" and "second line", with a heartbeat in between and no PONG shown',
        actual: `it printed: ${replies.join(' / ') || 'no replies'}${/PONG/.test(client.stdout) && !replies.some((r) => r.includes('PONG')) ? ' (and PONG)' : ''}`,
      });
    },
  },
  {
    name: 'Ends cleanly, with status 0, when stdin ends (Ctrl-D)',
    covers: ['end cleanly when stdin ends (Ctrl-D)'],
    hints: [
      'When stdin ends, reading it returns b"" (or "") at once, again and again: that is Ctrl-D, not an empty line.',
      'On b"" from stdin, stop reading it (unregister it), let the last reply arrive, then leave the loop and exit normally.',
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      // The line, then end of input: the way `echo hi | python3 client.py` or Ctrl-D after typing ends it.
      const r = await lab.run('client.py', { stdin: 'last words\n', timeoutMs: 6000 });
      lab.expect(!r.timedOut && r.exitCode === 0 && !r.uncaught && r.durationMs < 4000 && r.stdout.includes('reply: last words'), {
        expected: '"reply: last words", then the client to end by itself with status 0 (no traceback) within about 3 s',
        actual: `it ${r.summary} after ${(r.durationMs / 1000).toFixed(1)} s${r.stdout.includes('reply: last words') ? '' : ', without printing "reply: last words"'}`,
      });
    },
  },
]);
