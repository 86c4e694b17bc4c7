// Checks for lesson 5: the client retries transient failures up to 5 times on a new socket each
// time, sleeps with exponential backoff and full jitter (base 0.2 s, cap 2 s), says so on stderr
// once per failed attempt, and never retries what cannot get better. Every text a learner reads is in
// English and Japanese (the lesson has both).
import { defineChecks, type ProgramResult } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const RUN = { timeoutMs: 7000 };
const ARGS = ['127.0.0.1', String(PORT)];
const ATTEMPTS = 5;
const BASE_MS = 200;
const CAP_MS = 2000;
/** A wait may run this much over its ceiling: the next connect itself, and a busy host, take time too. */
const SLACK_MS = 250;
/** Six runs side by side: enough waits to tell full jitter from a fixed or half-random sleep by chance less than once in 10^5. */
const BACKOFF_RUNS = 6;

const attemptLines = (text: string) => text.split('\n').filter((l) => /^attempt \d+ failed:/.test(l));
const told = (r: ProgramResult) => {
  const took = (r.durationMs / 1000).toFixed(1);
  return { en: `${r.said.en} after ${took} s`, ja: `${r.said.ja}(${took} 秒後)` };
};
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
const ceiling = (gapIndex: number) => Math.min(CAP_MS, BASE_MS * 2 ** gapIndex);
const ms = (values: number[]) => values.map((v) => `${Math.round(v)}`).join(', ') + ' ms';

export default defineChecks([
  {
    name: { en: 'Gets through to a server that refuses the first two connects', ja: '最初の 2 回の接続を拒否するサーバーに、最後にはつながる' },
    covers: ['up to 5 attempts', 'when it succeeds, print Received: … as before'],
    hints: [
      {
        en: 'A refused connect is often temporary (the server is restarting). Try again, a few times.',
        ja: '接続の拒否は一時的なことがよくあります(サーバーが再起動中など)。何回か試し直しましょう。',
      },
      {
        en: 'Put the connect in a loop of up to 5 attempts; catch ConnectionRefusedError inside the loop.',
        ja: '接続を最大 5 回の試行のループに入れ、ループの中で ConnectionRefusedError を捕まえましょう。',
      },
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 2 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      const [seen, ran] = [(await peer.connectionTimes()).length, told(r)];
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: { en: 'Received: hello after the third attempt, and exit status 0', ja: '3 回目の試行のあとに Received: hello と、終了ステータス 0' },
        actual: { en: `${ran.en}; the server saw ${seen} connection attempt(s)`, ja: `${ran.ja}。サーバーが見た接続の試行は ${seen} 回でした` },
      });
    },
  },
  {
    name: {
      en: 'Makes exactly 5 attempts against a server that never stops refusing, then exits with status 1',
      ja: '拒否をやめないサーバーには、ちょうど 5 回試行してから終了ステータス 1 で終わる',
    },
    covers: ['up to 5 attempts', 'when it gives up, exit with status 1 — no traceback'],
    hints: [
      {
        en: 'Sometimes the server is really down: after the fifth failed attempt, stop, say so on stderr and exit with status 1.',
        ja: 'サーバーが本当に止まっていることもあります。5 回目の試行に失敗したら、やめて、stderr にそう書き、終了ステータス 1 で終わりましょう。',
      },
      {
        en: 'for attempt in range(1, 6): … and after the last failure return 1 (no traceback).',
        ja: 'for attempt in range(1, 6): … とし、最後の失敗のあとで 1 を返します(トレースバックなし)。',
      },
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 100 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      const attempts = (await peer.connectionTimes()).length;
      const ran = told(r);
      lab.expect(!r.timedOut && r.exitCode === 1 && !r.uncaught && attempts === ATTEMPTS, {
        expected: {
          en: `${ATTEMPTS} connection attempts, then exit status 1 (no traceback)`,
          ja: `${ATTEMPTS} 回の接続の試行のあと、終了ステータス 1(トレースバックなし)`,
        },
        actual: { en: `the server saw ${attempts} attempt(s); ${ran.en}`, ja: `サーバーが見た試行は ${attempts} 回でした。${ran.ja}` },
      });
    },
  },
  {
    name: { en: 'Gets through after a connect that timed out, on a new socket', ja: 'タイムアウトした接続のあと、新しいソケットでつながる' },
    covers: ['a new socket for each', 'retry only transient failures'],
    hints: [
      {
        en: 'A socket whose connect failed is spent: on Linux, connecting it again after a timeout fails with "Operation already in progress".',
        ja: '接続に失敗したソケットは使い切ったものです。Linux では、タイムアウトのあとで同じソケットで接続し直すと "Operation already in progress" で失敗します。',
      },
      {
        en: 'Create the socket inside the loop (socket.create_connection does it for you), once per attempt.',
        ja: 'ソケットはループの中で、試行ごとに 1 回作りましょう(socket.create_connection がやってくれます)。',
      },
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'echo', port: PORT });
      // SYNs vanish until 2.6 s after the first connect began: past its 2 s timeout and the second
      // attempt (after a wait of at most 0.2 s). A new socket's SYN is sent again 1 s later and gets
      // through; a reused socket is still busy with its first connect ("Operation already in progress").
      await lab.kernelFaults([{ type: 'drop', port: PORT }]);
      const program = lab.start('client.py', { args: ARGS, ...RUN });
      const connecting = await lab.waitForTcpState('SYN_SENT', PORT, 4000);
      await lab.sleep(2600);
      await lab.kernelFaults([]);
      const r = await program.result;
      const [ran, lines] = [told(r), attemptLines(r.stderr).join(' / ')];
      lab.expect(connecting && r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: {
          en: 'a TimeoutError on the first attempt, then Received: hello on a later one',
          ja: '最初の試行で TimeoutError、そのあとの試行で Received: hello',
        },
        actual: { en: `${ran.en}${lines ? `; it said: ${lines}` : ''}`, ja: `${ran.ja}${lines ? `。表示: ${lines}` : ''}` },
      });
    },
  },
  {
    name: { en: 'Does not retry a host name that does not exist', ja: '存在しないホスト名はリトライしない' },
    covers: ['any other OSError ends the program at once', 'when it gives up, exit with status 1 — no traceback'],
    hints: [
      {
        en: 'socket.gaierror (unknown name) will not fix itself in a second: retrying only delays the bad news.',
        ja: 'socket.gaierror(未知の名前)は 1 秒で直ったりしません。リトライしても悪い知らせが遅れるだけです。',
      },
      {
        en: 'Retry only ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError, TimeoutError; let other OSErrors end the program with a message.',
        ja: 'リトライするのは ConnectionRefusedError、ConnectionResetError、ConnectionAbortedError、TimeoutError だけにしましょう。ほかの OSError では、メッセージを出してプログラムを終えます。',
      },
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['nowhere.lab', String(PORT)], ...RUN });
      const said = attemptLines(r.stderr + r.stdout).length;
      const ran = told(r);
      lab.expect(!r.timedOut && r.exitCode === 1 && !r.uncaught && said <= 1 && r.durationMs < 1500, {
        expected: {
          en: 'one attempt, then a message and exit status 1 at once (no traceback, no sleeping)',
          ja: '1 回だけ試行し、すぐにメッセージと終了ステータス 1(トレースバックなし、眠らない)',
        },
        actual: { en: `${said} "attempt …" line(s); ${ran.en}`, ja: `"attempt …" の行が ${said} 行。${ran.ja}` },
      });
    },
  },
  {
    name: {
      en: 'Sleeps with exponential backoff and full jitter between attempts (base 0.2 s, cap 2 s)',
      ja: '試行の間に、指数バックオフとフルジッターで眠る(base 0.2 秒、cap 2 秒)',
    },
    covers: ['exponential backoff and full jitter (base 0.2 s, cap 2 s)'],
    hints: [
      {
        en: 'Retrying at once just fails again at once, and piles load on a server that is struggling.',
        ja: 'すぐにリトライしても、すぐにまた失敗するだけで、苦しんでいるサーバーに負荷を積み上げます。',
      },
      {
        en: 'Before attempt n+1 sleep random.uniform(0, min(2.0, 0.2 * 2 ** (n - 1))): the ceiling doubles, the wait is random below it.',
        ja: 'n+1 回目の試行の前に random.uniform(0, min(2.0, 0.2 * 2 ** (n - 1))) だけ眠りましょう。上限は倍々に伸び、待ち時間はその下でランダムです。',
      },
    ],
    timeoutMs: 9000,
    async run(lab) {
      const ports = Array.from({ length: BACKOFF_RUNS }, (_, i) => PORT + i);
      const peers = await Promise.all(ports.map((port) => lab.peer({ behaviour: 'refuse-first', port, count: 100 })));
      await Promise.all(ports.map((port) => lab.run('client.py', { args: ['127.0.0.1', String(port)], ...RUN })));
      // Waits as the server saw them: the time between one refused SYN and the next.
      const runs = (await Promise.all(peers.map((peer) => peer.connectionTimes()))).map(gaps);
      const all = runs.flat();
      const tooLong = runs.flatMap((g) => g.filter((gap, i) => gap > ceiling(i) + SLACK_MS));
      const waits = runs.map(ms).join('; ');
      lab.expect(runs.every((g) => g.length >= 1) && tooLong.length === 0, {
        expected: {
          en: `each wait below its ceiling: ${ms([0, 1, 2, 3].map(ceiling))} (0.2 s doubling, at most 2 s), in each of ${BACKOFF_RUNS} runs`,
          ja: `${BACKOFF_RUNS} 回の実行のどれでも、各待ち時間が上限 ${ms([0, 1, 2, 3].map(ceiling))}(0.2 秒から倍々、最大 2 秒)以下であること`,
        },
        actual: { en: `waits of ${waits}`, ja: `待ち時間: ${waits}` },
      });
      // Growth: relative to its doubling ceiling, a full-jitter wait averages 0.5; a wait whose ceiling stays
      // at 0.2 s falls to 0.25 and 0.125 of the 3rd and 4th ceilings (0.8 s, 1.6 s).
      const late = runs.flatMap((g) => g.slice(2).map((gap, i) => gap / ceiling(i + 2)));
      const lateMean = late.reduce((a, b) => a + b, 0) / Math.max(1, late.length);
      // (A program that gives up before a 3rd wait has no growth to judge here; counting attempts is another check's job.)
      lab.expect(late.length === 0 || lateMean >= 0.15, {
        expected: {
          en: 'the waits to grow: the 3rd and later waits average about half their ceilings of 0.8 s and 1.6 s',
          ja: '待ち時間が伸びること: 3 回目以降の待ち時間が、平均して上限 0.8 秒と 1.6 秒の半分ほどになること',
        },
        actual: {
          en: `they average ${Math.round(lateMean * 100)} % of their ceilings (waits: ${waits})`,
          ja: `平均は上限の ${Math.round(lateMean * 100)} % でした(待ち時間: ${waits})`,
        },
      });
      // Full jitter: a random wait anywhere from 0 to the ceiling, so some fall in its lower half.
      const lowerHalf = runs.flatMap((g) => g.filter((gap, i) => gap < ceiling(i) / 2)).length;
      // …and the same wait differs from run to run by a good part of its ceiling (a fixed sleep varies by milliseconds).
      const indices = [0, 1, 2, 3].filter((i) => runs.filter((g) => g[i] !== undefined).length >= 2);
      const spread = indices.map((i) => Math.max(...runs.flatMap((g) => g[i] ?? [])) - Math.min(...runs.flatMap((g) => g[i] ?? [])));
      const spreadShare = spread.reduce((a, b) => a + b, 0) / indices.reduce((a, i) => a + ceiling(i), 0);
      lab.expect(lowerHalf > 0 && spreadShare >= 0.25, {
        expected: {
          en: 'random waits (full jitter): they differ from run to run, and some are shorter than half their ceiling',
          ja: 'ランダムな待ち時間(フルジッター): 実行ごとに違い、上限の半分より短いものもあること',
        },
        actual: {
          en: `${all.length} waits, ${lowerHalf} in the lower half; the same wait differs across runs by ${ms(spread)} (waits: ${waits})`,
          ja: `待ち時間 ${all.length} 個のうち、下半分は ${lowerHalf} 個。同じ待ち時間の実行ごとの差は ${ms(spread)}(待ち時間: ${waits})`,
        },
      });
    },
  },
  {
    name: {
      en: 'Prints one "attempt N failed: <exception class>" line on stderr for every failed attempt',
      ja: '失敗した試行ごとに、"attempt N failed: <例外クラス>" の 1 行を stderr に表示する',
    },
    covers: ['for every failed attempt, print one line to stderr starting with attempt N failed:'],
    hints: [
      {
        en: 'The learner (or a log) should see each failure as it happens: one line per failed attempt, numbered from 1.',
        ja: '使う人(またはログ)には、失敗が起きるたびに見えるべきです。失敗した試行ごとに 1 行、1 から番号を付けて。',
      },
      {
        en: 'print(f"attempt {attempt} failed: {type(e).__name__}; retrying in {delay:.2f} s", file=sys.stderr)',
        ja: 'たとえば: print(f"attempt {attempt} failed: {type(e).__name__}; retrying in {delay:.2f} s", file=sys.stderr)',
      },
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'refuse-first', port: PORT, count: 2 });
      const r = await lab.run('client.py', { args: ARGS, ...RUN });
      const lines = attemptLines(r.stderr);
      // As many lines as the server refused attempts (a client that does not wait can meet more refusals than 2).
      await peer.sync(); // every refusal of the finished client counted, however late the peer runs
      const refused = peer.events.filter((e) => e.event === 'attempt').length;
      const right =
        refused >= 1 && lines.length === refused && lines.every((l, i) => l.startsWith(`attempt ${i + 1} failed:`) && l.includes('ConnectionRefusedError'));
      const ran = told(r);
      lab.expect(right, {
        expected: {
          en: `on stderr, one line per refused attempt (the server refused ${refused}): "attempt 1 failed: ConnectionRefusedError…", "attempt 2 failed: …", and nothing for the attempt that worked`,
          ja: `stderr に、拒否された試行ごとに 1 行(サーバーが拒否したのは ${refused} 回): "attempt 1 failed: ConnectionRefusedError…"、"attempt 2 failed: …"。うまくいった試行には何も出さない`,
        },
        actual: lines.length
          ? { en: `on stderr: ${lines.join(' / ')}`, ja: `stderr の表示: ${lines.join(' / ')}` }
          : attemptLines(r.stdout).length
            ? { en: `the lines went to stdout: ${attemptLines(r.stdout).join(' / ')}`, ja: `その行は stdout に出ました: ${attemptLines(r.stdout).join(' / ')}` }
            : { en: `no "attempt N failed:" lines on stderr; ${ran.en}`, ja: `stderr に "attempt N failed:" の行がありません。${ran.ja}` },
      });
    },
  },
]);
