// Checks for lesson 1's exercise: the server answers "ECHO: " + the message in upper case, keeps
// serving client after client, and the unchanged client prints its answer. Every text a learner
// reads is given in English and Japanese (the lesson has both).
import { defineChecks } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

export default defineChecks([
  {
    name: { en: 'The server answers with ECHO: and the message in upper case', ja: 'サーバーが ECHO: とメッセージの大文字で答える' },
    covers: ['reply to each message with ECHO: followed by the message in upper case'],
    hints: [
      { en: 'Find the line that sends the data back: conn.sendall(data).', ja: 'データを送り返している行を探しましょう: conn.sendall(data)。' },
      {
        en: 'bytes have .upper(), and b"ECHO: " + something joins two byte strings.',
        ja: 'bytes には .upper() があり、b"ECHO: " + 何か で 2 つのバイト列をつなげられます。',
      },
      { en: 'conn.sendall(b"ECHO: " + data.upper())', ja: 'たとえば次のように書きます: conn.sendall(b"ECHO: " + data.upper())' },
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const reply = await lab.client(PORT, { message: 'hello, lab', expect: 'ECHO: HELLO, LAB'.length, timeoutMs: 1500 });
      lab.expect(reply.text === 'ECHO: HELLO, LAB', {
        expected: { en: 'the answer "ECHO: HELLO, LAB" to the message "hello, lab"', ja: 'メッセージ "hello, lab" への答えが "ECHO: HELLO, LAB" であること' },
        actual: reply.text
          ? { en: `"${reply.text}"`, ja: `答えは "${reply.text}" でした` }
          : reply.eof
            ? { en: 'the server closed the connection without answering', ja: 'サーバーは答えずに接続を閉じました' }
            : { en: `no answer (${reply.exception ?? 'nothing arrived'})`, ja: `答えがありません(${reply.exception ?? '何も届きませんでした'})` },
      });
    },
  },
  {
    name: { en: 'The server keeps serving: every client gets an answer', ja: 'サーバーが動き続け、どのクライアントも答えを受け取る' },
    covers: ['keep serving: every client that connects'],
    hints: [
      {
        en: 'After one client leaves, the server must go back to accept() for the next one: keep the while True loop around accept().',
        ja: 'クライアントが去ったら、サーバーは次のクライアントのために accept() へ戻る必要があります。accept() を囲む while True のループを残しましょう。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (const [word, nth] of [
        ['first', '1 番目'],
        ['second', '2 番目'],
        ['third', '3 番目'],
      ]) {
        // Any answer will do here: what it says is the first check's business.
        const reply = await lab.client(PORT, { message: word, expect: 1, timeoutMs: 1500 });
        const ended = server.running ? { en: '', ja: '' } : { en: ' (your server had ended)', ja: '(サーバーは終わっていました)' };
        lab.expect(reply.received > 0, {
          expected: { en: `the ${word} client to get an answer`, ja: `${nth}のクライアントが答えを受け取ること` },
          actual: reply.exception
            ? { en: `it got ${reply.exception}${ended.en}`, ja: `${reply.exception} になりました${ended.ja}` }
            : { en: 'it got no answer', ja: '答えを受け取れませんでした' },
        });
      }
    },
  },
  {
    name: { en: "The client prints the server's answer", ja: 'クライアントがサーバーの答えを表示する' },
    covers: ['leave the client as it is'],
    hints: [
      {
        en: 'client.py prints whatever the server sends back: when the first check passes, this one follows.',
        ja: 'client.py はサーバーが送り返したものをそのまま表示します。最初のチェックに合格すれば、これも合格します。',
      },
      { en: 'Leave client.py as it came.', ja: 'client.py は配られたままにしておきましょう。' },
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const client = await lab.run('client.py', { timeoutMs: 5000 });
      const last = client.stdout.trim().split('\n').pop();
      lab.expect(client.stdout.includes('Received: ECHO: HELLO, SOCKETS!'), {
        expected: { en: 'client.py to print "Received: ECHO: HELLO, SOCKETS!"', ja: 'client.py が "Received: ECHO: HELLO, SOCKETS!" と表示すること' },
        actual: client.stdout.trim() ? { en: `it printed "${last}"`, ja: `"${last}" と表示しました` } : client.said,
      });
    },
  },
]);
