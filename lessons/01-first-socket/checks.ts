// Checks for lesson 1's exercise: the server answers "ECHO: " + the message in upper case, keeps
// serving client after client, and the unchanged client prints its answer.
import { defineChecks } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

export default defineChecks([
  {
    name: 'The server answers with ECHO: and the message in upper case',
    covers: ['reply to each message with ECHO: followed by the message in upper case'],
    hints: [
      'Find the line that sends the data back: conn.sendall(data).',
      'bytes have .upper(), and b"ECHO: " + something joins two byte strings.',
      'conn.sendall(b"ECHO: " + data.upper())',
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const reply = await lab.client(PORT, { message: 'hello, lab', expect: 'ECHO: HELLO, LAB'.length, timeoutMs: 1500 });
      lab.expect(reply.text === 'ECHO: HELLO, LAB', {
        expected: 'the answer "ECHO: HELLO, LAB" to the message "hello, lab"',
        actual: reply.text
          ? `"${reply.text}"`
          : reply.eof
            ? 'the server closed the connection without answering'
            : `no answer (${reply.exception ?? 'nothing arrived'})`,
      });
    },
  },
  {
    name: 'The server keeps serving: every client gets an answer',
    covers: ['keep serving: every client that connects'],
    hints: ['After one client leaves, the server must go back to accept() for the next one: keep the while True loop around accept().'],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (const word of ['first', 'second', 'third']) {
        // Any answer will do here: what it says is the first check's business.
        const reply = await lab.client(PORT, { message: word, expect: 1, timeoutMs: 1500 });
        lab.expect(reply.received > 0, {
          expected: `the ${word} client to get an answer`,
          actual: reply.exception ? `it got ${reply.exception}${server.running ? '' : ' (your server had ended)'}` : 'it got no answer',
        });
      }
    },
  },
  {
    name: "The client prints the server's answer",
    covers: ['leave the client as it is'],
    hints: ['client.py prints whatever the server sends back: when the first check passes, this one follows.', 'Leave client.py as it came.'],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const client = await lab.run('client.py', { timeoutMs: 5000 });
      lab.expect(client.stdout.includes('Received: ECHO: HELLO, SOCKETS!'), {
        expected: 'client.py to print "Received: ECHO: HELLO, SOCKETS!"',
        actual: client.stdout.trim() ? `it printed "${client.stdout.trim().split('\n').pop()}"` : `it ${client.summary}`,
      });
    },
  },
]);
