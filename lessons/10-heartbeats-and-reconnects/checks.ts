// Checks for lesson 10: the client notices a dead connection by itself (PING after 1 s of silence,
// dead 2 s later), reconnects across a server restart, backs off while the server is down, and
// never shows the heartbeat's PONG as a message. Every text a learner reads is in English and
// Japanese (the lesson has both).
import { defineChecks, type RunningProgram } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
/** The client keeps stdin open (nobody typed Ctrl-D), as a person at a terminal would. */
const CLIENT = { keepStdinOpen: true, timeoutMs: 15_000 };

const lastWords = async (client: RunningProgram) => {
  if (!client.running) return (await client.result).said;
  const last = client.stdout.trim().split('\n').slice(-3).join(' / ');
  return last ? { en: `it printed: ${last}`, ja: `クライアントの表示: ${last}` } : { en: 'it printed: nothing', ja: 'クライアントは何も表示していません' };
};
const printsConnected = { en: 'the client to print "connected to …"', ja: 'クライアントが "connected to …" と表示すること' };
const count = (client: RunningProgram, pattern: RegExp) => (client.stdout.match(pattern) ?? []).length;

export default defineChecks([
  {
    name: { en: 'Notices a dead connection within 4 s', ja: '死んだ接続に 4 秒以内に気付く' },
    covers: ['print connected to HOST:PORT after every successful connect', 'when nothing has arrived for 1 s, send PING'],
    hints: [
      {
        en: 'A server that stops answering sends nothing: no FIN, no reset. recv() just waits, and so does your client, forever.',
        ja: '答えなくなったサーバーは何も送りません。FIN もリセットもありません。recv() はただ待ち、あなたのクライアントもいつまでも待ちます。',
      },
      {
        en: 'When nothing has arrived for 1 s, send "PING\\n". The server answers "PONG\\n". If nothing at all arrives within 2 s after the PING, the connection is dead: close it.',
        ja: '1 秒間何も届かなければ "PING\\n" を送ります。サーバーは "PONG\\n" と答えます。PING のあと 2 秒以内に何ひとつ届かなければ、接続は死んでいます。閉じましょう。',
      },
      {
        en: 'Wait on stdin and the socket together (selectors, with a timeout of 0.1 s) so you can look at the clock while nobody types.',
        ja: '標準入力とソケットを一緒に待ちましょう(selectors、タイムアウト 0.1 秒)。そうすれば、誰も入力しない間も時計を見られます。',
      },
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'never-answer', port: PORT }); // accepts, reads, never answers
      const client = lab.start('client.py', CLIENT);
      lab.expect(await client.waitForOutput(/connected/, 3000), { expected: printsConnected, actual: await lastWords(client) });
      const noticed = await client.waitForOutput(/connection lost|dead/i, 4500);
      lab.expect(noticed, {
        expected: {
          en: 'a line "connection lost: …" within 4 s, against a server that accepts but never answers',
          ja: '受け付けるが決して答えないサーバーに対して、4 秒以内に "connection lost: …" の行',
        },
        actual: await lastWords(client),
      });
    },
  },
  {
    name: { en: 'Reconnects after the server restarts', ja: 'サーバーが再起動したら再接続する' },
    covers: ['print connected to HOST:PORT after every successful connect', 'then (and after a close or reset from the server) reconnect'],
    hints: [
      {
        en: 'When the connection ends (b"", ConnectionResetError, or your heartbeat gave up), do not exit: connect again.',
        ja: '接続が終わっても(b""、ConnectionResetError、またはハートビートがあきらめた)、終了しないで接続し直しましょう。',
      },
      {
        en: 'Put connect-and-talk in a loop; print "connected to …" after every successful connect.',
        ja: '接続して話す部分をループに入れ、接続に成功するたびに "connected to …" と表示します。',
      },
    ],
    async run(lab) {
      const first = await lab.startServer('server.py', PORT);
      const client = lab.start('client.py', CLIENT);
      lab.expect(await client.waitForOutput(/connected/, 3000), { expected: printsConnected, actual: await lastWords(client) });
      await first.kill(); // the server crashes...
      await lab.sleep(1000);
      await lab.startServer('server.py', PORT); // ...and is back a second later
      const deadline = Date.now() + 5000;
      while (count(client, /connected to/g) < 2 && client.running && Date.now() < deadline) await lab.sleep(50);
      lab.expect(count(client, /connected to/g) >= 2, {
        expected: { en: 'a second "connected to …" within 5 s after the server is back', ja: 'サーバーが戻ってから 5 秒以内に、2 回目の "connected to …"' },
        actual: await lastWords(client),
      });
    },
  },
  {
    name: { en: 'Backs off while the server is down', ja: 'サーバーが止まっている間はバックオフする' },
    covers: ['then (and after a close or reset from the server) reconnect'],
    hints: [
      {
        en: 'Retrying a refused connect at once, in a loop, hammers the machine and the server that is trying to start.',
        ja: '拒否された接続をループですぐにリトライすると、マシンにも、起動しようとしているサーバーにも負担をかけます。',
      },
      {
        en: 'Sleep before each new attempt: random.uniform(0, min(2.0, 0.2 * 2 ** attempt)), as in lesson 5, and start again from attempt 0 once connected.',
        ja: 'レッスン 5 と同じく、新しい試行の前に random.uniform(0, min(2.0, 0.2 * 2 ** attempt)) だけ眠り、接続できたら attempt 0 からやり直します。',
      },
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
      const words = await lastWords(client);
      lab.expect(client.running && attempts >= 2 && attempts <= 20, {
        expected: {
          en: 'the client to keep trying against a server that refuses, between 2 and 20 attempts in 2.5 s',
          ja: '拒否するサーバーに対してクライアントが試し続けること。2.5 秒で 2 回から 20 回の試行',
        },
        actual: client.running
          ? { en: `${attempts} attempt(s) in 2.5 s`, ja: `2.5 秒で ${attempts} 回の試行` }
          : { en: `${words.en}, after ${attempts} attempt(s)`, ja: `${words.ja}(${attempts} 回の試行のあと)` },
      });
    },
  },
  {
    name: { en: 'Never shows a PONG as a reply', ja: 'PONG を決して返事として表示しない' },
    covers: ["never print the server's PONG as a reply"],
    hints: [
      {
        en: 'The heartbeat is a private matter between client and server: its answer must not reach the user as a message.',
        ja: 'ハートビートはクライアントとサーバーの間の内輪の話です。その答えをメッセージとしてユーザーに見せてはいけません。',
      },
      {
        en: 'Read the socket in one place only. There, skip lines that are exactly PONG (they still count as "heard from the server").',
        ja: 'ソケットを読むのは 1 か所だけにしましょう。そこで、ちょうど PONG の行は飛ばします(それでも「サーバーから聞こえた」とは数えます)。',
      },
      {
        en: 'A separate thread that pings on the same socket is a second writer and, if it reads too, a second reader that steals replies: keep the heartbeat in the same loop.',
        ja: '同じソケットで PING を送る別のスレッドは 2 人目の書き手で、読みもするなら返事を盗む 2 人目の読み手です。ハートビートは同じループの中で行いましょう。',
      },
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      const client = lab.start('client.py', { ...CLIENT, stdin: 'first line\n' });
      lab.expect(await client.waitForOutput(/reply: first line/, 3000), {
        expected: { en: 'reply: first line', ja: 'reply: first line という表示' },
        actual: await lastWords(client),
      });
      await lab.sleep(1600); // quiet for long enough that the heartbeat must have pinged
      client.write('second line\n');
      const second = await client.waitForOutput(/reply: second line/, 3000);
      const replies = client.stdout.split('\n').filter((l) => l.startsWith('reply:'));
      const pong = /PONG/.test(client.stdout) && !replies.some((r) => r.includes('PONG'));
      lab.expect(second && replies.length === 2 && !/PONG/.test(client.stdout), {
        expected: {
          en: 'exactly two replies, "first line" and "second line", with a heartbeat in between and no PONG shown',
          ja: '間にハートビートをはさんで、"first line" と "second line" のちょうど 2 つの返事。PONG は表示しない',
        },
        actual: {
          en: `it printed: ${replies.join(' / ') || 'no replies'}${pong ? ' (and PONG)' : ''}`,
          ja: `クライアントの表示: ${replies.join(' / ') || '返事なし'}${pong ? '(それと PONG)' : ''}`,
        },
      });
    },
  },
  {
    name: { en: 'Ends cleanly, with status 0, when stdin ends (Ctrl-D)', ja: '標準入力が終わったら(Ctrl-D)、ステータス 0 できれいに終わる' },
    covers: ['end cleanly when stdin ends (Ctrl-D)'],
    hints: [
      {
        en: 'When stdin ends, reading it returns b"" (or "") at once, again and again: that is Ctrl-D, not an empty line.',
        ja: '標準入力が終わると、読むたびにすぐ b""(または "")が返ります。それは Ctrl-D で、空の行ではありません。',
      },
      {
        en: 'On b"" from stdin, stop reading it (unregister it), let the last reply arrive, then leave the loop and exit normally.',
        ja: '標準入力から b"" が来たら読むのをやめ(unregister し)、最後の返事が届くのを待ってから、ループを抜けて普通に終わりましょう。',
      },
    ],
    async run(lab) {
      await lab.startServer('server.py', PORT);
      // The line, then end of input: the way `echo hi | python3 client.py` or Ctrl-D after typing ends it.
      const r = await lab.run('client.py', { stdin: 'last words\n', timeoutMs: 6000 });
      const [took, replied] = [(r.durationMs / 1000).toFixed(1), r.stdout.includes('reply: last words')];
      lab.expect(!r.timedOut && r.exitCode === 0 && !r.uncaught && r.durationMs < 4000 && replied, {
        expected: {
          en: '"reply: last words", then the client to end by itself with status 0 (no traceback) within about 3 s',
          ja: '"reply: last words" と表示し、そのあと約 3 秒以内にクライアントが自分でステータス 0 で終わること(トレースバックなし)',
        },
        actual: {
          en: `it ${r.summary} after ${took} s${replied ? '' : ', without printing "reply: last words"'}`,
          ja: `${r.said.ja}(${took} 秒後)${replied ? '' : '。"reply: last words" は表示していません'}`,
        },
      });
    },
  },
]);
