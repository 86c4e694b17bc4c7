// Checks for lesson 11: one selectors loop serves many clients at once, an idle client blocks
// nobody, partial sends lose nothing, and clients that vanish (FIN or RST) never stop the server.
// Every text a learner reads is in English and Japanese (the lesson has both).
import { defineChecks, type ClientReport, serverEndedWords } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

/** What a lab client saw, as a clause: 'it got "bravo" instead of "alpha"', 'no answer within 2.0 s (TimeoutError)'. */
const saw = (r: ClientReport, wanted: string) =>
  r.text === wanted
    ? { en: `it got "${r.text}"`, ja: `"${r.text}" を受け取りました` }
    : r.text
      ? { en: `it got "${r.text}" instead of "${wanted}"`, ja: `"${wanted}" ではなく "${r.text}" を受け取りました` }
      : r.eof
        ? { en: 'the server closed the connection without answering', ja: 'サーバーは答えずに接続を閉じました' }
        : {
            en: `no answer within ${r.elapsed.toFixed(1)} s (${r.exception ?? 'nothing arrived'})`,
            ja: `${r.elapsed.toFixed(1)} 秒以内に答えがありません(${r.exception ?? '何も届きませんでした'})`,
          };

export default defineChecks([
  {
    name: { en: 'Serves an idle and a busy client from one thread', ja: '黙ったクライアントと話すクライアントを、1 つのスレッドで相手にする' },
    covers: ['the listener and every client socket are non-blocking and registered with one DefaultSelector'],
    hints: [
      {
        en: "The exercise asks for one thread and one loop: a thread (or a process) per client is lesson 9's answer, not this one.",
        ja: '演習が求めているのは 1 つのスレッドと 1 つのループです。クライアントごとのスレッド(やプロセス)はレッスン 9 の答えで、ここでの答えではありません。',
      },
      {
        en: 'Make every socket non-blocking, register them all with one selectors.DefaultSelector(), and let sel.select() say which one is ready.',
        ja: 'すべてのソケットをノンブロッキングにし、1 つの selectors.DefaultSelector() に登録して、どれの準備ができたかは sel.select() に言わせましょう。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const idle = [await lab.holdConnection(PORT, 10_000), await lab.holdConnection(PORT, 10_000)];
      const reply = await lab.client(PORT, { message: 'one loop', timeoutMs: 2000 });
      const { threads, processes } = await server.threads(); // measured while three clients are connected
      idle.forEach((c) => c.close());
      const got = saw(reply, 'one loop');
      lab.expect(reply.text === 'one loop' && threads === 1 && processes === 1, {
        expected: {
          en: 'the echo, from a server running one thread in one process while two idle clients stay connected',
          ja: '黙ったクライアントが 2 つ接続したまま、1 つのプロセスの 1 つのスレッドで動くサーバーからのエコー',
        },
        actual: {
          en: `${got.en}; the server ran ${threads} thread(s) in ${processes} process(es)`,
          ja: `${got.ja}。サーバーは ${processes} 個のプロセスで ${threads} 個のスレッドを動かしていました`,
        },
      });
    },
  },
  {
    name: { en: 'An idle client does not hold up the others', ja: '黙ったクライアントが、ほかのクライアントを止めない' },
    covers: ['a client that connects and never sends must not delay anybody else'],
    hints: [
      {
        en: 'A blocking accept() or recv() waits for one socket while the others queue. Ask a selector which sockets are ready instead.',
        ja: 'ブロッキングの accept() や recv() は 1 つのソケットを待ち、その間ほかは列に並びます。代わりに、どのソケットの準備ができたかを selector に尋ねましょう。',
      },
      {
        en: 'Make the listener non-blocking, register it with selectors.DefaultSelector() for EVENT_READ, and loop over sel.select(): accept when the listener is ready, recv when a client is.',
        ja: '待ち受けをノンブロッキングにして selectors.DefaultSelector() に EVENT_READ で登録し、sel.select() でループします。待ち受けの準備ができたら accept、クライアントなら recv です。',
      },
      {
        en: 'Register every accepted socket (after setblocking(False)) for EVENT_READ with its own Connection object as data; never call recv() on a socket the selector did not report as ready.',
        ja: '受け付けたソケットはどれも(setblocking(False) のあとで)、自分の Connection オブジェクトをデータにして EVENT_READ で登録します。selector が準備できたと言わなかったソケットで recv() を呼んではいけません。',
      },
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
        const got = saw(replies[i], word);
        lab.expect(replies[i].text === word, {
          expected: {
            en: `the client that sent "${word}" to get "${word}" back within 2 s, while another client sits idle`,
            ja: `別のクライアントが黙っている間に、"${word}" を送ったクライアントが 2 秒以内に "${word}" を受け取ること`,
          },
          actual: server.running ? got : { en: `${got.en} (your server had ended)`, ja: `${got.ja}(サーバーは終わっていました)` },
          hint:
            replies[i].exception === 'TimeoutError'
              ? {
                  en: 'Your server is probably still waiting in recv() for the idle client.',
                  ja: 'サーバーはおそらく、黙ったクライアントのために recv() でまだ待っています。',
                }
              : undefined,
        });
      });
    },
  },
  {
    name: { en: 'Echoes a 2 MB message completely (partial sends)', ja: '2 MB のメッセージを完全にエコーする(部分的な送信)' },
    covers: ['each connection keeps an outgoing buffer', 'on EOF, finish sending what is buffered'],
    hints: [
      {
        en: 'send() on a non-blocking socket writes what fits and returns how many bytes that was; the rest is yours to keep.',
        ja: 'ノンブロッキングのソケットでの send() は、収まる分だけ書き込んでそのバイト数を返します。残りは自分で持っておく必要があります。',
      },
      {
        en: 'Give each connection an outgoing bytearray: append what you receive, send from it, and delete what was sent (del out[:sent]).',
        ja: '接続ごとに送信待ちの bytearray を持たせましょう。受信したものを追加し、そこから送り、送った分を消します(del out[:sent])。',
      },
      {
        en: 'While the outgoing buffer is not empty, register the socket for EVENT_WRITE too (sel.modify) and send more when it is writable. When the client sends EOF, close only after the buffer is empty.',
        ja: '送信待ちのバッファーが空でない間は、ソケットを EVENT_WRITE にも登録し(sel.modify)、書き込み可能になったら続きを送ります。クライアントが EOF を送ってきたら、バッファーが空になってから閉じます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const r = await lab.run('client.py', { args: ['--big', '2000000'], timeoutMs: 7000 });
      const said = (r.stdout + r.stderr).trim().split('\n').filter(Boolean);
      const ended = serverEndedWords(server.running ? undefined : await server.result);
      const shown = said.join(' / ');
      lab.expect(r.exitCode === 0 && r.stdout.includes('Echo complete'), {
        expected: {
          en: 'client.py --big 2000000 to get all 2,000,000 bytes back, identical',
          ja: 'client.py --big 2000000 が 2,000,000 バイトすべてを、そのまま受け取ること',
        },
        actual: {
          en: `${shown || `client.py ${r.summary}`}${ended.en}`,
          ja: `${shown ? `client.py の表示: ${shown}` : `client.py: ${r.said.ja}`}${ended.ja}`,
        },
      });
    },
  },
  {
    name: { en: 'A client that resets the connection does not stop the server', ja: '接続をリセットしたクライアントがサーバーを止めない' },
    covers: ['a client that resets its connection (on recv() or send()) is closed quietly'],
    hints: [
      {
        en: 'When a client aborts its connection, your next recv() or send() on it raises ConnectionResetError (send may raise BrokenPipeError).',
        ja: 'クライアントが接続を中断すると、その接続での次の recv() や send() が ConnectionResetError を発生させます(send は BrokenPipeError のこともあります)。',
      },
      {
        en: 'Catch ConnectionResetError and BrokenPipeError around recv() and send(), and close that one connection.',
        ja: 'recv() と send() の周りで ConnectionResetError と BrokenPipeError を捕まえ、その接続だけを閉じましょう。',
      },
      {
        en: 'Closing means: sel.unregister(sock), then sock.close(). The loop carries on with everyone else.',
        ja: '閉じるとは、sel.unregister(sock) のあと sock.close() することです。ループはほかの全員の相手を続けます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (let i = 0; i < 3; i++) await lab.run('client.py', { args: ['--reset'], timeoutMs: 3000 });
      await lab.sleep(300);
      const ended = server.running ? undefined : await server.result;
      lab.expect(!ended, {
        expected: {
          en: 'the server to survive three clients that reset their connections',
          ja: '接続をリセットした 3 つのクライアントのあとも、サーバーが生き残ること',
        },
        actual: { en: `your server ${ended?.summary}`, ja: `サーバー: ${ended?.said.ja}` },
        hint: ended?.uncaught?.startsWith('KeyError')
          ? {
              en: 'A KeyError from register() means a closed socket is still in the selector: unregister before close.',
              ja: 'register() からの KeyError は、閉じたソケットがまだ selector に残っているという意味です。close の前に unregister しましょう。',
            }
          : undefined,
      });
      const reply = await lab.client(PORT, { message: 'still there?', timeoutMs: 2000 });
      lab.expect(reply.text === 'still there?', {
        expected: { en: 'the next client to get its echo', ja: '次のクライアントがエコーを受け取ること' },
        actual: saw(reply, 'still there?'),
      });
    },
  },
  {
    name: { en: 'Keeps serving client after client', ja: 'クライアントが次々と来ても相手を続ける' },
    covers: ['on EOF, finish sending what is buffered, then unregister and close'],
    hints: [
      {
        en: 'When recv() returns b"", the client is done: unregister the socket, then close it.',
        ja: 'recv() が b"" を返したらクライアントは終わりです。ソケットを unregister してから閉じましょう。',
      },
      {
        en: "A socket closed without sel.unregister() stays in the selector's table; the next socket that gets the same file descriptor cannot be registered (KeyError).",
        ja: 'sel.unregister() せずに閉じたソケットは selector の表に残ります。同じファイルディスクリプターを受け取った次のソケットは登録できません(KeyError)。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (let i = 1; i <= 6; i++) {
        const word = `client ${i}`;
        const reply = await lab.client(PORT, { message: word, timeoutMs: 1500 });
        const ended = server.running ? undefined : await server.result;
        const [got, gone] = [saw(reply, word), serverEndedWords(ended)];
        lab.expect(reply.text === word, {
          expected: { en: `client ${i} of 6, one after another, to get its echo`, ja: `次々と来る 6 つのうち ${i} 番目のクライアントがエコーを受け取ること` },
          actual: { en: `client ${i}: ${got.en}${gone.en}`, ja: `${i} 番目のクライアント: ${got.ja}${gone.ja}` },
        });
      }
    },
  },
  {
    name: { en: 'Ctrl-C ends the server with "Server stopped."', ja: 'Ctrl-C で、"Server stopped." と表示してサーバーが終わる' },
    covers: ['Ctrl-C still ends the server with Server stopped.'],
    hints: [
      {
        en: 'Ctrl-C raises KeyboardInterrupt wherever the loop happens to be, most likely inside sel.select().',
        ja: 'Ctrl-C は、ループがそのときいる場所、たいていは sel.select() の中で KeyboardInterrupt を発生させます。',
      },
      {
        en: 'Catch KeyboardInterrupt once, around the whole loop, print "Server stopped." and let the program end; a bare except inside the loop swallows it.',
        ja: 'ループ全体の周りで一度だけ KeyboardInterrupt を捕まえ、"Server stopped." と表示してプログラムを終わらせましょう。ループの中の何でも捕まえる except は、それを飲み込んでしまいます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const idle = await lab.holdConnection(PORT, 5000); // a client is connected when Ctrl-C comes
      await lab.sleep(200);
      const ended = await server.signal('SIGINT', 2000);
      idle.close();
      const printed = ended !== undefined && /Server stopped\./.test(ended.stdout + ended.stderr);
      lab.expect(printed, {
        expected: {
          en: 'the server to end within 2 s of Ctrl-C, printing "Server stopped."',
          ja: 'Ctrl-C から 2 秒以内に、"Server stopped." と表示してサーバーが終わること',
        },
        actual: ended
          ? {
              en: `it ${ended.summary}, ${printed ? 'printing' : 'without printing'} "Server stopped."`,
              ja: `${ended.said.ja}。"Server stopped." は${printed ? '表示しました' : '表示しませんでした'}`,
            }
          : { en: 'it was still running 2 s later', ja: '2 秒後もまだ動いていました' },
      });
    },
  },
]);
