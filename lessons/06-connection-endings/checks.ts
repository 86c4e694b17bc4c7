// Checks for lesson 6: the server treats b"" as the end, reads until then (a short read is not the
// end), survives clients that reset, and says how each connection ended. Every text a learner
// reads is in English and Japanese (the lesson has both).
import { defineChecks, type CheckLab, type ClientReport, type RunningProgram, serverEnded } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

const saw = (r: ClientReport) => ({
  en: `the client got ${r.received} byte(s)${r.eof ? ' and then the close' : ''}${r.exception ? `, then ${r.exception} after ${r.elapsed.toFixed(1)} s` : ''}`,
  ja: `クライアントは ${r.received} バイト受け取りました${r.eof ? '。そのあと接続が閉じられました' : ''}${r.exception ? `。そのあと ${r.elapsed.toFixed(1)} 秒で ${r.exception} になりました` : ''}`,
});

/** Waits until the server printed `count` lines matching `pattern` (on stdout or stderr: the statement names no stream). */
async function linesLike(lab: CheckLab, server: RunningProgram, pattern: RegExp, count = 1): Promise<boolean> {
  const matches = () => server.output.split('\n').filter((l) => pattern.test(l)).length;
  const deadline = Date.now() + 2000;
  while (matches() < count && Date.now() < deadline) await lab.sleep(50);
  return matches() >= count;
}

export default defineChecks([
  {
    name: { en: 'Answers, then closes when the client has finished (b"")', ja: '答えてから、クライアントが終わったら(b"")接続を閉じる' },
    covers: ['echo everything each client sends'],
    hints: [
      {
        en: 'When the client closes its side, recv() returns b"" (empty bytes) at once, every time you call it. Your loop keeps echoing nothing, forever.',
        ja: 'クライアントが自分の側を閉じると、recv() は呼ぶたびにすぐ b""(空のバイト列)を返します。あなたのループは、何もないものをいつまでもエコーし続けます。',
      },
      {
        en: 'Check the data right after recv(): if not data, the client is done: leave the loop, and the with block closes the connection.',
        ja: 'recv() の直後にデータを確かめましょう。if not data ならクライアントは終わっています。ループを抜ければ、with ブロックが接続を閉じます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const r = await lab.client(PORT, { message: 'over and out', halfClose: true, timeoutMs: 2000 });
      const [got, state] = [saw(r), await serverEnded(server)];
      lab.expect(r.text === 'over and out' && r.eof, {
        expected: { en: 'the echo "over and out", then the server closing the connection', ja: 'エコー "over and out" と、そのあとサーバーが接続を閉じること' },
        actual: { en: got.en + state.en, ja: got.ja + state.ja },
        hint:
          r.text === 'over and out' && !r.eof
            ? {
                en: 'The echo came back, but the server never closed: it did not notice b"".',
                ja: 'エコーは返ってきましたが、サーバーは接続を閉じませんでした。b"" に気付いていません。',
              }
            : undefined,
      });
    },
  },
  {
    name: { en: 'Echoes everything, however it is split', ja: 'どう分割されていても、すべてエコーする' },
    covers: ['echo everything each client sends'],
    hints: [
      {
        en: 'One recv() is not one message: it returns whatever has arrived so far, which may be a piece.',
        ja: '1 回の recv() は 1 つのメッセージではありません。その時点までに届いたものを返すので、一部だけのこともあります。',
      },
      {
        en: 'Keep calling recv() and echoing until it returns b"": only then has the client finished.',
        ja: 'b"" が返るまで recv() を呼んでエコーし続けましょう。クライアントが終わったのは、そのときだけです。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const message = 'one, two, three, four, five, six';
      const r = await lab.client(PORT, { message, chunk: 8, chunkDelayMs: 150, halfClose: true, timeoutMs: 3000 });
      const [got, state] = [saw(r), await serverEnded(server)];
      const text = r.text ? `: "${r.text}"` : '';
      lab.expect(r.text === message && r.eof, {
        expected: {
          en: `all ${message.length} bytes back (sent in 4 pieces, 0.15 s apart), then the close`,
          ja: `${message.length} バイトすべてが返ってくること(0.15 秒おきに 4 つに分けて送信)、そのあと接続が閉じられること`,
        },
        actual: { en: got.en + text + state.en, ja: got.ja + text + state.ja },
      });
    },
  },
  {
    name: { en: 'Keeps serving after clients reset their connections', ja: 'クライアントが接続をリセットしても動き続ける' },
    covers: ['costs that client its connection, never the server'],
    hints: [
      {
        en: 'A client that aborts (a crash, or SO_LINGER 0) sends a reset: your next recv() or sendall() raises ConnectionResetError (or BrokenPipeError).',
        ja: '中断したクライアント(クラッシュ、または SO_LINGER 0)はリセットを送ります。次の recv() や sendall() が ConnectionResetError(または BrokenPipeError)を発生させます。',
      },
      {
        en: 'Catch ConnectionResetError and BrokenPipeError around the work with one client, inside the accept loop: that client is gone, the server is not.',
        ja: 'accept のループの中で、1 つのクライアントとのやり取りを囲んで ConnectionResetError と BrokenPipeError を捕まえましょう。いなくなったのはそのクライアントで、サーバーではありません。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      for (let i = 0; i < 3; i++) await lab.client(PORT, { send: 2000, reset: true, timeoutMs: 1000 });
      await lab.sleep(300);
      const r = await lab.client(PORT, { message: 'still there?', halfClose: true, timeoutMs: 2000 });
      const [got, state] = [saw(r), await serverEnded(server)];
      lab.expect(r.text === 'still there?', {
        expected: {
          en: 'after three clients that reset, the next one to get its echo',
          ja: 'リセットした 3 つのクライアントのあと、次のクライアントがエコーを受け取ること',
        },
        actual: { en: got.en + state.en, ja: got.ja + state.ja },
      });
    },
  },
  {
    name: { en: 'Says how each connection ended', ja: '接続ごとに、どう終わったかを言う' },
    covers: ['print one line per connection when it ends'],
    hints: [
      {
        en: 'Print one line per connection when it ends: "… closed by client" when recv() returned b"", "… reset by client" on ConnectionResetError.',
        ja: '接続が終わるたびに 1 行表示しましょう。recv() が b"" を返したら "… closed by client"、ConnectionResetError なら "… reset by client" です。',
      },
      {
        en: 'try: … except ConnectionResetError: print(…reset by client) else: print(…closed by client). The else branch runs only when no exception happened.',
        ja: 'try: … except ConnectionResetError: print(…reset by client) else: print(…closed by client)。else の部分は、例外が起きなかったときだけ実行されます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.client(PORT, { message: 'bye', halfClose: true, timeoutMs: 1000 });
      const closed = await linesLike(lab, server, /closed by client/i);
      await lab.client(PORT, { send: 2000, reset: true, timeoutMs: 1000 });
      const reset = await linesLike(lab, server, /reset by client/i);
      const printed = server.output.trim().split('\n').slice(-3).join(' / ') || 'nothing';
      const state = await serverEnded(server);
      lab.expect(closed && reset && !/closed by client/i.test(server.output.split(/reset by client/i)[1] ?? ''), {
        expected: {
          en: 'a line "… closed by client" for the client that closed, then "… reset by client" for the one that reset',
          ja: '閉じたクライアントについて "… closed by client" の行、そのあとリセットしたクライアントについて "… reset by client" の行',
        },
        actual: { en: `the server printed: ${printed}${state.en}`, ja: `サーバーの表示: ${printed}${state.ja}` },
      });
    },
  },
]);
