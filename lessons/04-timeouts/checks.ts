// Checks for lesson 4: the client gives up on 2 s of silence (at connect and at recv), not
// sooner and not much later, says so on stderr with status 1, and still works with healthy and
// merely slow servers. Every text a learner reads is in English and Japanese (the lesson has both).
import { defineChecks, type CheckLab, type ProgramResult, type Words } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const RUN = { timeoutMs: 6000 };
/** "About 2 s", as the statement defines it. */
const ABOUT_2S = { min: 1500, max: 3000 };

/** How the run went, in the learner's terms. */
const told = (r: ProgramResult) => {
  const took = (r.durationMs / 1000).toFixed(1);
  return { en: `${r.said.en} after ${took} s`, ja: `${r.said.ja}(${took} 秒後)` };
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const byou = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;
/** What the program printed, or how it ended. */
const printedOr = (r: ProgramResult): Words =>
  r.stdout.trim() ? { en: `it printed "${r.stdout.trim()}"`, ja: `"${r.stdout.trim()}" と表示しました` } : told(r);

/** The statement's "gives up" bullet: one line on stderr, no traceback, status 1. */
function expectGaveUpCleanly(lab: CheckLab, r: ProgramResult): void {
  const stderrLines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => l.trim());
  const stdout = r.stdout.trim().split('\n').pop();
  lab.expect(!r.timedOut && r.exitCode === 1 && !r.uncaught && stderrLines.length >= 1, {
    expected: { en: 'a short line on stderr, no traceback, and exit status 1', ja: 'stderr に短い 1 行、トレースバックなし、終了ステータス 1' },
    actual: {
      en: `${told(r).en}${stderrLines.length ? '' : '; it printed nothing on stderr'}${stdout ? `; on stdout: "${stdout}"` : ''}`,
      ja: `${told(r).ja}${stderrLines.length ? '' : '。stderr には何も表示しませんでした'}${stdout ? `。stdout には "${stdout}"` : ''}`,
    },
    hint:
      r.exitCode === 0 && !r.timedOut
        ? {
            en: 'Giving up is a failure: return 1 from main() (sys.exit(main())), so scripts can tell.',
            ja: 'あきらめるのは失敗です。main() から 1 を返しましょう(sys.exit(main()))。そうすればスクリプトが区別できます。',
          }
        : !stderrLines.length
          ? {
              en: 'Print the message with print(..., file=sys.stderr): stdout is for results, stderr for problems.',
              ja: 'メッセージは print(..., file=sys.stderr) で表示しましょう。stdout は結果のため、stderr は問題のためにあります。',
            }
          : undefined,
  });
}

export default defineChecks([
  {
    name: {
      en: 'Gives up on a host that never answers the connect after about 2 s (1.5–3 s)',
      ja: '接続に決して答えないホストを、約 2 秒(1.5〜3 秒)であきらめる',
    },
    covers: ['when the connect gets no answer for 2 seconds', 'when it gives up, print one short line to stderr'],
    hints: [
      {
        en: 'silent.lab swallows the SYN: connect() waits for an answer that never comes. Give the connect a deadline.',
        ja: 'silent.lab は SYN を飲み込みます。connect() は来ない返事を待ち続けます。接続に期限を付けましょう。',
      },
      {
        en: 'socket.create_connection((host, port), timeout=2) raises TimeoutError after 2 s.',
        ja: 'socket.create_connection((host, port), timeout=2) は 2 秒後に TimeoutError を発生させます。',
      },
      {
        en: 'Catch TimeoutError, print a short message to stderr and return 1 (sys.exit(main())).',
        ja: 'TimeoutError を捕まえ、短いメッセージを stderr に表示して、1 を返しましょう(sys.exit(main()))。',
      },
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['silent.lab', String(PORT)], ...RUN });
      lab.expect(!r.timedOut && r.durationMs >= ABOUT_2S.min && r.durationMs <= ABOUT_2S.max, {
        expected: {
          en: `the client to give up after about 2 s (between ${seconds(ABOUT_2S.min)} and ${seconds(ABOUT_2S.max)})`,
          ja: `クライアントが約 2 秒(${byou(ABOUT_2S.min)}から${byou(ABOUT_2S.max)}の間)であきらめること`,
        },
        actual: told(r),
        hint:
          r.durationMs < ABOUT_2S.min
            ? {
                en: 'That is sooner than the exercise asks: a connect over a slow network can take a second or more.',
                ja: '演習が求めるより早すぎます。遅いネットワークでは、接続に 1 秒以上かかることもあります。',
              }
            : undefined,
      });
      expectGaveUpCleanly(lab, r);
    },
  },
  {
    name: {
      en: 'Gives up on a server that accepts but never answers, about 2 s after the request (1.5–3 s)',
      ja: '受け付けたのに答えないサーバーを、要求から約 2 秒(1.5〜3 秒)であきらめる',
    },
    covers: ['when the server accepted but sends no reply for 2 seconds', 'when it gives up, print one short line to stderr'],
    hints: [
      {
        en: 'The connect worked; now recv() waits for a reply that never comes. The socket needs a timeout for reads too.',
        ja: '接続は成功しました。今度は recv() が来ない返事を待っています。ソケットには読み込みのタイムアウトも必要です。',
      },
      {
        en: 'create_connection(..., timeout=2) leaves that timeout on the socket, unless something sets it back to None.',
        ja: 'create_connection(..., timeout=2) はそのタイムアウトをソケットに残します。どこかで None に戻していない限りは。',
      },
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'never-answer', port: PORT });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      // Measured from the moment the peer received the request: the interpreter's start-up, slow on a busy host, does not count.
      const asked = peer.events.find((e) => e.event === 'recv')?.at;
      const waited = asked === undefined ? undefined : r.endedAt - asked;
      lab.expect(!r.timedOut && waited !== undefined && waited >= ABOUT_2S.min && waited <= ABOUT_2S.max, {
        expected: {
          en: `the client to stop waiting for the reply about 2 s after sending its request (between ${seconds(ABOUT_2S.min)} and ${seconds(ABOUT_2S.max)})`,
          ja: `クライアントが要求を送ってから約 2 秒(${byou(ABOUT_2S.min)}から${byou(ABOUT_2S.max)}の間)で返事を待つのをやめること`,
        },
        actual:
          waited === undefined
            ? { en: `the server never received a request; ${told(r).en}`, ja: `サーバーは要求を受け取りませんでした。${told(r).ja}` }
            : { en: `it waited ${seconds(waited)} after its request; ${told(r).en}`, ja: `要求のあと ${byou(waited)}待ちました。${told(r).ja}` },
      });
      expectGaveUpCleanly(lab, r);
    },
  },
  {
    name: { en: 'Still gets the answer from a healthy server', ja: '正常なサーバーからは、これまでどおり答えを受け取る' },
    covers: ['against a healthy server, behave exactly as before'],
    hints: [
      {
        en: 'Timeouts must not change the happy path: send, receive, print "Received: …", exit 0.',
        ja: 'タイムアウトで、うまくいく場合の流れを変えてはいけません。送信し、受信し、"Received: …" と表示し、0 で終わります。',
      },
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'echo', port: PORT });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: { en: 'Received: hello, and exit status 0', ja: 'Received: hello と、終了ステータス 0' },
        actual: printedOr(r),
      });
    },
  },
  {
    name: { en: 'Waits for a server that answers after 1.5 s', ja: '1.5 秒後に答えるサーバーを待つ' },
    covers: ['also when the reply takes 1.5 s'],
    hints: [
      {
        en: 'A timeout is a deadline for silence, not a speed test: 1.5 s of quiet is within the 2 s the exercise allows.',
        ja: 'タイムアウトは沈黙への期限で、速さのテストではありません。1.5 秒の沈黙は、演習が許す 2 秒の範囲内です。',
      },
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'slow', port: PORT, delay: 1500 });
      const r = await lab.run('client.py', { args: ['127.0.0.1', String(PORT)], ...RUN });
      lab.expect(r.exitCode === 0 && r.stdout.includes('Received: hello'), {
        expected: { en: 'the reply after about 1.5 s, and exit status 0', ja: '約 1.5 秒後の返事と、終了ステータス 0' },
        actual: printedOr(r),
      });
    },
  },
]);
