// The capstone's checks of how the programs live and end: the server stops cleanly on SIGTERM and logs
// who came and went; client.py finds its way back after the server restarts.
import { joinWords, serverEnded, type CheckDefinition } from '../../sandbox/checks/check-api.js';
import { PORT } from './chat-probes.js';

export const lifecycleChecks: CheckDefinition[] = [
  {
    name: { en: 'Stops cleanly on SIGTERM within 2 s', ja: 'SIGTERM で 2 秒以内にきれいに止まる' },
    covers: ['on SIGTERM, the server closes every connection'],
    hints: [
      {
        en: 'SIGTERM needs a handler: signal.signal(signal.SIGTERM, handler), and the handler only sets a flag.',
        ja: 'SIGTERM にはハンドラーが必要です: signal.signal(signal.SIGTERM, handler)。ハンドラーはフラグを立てるだけにします。',
      },
      {
        en: 'A signal does not end select(): Python runs the handler and goes back to waiting. Give sel.select() a timeout (say 0.5 s) so the loop checks the flag.',
        ja: 'シグナルで select() は終わりません。Python はハンドラーを実行して、また待ちに戻ります。sel.select() にタイムアウト(たとえば 0.5 秒)を付けて、ループがフラグを確かめられるようにしましょう。',
      },
      {
        en: 'After the loop: close every client connection and the listener, and let the program end normally (exit status 0).',
        ja: 'ループのあとで、すべてのクライアントの接続と待ち受けを閉じ、プログラムを普通に終わらせます(終了ステータス 0)。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      // The lab's own client (not a program of this check, so the signal below does not reach it):
      // connected and quiet, it waits for the server to close the connection.
      const connected = lab.client(PORT, { message: '', expect: 1_000_000, timeoutMs: 5000 });
      // Signal only once that client is connected: on a busy host its Python may take longer to start
      // than the server takes to stop, and a refused connect says nothing about the server.
      lab.expect(await lab.waitForTcpState('ESTABLISHED', PORT, 5000), {
        expected: { en: 'a client to connect to your server', ja: 'クライアントがサーバーに接続すること' },
        actual: joinWords({ en: 'no connection was established', ja: '接続は確立されませんでした' }, await serverEnded(server)),
      });
      await lab.sleep(300); // time for the server to accept it
      const started = Date.now();
      const ended = await server.signal('SIGTERM', 2500);
      const took = ((Date.now() - started) / 1000).toFixed(1);
      lab.expect(ended && ended.exitCode === 0 && !ended.uncaught, {
        expected: {
          en: 'your server to end by itself with exit status 0 within 2 s of SIGTERM',
          ja: 'SIGTERM から 2 秒以内に、サーバーが自分で終了ステータス 0 で終わること',
        },
        actual: ended
          ? { en: `it ${ended.summary} after ${took} s`, ja: `${ended.said.ja}(${took} 秒後)` }
          : { en: `it was still running ${took} s after SIGTERM`, ja: `SIGTERM から ${took} 秒後もまだ動いていました` },
        // The hint follows what was seen: no handler at all, an error on the way out, or a wrong status.
        hint: !ended
          ? undefined
          : ended.signal === 'SIGTERM'
            ? {
                en: 'Without a handler, SIGTERM kills Python on the spot. Install one: signal.signal(signal.SIGTERM, handler), and make the handler only set a flag.',
                ja: 'ハンドラーがないと、SIGTERM は Python をその場で殺します。signal.signal(signal.SIGTERM, handler) で設定し、ハンドラーはフラグを立てるだけにしましょう。',
              }
            : ended.uncaught
              ? {
                  en: `Your server stopped with an exception on the way out (${ended.uncaught}): fix that, and let it end normally.`,
                  ja: `サーバーは終わる途中で例外により止まりました(${ended.uncaught})。それを直して、普通に終わるようにしましょう。`,
                }
              : {
                  en: `Your handler ran and the server stopped, but with status ${ended.exitCode}: after closing everything, let the program end normally (exit status 0).`,
                  ja: `ハンドラーは動いてサーバーは止まりましたが、ステータスは ${ended.exitCode} でした。すべて閉じたあと、プログラムを普通に終わらせましょう(終了ステータス 0)。`,
                },
      });
      const client = await connected;
      const after = client.elapsed.toFixed(1);
      lab.expect(client.eof || client.exception === 'ConnectionResetError', {
        expected: {
          en: 'a connected client to see its connection closed when the server stops',
          ja: 'サーバーが止まるとき、接続しているクライアントから接続が閉じられるのが見えること',
        },
        actual: client.exception
          ? { en: `the client saw ${client.exception} after ${after} s`, ja: `クライアントは ${after} 秒後に ${client.exception} を見ました` }
          : { en: `the client saw its connection stay open after ${after} s`, ja: `${after} 秒たっても、クライアントの接続は開いたままでした` },
      });
    },
  },
  {
    name: { en: 'client.py reconnects after the server restarts', ja: 'サーバーが再起動したら client.py が再接続する' },
    covers: ['when the connection fails or ends, reconnect with backoff'],
    hints: [
      {
        en: 'Wrap the connect-and-talk part of main() in a loop: when talk() ends with ConnectionError or TimeoutError, connect again.',
        ja: 'main() の接続して話す部分をループで囲みましょう。talk() が ConnectionError や TimeoutError で終わったら、接続し直します。',
      },
      {
        en: 'While the server is down, connects are refused: retry with exponential backoff and full jitter (lesson 5), for example base 0.2 s, cap 2 s, until the user quits.',
        ja: 'サーバーが止まっている間、接続は拒否されます。使う人がやめるまで、指数バックオフとフルジッター(レッスン 5)でリトライしましょう。たとえば base 0.2 秒、cap 2 秒です。',
      },
      {
        en: 'Print "Connected to 127.0.0.1:65432" after every successful connect: the check counts those lines.',
        ja: '接続に成功するたびに "Connected to 127.0.0.1:65432" と表示しましょう。チェックはその行を数えます。',
      },
    ],
    async run(lab) {
      // The lab plays the server here, so this check grades client.py alone.
      const first = await lab.peer({ behaviour: 'echo', port: PORT });
      const client = lab.start('client.py', { args: ['carol', '--listen'], timeoutMs: 10_000 });
      const told = async () => {
        if (!client.running) return (await client.result).said;
        const last = (client.stdout + client.stderr).trim().split('\n').slice(-3).join(' / ');
        return last
          ? { en: `it printed: ${last}`, ja: `クライアントの表示: ${last}` }
          : { en: 'it printed: nothing', ja: 'クライアントは何も表示していません' };
      };
      lab.expect(await client.waitForOutput(/Connected to/, 3000), {
        expected: {
          en: 'client.py --listen to print "Connected to 127.0.0.1:65432"',
          ja: 'client.py --listen が "Connected to 127.0.0.1:65432" と表示すること',
        },
        actual: await told(),
      });
      await first.stop(); // the server crashes: the client's connection ends, and connects are refused
      await lab.sleep(800);
      const second = await lab.peer({ behaviour: 'echo', port: PORT }); // ...and is back
      const count = () => (client.stdout.match(/Connected to/g) ?? []).length;
      const deadline = Date.now() + 4000;
      while (count() < 2 && client.running && Date.now() < deadline) await lab.sleep(50);
      const [words, seen] = [await told(), (await second.connectionTimes()).length];
      lab.expect(count() >= 2, {
        expected: {
          en: 'client.py to connect again (a second "Connected to …" line) within 4 s of the restart',
          ja: '再起動から 4 秒以内に、client.py がもう一度接続すること(2 回目の "Connected to …" の行)',
        },
        actual: { en: `${words.en}; the restarted server saw ${seen} connection(s)`, ja: `${words.ja}。再起動したサーバーが見た接続は ${seen} 回でした` },
      });
    },
  },
  {
    name: { en: 'Logs each join, leave and reset', ja: '参加、退出、リセットをそれぞれ記録する' },
    covers: ['log joins, leaves and resets with logging'],
    hints: [
      {
        en: "The server's log is how you find out later who was there and what went wrong: one line per join, leave and reset.",
        ja: '誰がいて、何がうまくいかなかったかをあとで知る手段が、サーバーのログです。参加、退出、リセットごとに 1 行ずつ書きましょう。',
      },
      {
        en: 'log.info("%s joined", name) after accept, log.info("%s left", name) after b"", log.warning("%s reset the connection", name); and logging.basicConfig(level=logging.INFO), or INFO lines are never shown.',
        ja: 'accept のあとに log.info("%s joined", name)、b"" のあとに log.info("%s left", name)、そして log.warning("%s reset the connection", name)。logging.basicConfig(level=logging.INFO) も忘れずに。ないと INFO の行は表示されません。',
      },
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
        [{ en: 'a join', ja: '参加', when: 'connects', whenJa: '接続したとき' }, /join|connect|enter|arriv|welcome|new client/i, ['--for', '0.6']],
        [{ en: 'a leave', ja: '退出', when: 'leaves', whenJa: '去ったとき' }, /leav|left|disconnect|clos|quit|gone|bye|exit/i, ['--for', '0.1']],
        [
          { en: 'a reset', ja: 'リセット', when: 'resets its connection', whenJa: '接続をリセットしたとき' },
          /reset|abort|broken/i,
          ['--raw', 'half', '--reset'],
        ],
      ] as const) {
        const before = output();
        await lab.run('chat_probe.py', { args: [...args], timeoutMs: 3000 });
        for (let waited = 0; waited < 1000 && !newLines(before).some((l) => pattern.test(l)); waited += 50) await lab.sleep(50);
        const lines = newLines(before);
        const logged = lines.slice(-3).join(' / ');
        lab.expect(
          lines.some((l) => pattern.test(l)),
          {
            expected: {
              en: `a log line about ${what.en} when a chat client ${what.when}`,
              ja: `チャットのクライアントが${what.whenJa}、${what.ja}についてのログの行`,
            },
            actual: lines.length
              ? { en: `the server logged: ${logged}`, ja: `サーバーのログ: ${logged}` }
              : joinWords({ en: 'the server logged nothing', ja: 'サーバーは何もログに書きませんでした' }, await serverEnded(server)),
          },
        );
      }
    },
  },
];
