// Checks for the capstone: the chat server relays whole lines to everybody else, survives slices,
// leavers and resets, stops cleanly on SIGTERM, and the client finds its way back after a restart.
// The lab's clients are chat_probe.py (one of the lesson's files): they print "got: <line>". Every text a
// learner reads is in English and Japanese (the lesson has both).
import { defineChecks, type CheckLab, type RunningProgram } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const PROXY_PORT = 65433;

/** A listening probe: connects, says nothing, reports every line for `seconds`. */
async function listener(lab: CheckLab, seconds = 6, port = PORT): Promise<RunningProgram> {
  const probe = lab.start('chat_probe.py', { args: ['--port', String(port), '--for', String(seconds)], timeoutMs: (seconds + 2) * 1000 });
  lab.expect(await probe.waitForOutput(/^connected$/m, 2000), {
    expected: { en: 'a chat client to connect to your server', ja: 'チャットのクライアントがサーバーに接続すること' },
    actual: probe.stdout.trim()
      ? { en: probe.stdout.trim(), ja: `クライアントの表示: ${probe.stdout.trim()}` }
      : { en: 'it did not connect', ja: '接続できませんでした' },
  });
  return probe;
}

/** The lines a probe received. */
const got = (probe: RunningProgram) => [...probe.stdout.matchAll(/^got: (.*)$/gm)].map((m) => m[1]);
/** "<who> received …", in both languages. */
const received = (who: string, probe: RunningProgram) => {
  const lines = got(probe)
    .map((l) => `"${l}"`)
    .join(', ');
  return lines
    ? { en: `${who} received ${lines}`, ja: `${who} が受け取ったもの: ${lines}` }
    : { en: `${who} received no lines at all`, ja: `${who} は 1 行も受け取りませんでした` };
};
const serverState = async (server: RunningProgram) =>
  server.running ? { en: '', ja: '' } : { en: `; your server: ${(await server.result).said.en}`, ja: `。サーバー: ${(await server.result).said.ja}` };
const join = (...parts: Array<{ en: string; ja: string }>) => ({ en: parts.map((p) => p.en).join(''), ja: parts.map((p) => p.ja).join('') });

export default defineChecks([
  {
    name: { en: 'A line from one client reaches every other client', ja: 'あるクライアントの行が、ほかのすべてのクライアントに届く' },
    covers: ['goes to every other connected client'],
    hints: [
      {
        en: 'Keep a collection of connected clients (the starter has `clients`). When a line arrives, queue it to each of them.',
        ja: '接続しているクライアントの集まりを持ちましょう(出発点のコードには `clients` があります)。行が届いたら、その全員に積みます。',
      },
      {
        en: 'Write a broadcast(sender, line) that calls queue(other, line) for every other client; call it for each complete line instead of queue(client, data).',
        ja: 'ほかの各クライアントに queue(other, line) を呼ぶ broadcast(sender, line) を書き、queue(client, data) の代わりに、完全な行ごとにそれを呼びます。',
      },
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
          expected: {
            en: `${name} (another connected client) to receive the line "alice: hello, room"`,
            ja: `${name}(接続しているほかのクライアント)が "alice: hello, room" の行を受け取ること`,
          },
          actual: join(received(name, probe), await serverState(server)),
        });
      }
    },
  },
  {
    name: { en: 'The sender does not get its own line back', ja: '送った本人には、自分の行が返ってこない' },
    covers: ['and never back to its sender'],
    hints: [
      {
        en: 'The sender already shows what it typed: in broadcast(), skip the client the line came from.',
        ja: '送った本人は入力したものをもう表示しています。broadcast() では、行の送り主を飛ばしましょう。',
      },
      {
        en: 'for other in list(clients.values()): if other is not sender: queue(other, line)',
        ja: 'たとえば: for other in list(clients.values()): if other is not sender: queue(other, line)',
      },
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const bob = await listener(lab);
      const alice = lab.start('chat_probe.py', { args: ['--say', 'alice: only for the others', '--for', '0.6'], timeoutMs: 4000 });
      const result = await alice.result;
      lab.expect(await bob.waitForOutput(/^got: alice: only for the others$/m, 1000), {
        expected: { en: "bob to receive alice's line", ja: 'bob が alice の行を受け取ること' },
        actual: received('bob', bob),
      });
      lab.expect(!/^got: alice: only for the others$/m.test(result.stdout), {
        expected: { en: 'alice not to receive her own line back', ja: 'alice に自分の行が返ってこないこと' },
        actual: received('alice', alice),
      });
    },
  },
  {
    name: { en: 'Lines sliced into small pieces still arrive whole', ja: '細かく刻まれた行も、まるごと届く' },
    covers: ['lines that arrive in pieces are reassembled first'],
    hints: [
      {
        en: 'recv() returns whatever has arrived: three bytes of a line, or the end of one line and the start of the next. A chunk is not a line.',
        ja: 'recv() は届いているものを返します。行の 3 バイトだけのことも、ある行の終わりと次の行の始まりのこともあります。断片は行ではありません。',
      },
      {
        en: 'Append each chunk to client.inbuf; then, while it contains b"\\n", cut off the complete line (up to and including the newline) and broadcast it. Keep the rest for next time.',
        ja: '断片は client.inbuf に追加し、b"\\n" が含まれている間、完全な行(改行まで)を切り出して全員に送ります。残りは次の回まで取っておきます。',
      },
      {
        en: 'while (end := client.inbuf.find(b"\\n")) >= 0: line = bytes(client.inbuf[:end + 1]); del client.inbuf[:end + 1]; broadcast(client, line)',
        ja: 'たとえば: while (end := client.inbuf.find(b"\\n")) >= 0: line = bytes(client.inbuf[:end + 1]); del client.inbuf[:end + 1]; broadcast(client, line)',
      },
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
      const arrived = got(bob).filter((l) => lines.includes(l) || sent.includes(l.trim()));
      const all = received('bob', bob);
      const sentOk = alice.stdout.includes('sent');
      lab.expect(arrived.length === 2 && arrived[0] === lines[0] && arrived[1] === lines[1], {
        expected: {
          en: `bob to receive exactly the two lines "${lines[0]}" and "${lines[1]}"`,
          ja: `bob が "${lines[0]}" と "${lines[1]}" のちょうど 2 行を受け取ること`,
        },
        actual: {
          en: `${all.en} (${arrived.length} of the 2 lines)${sentOk ? '' : ' (alice could not send through the proxy)'}`,
          ja: `${all.ja}(2 行のうち ${arrived.length} 行)${sentOk ? '' : '(alice はプロキシを通して送れませんでした)'}`,
        },
      });
    },
  },
  {
    name: { en: 'Clients that leave or reset do not disturb the others', ja: '去ったりリセットしたりするクライアントが、ほかを乱さない' },
    covers: ['are dropped, and nobody else notices', 'including the unfinished line of a client that disconnects'],
    hints: [
      {
        en: 'recv() returning b"" means the client left; recv() or send() raising ConnectionResetError or BrokenPipeError means it vanished. Both concern that client only.',
        ja: 'recv() が b"" を返したらクライアントは去りました。recv() や send() が ConnectionResetError や BrokenPipeError を発生させたら、消えたのです。どちらも、そのクライアントだけの話です。',
      },
      {
        en: 'Catch ConnectionResetError (and BrokenPipeError on send), then drop the client: remove it from clients, unregister it, close it. Never broadcast to a client you dropped.',
        ja: 'ConnectionResetError(send では BrokenPipeError も)を捕まえ、そのクライアントを外します。clients から取り除き、unregister して閉じます。外したクライアントに送ってはいけません。',
      },
      {
        en: 'A client that resets in the middle of a line takes the unfinished line with it: do not send that fragment to anyone.',
        ja: '行の途中でリセットしたクライアントは、終わっていない行を道連れにします。その断片を誰にも送ってはいけません。',
      },
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
        expected: {
          en: 'your server to keep running after clients left and reset their connections',
          ja: 'クライアントが去ったり接続をリセットしたりしたあとも、サーバーが動き続けること',
        },
        actual: server.running ? { en: 'your server is running', ja: 'サーバーは動いています' } : (await server.result).said,
      });
      await lab.run('chat_probe.py', { args: ['--say', 'alice: anyone still here?', '--for', '0.3'], timeoutMs: 3000 });
      lab.expect(await bob.waitForOutput(/^got: alice: anyone still here\?$/m, 2000), {
        expected: {
          en: 'bob to receive "alice: anyone still here?" after the others left',
          ja: 'ほかが去ったあと、bob が "alice: anyone still here?" を受け取ること',
        },
        actual: join(received('bob', bob), await serverState(server)),
      });
      lab.expect(!got(bob).some((l) => l.includes('half a li')), {
        expected: { en: 'no fragment of an unfinished line to be passed on', ja: '終わっていない行の断片が渡されないこと' },
        actual: received('bob', bob),
      });
    },
  },
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
        actual: join({ en: 'no connection was established', ja: '接続は確立されませんでした' }, await serverState(server)),
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
              : join({ en: 'the server logged nothing', ja: 'サーバーは何もログに書きませんでした' }, await serverState(server)),
          },
        );
      }
    },
  },
]);
