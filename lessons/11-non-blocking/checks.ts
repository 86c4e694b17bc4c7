// Checks for lesson 11: one selectors loop serves many clients at once, an idle client blocks
// nobody, partial sends lose nothing, and clients that vanish (FIN or RST) never stop the server.
import { defineChecks, type ClientReport } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

/** What a lab client saw, as a clause: 'it got "bravo" instead of "alpha"', 'no answer within 2.0 s (TimeoutError)'. */
const saw = (r: ClientReport, wanted: string) =>
  r.text === wanted
    ? `it got "${r.text}"`
    : r.text
      ? `it got "${r.text}" instead of "${wanted}"`
      : r.eof
        ? 'the server closed the connection without answering'
        : `no answer within ${r.elapsed.toFixed(1)} s (${r.exception ?? 'nothing arrived'})`;

export default defineChecks([
  {
    name: 'Serves an idle and a busy client from one thread',
    covers: ['the listener and every client socket are non-blocking and registered with one DefaultSelector'],
    hints: [
      "The exercise asks for one thread and one loop: a thread (or a process) per client is lesson 9's answer, not this one.",
      'Make every socket non-blocking, register them all with one selectors.DefaultSelector(), and let sel.select() say which one is ready.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const idle = [await lab.holdConnection(PORT, 10_000), await lab.holdConnection(PORT, 10_000)];
      const reply = await lab.client(PORT, { message: 'one loop', timeoutMs: 2000 });
      const { threads, processes } = await server.threads(); // measured while three clients are connected
      idle.forEach((c) => c.close());
      lab.expect(reply.text === 'one loop' && threads === 1 && processes === 1, {
        expected: 'the echo, from a server running one thread in one process while two idle clients stay connected',
        actual: `${saw(reply, 'one loop')}; the server ran ${threads} thread(s) in ${processes} process(es)`,
      });
    },
  },
  {
    name: 'An idle client does not hold up the others',
    covers: ['a client that connects and never sends must not delay anybody else'],
    hints: [
      'A blocking accept() or recv() waits for one socket while the others queue. Ask a selector which sockets are ready instead.',
      'Make the listener non-blocking, register it with selectors.DefaultSelector() for EVENT_READ, and loop over sel.select(): accept when the listener is ready, recv when a client is.',
      'Register every accepted socket (after setblocking(False)) for EVENT_READ with its own Connection object as data; never call recv() on a socket the selector did not report as ready.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const idle = await lab.holdConnection(PORT, 15_000); // connects first, then says nothing
      await lab.sleep(200);
      const words = ['alpha', 'bravo', 'charlie'];
      // The three overlap: each stays connected 1 s after its echo, so none has closed while another is accepted.
      const replies = await Promise.all(words.map((w) => lab.client(PORT, { message: w, timeoutMs: 2000, stayMs: 1000 })));
      idle.close();
      words.forEach((word, i) => {
        lab.expect(replies[i].text === word, {
          expected: `the client that sent "${word}" to get "${word}" back within 2 s, while another client sits idle`,
          actual: `${saw(replies[i], word)}${server.running ? '' : ' (your server had ended)'}`,
          hint: replies[i].exception === 'TimeoutError' ? 'Your server is probably still waiting in recv() for the idle client.' : undefined,
        });
      });
    },
  },
  {
    name: 'Echoes a 2 MB message completely (partial sends)',
    covers: ['each connection keeps an outgoing buffer', 'on EOF, finish sending what is buffered'],
    hints: [
      'send() on a non-blocking socket writes what fits and returns how many bytes that was; the rest is yours to keep.',
      'Give each connection an outgoing bytearray: append what you receive, send from it, and delete what was sent (del out[:sent]).',
      'While the outgoing buffer is not empty, register the socket for EVENT_WRITE too (sel.modify) and send more when it is writable. When the client sends EOF, close only after the buffer is empty.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const r = await lab.run('client.py', { args: ['--big', '2000000'], timeoutMs: 7000 });
      const said = (r.stdout + r.stderr).trim().split('\n').filter(Boolean);
      lab.expect(r.exitCode === 0 && r.stdout.includes('Echo complete'), {
        expected: 'client.py --big 2000000 to get all 2,000,000 bytes back, identical',
        actual: `${said.length ? said.join(' / ') : `client.py ${r.summary}`}${server.running ? '' : `; your server ${(await server.result).summary}`}`,
      });
    },
  },
  {
    name: 'A client that resets the connection does not stop the server',
    covers: ['a client that resets its connection (on recv() or send()) is closed quietly'],
    hints: [
      'When a client aborts its connection, your next recv() or send() on it raises ConnectionResetError (send may raise BrokenPipeError).',
      'Catch ConnectionResetError and BrokenPipeError around recv() and send(), and close that one connection.',
      'Closing means: sel.unregister(sock), then sock.close(). The loop carries on with everyone else.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (let i = 0; i < 3; i++) await lab.run('client.py', { args: ['--reset'], timeoutMs: 3000 });
      await lab.sleep(300);
      const ended = server.running ? undefined : await server.result;
      lab.expect(!ended, {
        expected: 'the server to survive three clients that reset their connections',
        actual: `your server ${ended?.summary}`,
        hint: ended?.uncaught?.startsWith('KeyError')
          ? 'A KeyError from register() means a closed socket is still in the selector: unregister before close.'
          : undefined,
      });
      const reply = await lab.client(PORT, { message: 'still there?', timeoutMs: 2000 });
      lab.expect(reply.text === 'still there?', {
        expected: 'the next client to get its echo',
        actual: saw(reply, 'still there?'),
      });
    },
  },
  {
    name: 'Keeps serving client after client',
    covers: ['on EOF, finish sending what is buffered, then unregister and close'],
    hints: [
      'When recv() returns b"", the client is done: unregister the socket, then close it.',
      "A socket closed without sel.unregister() stays in the selector's table; the next socket that gets the same file descriptor cannot be registered (KeyError).",
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (let i = 1; i <= 6; i++) {
        const word = `client ${i}`;
        const reply = await lab.client(PORT, { message: word, timeoutMs: 1500 });
        const ended = server.running ? undefined : await server.result;
        lab.expect(reply.text === word, {
          expected: `client ${i} of 6, one after another, to get its echo`,
          actual: `client ${i}: ${saw(reply, word)}${ended ? `; your server ${ended.summary}` : ''}`,
        });
      }
    },
  },
  {
    name: 'Ctrl-C ends the server with "Server stopped."',
    covers: ['Ctrl-C still ends the server with Server stopped.'],
    hints: [
      'Ctrl-C raises KeyboardInterrupt wherever the loop happens to be, most likely inside sel.select().',
      'Catch KeyboardInterrupt once, around the whole loop, print "Server stopped." and let the program end; a bare except inside the loop swallows it.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const idle = await lab.holdConnection(PORT, 5000); // a client is connected when Ctrl-C comes
      await lab.sleep(200);
      const ended = await server.signal('SIGINT', 2000);
      idle.close();
      lab.expect(ended !== undefined && /Server stopped\./.test(ended.stdout + ended.stderr), {
        expected: 'the server to end within 2 s of Ctrl-C, printing "Server stopped."',
        actual: ended
          ? `it ${ended.summary}, ${/Server stopped\./.test(ended.stdout + ended.stderr) ? 'printing' : 'without printing'} "Server stopped."`
          : 'it was still running 2 s later',
      });
    },
  },
]);
