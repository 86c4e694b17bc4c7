// Checks for lesson 8: the server logs to server.log (and the console) with time and level, one
// INFO line per connection opened and closed, a WARNING for a reset, a traceback for its own bugs,
// no passwords and no DEBUG noise by default, and a log file that rotates. Every text a learner reads
// is in English and Japanese (the lesson has both).
import { defineChecks, type CheckLab, joinWords, serverEnded } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const STAMP = /\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/;

/** server.log once it matches `pattern` (polled for up to 2 s), or whatever it holds by then. */
async function logMatching(lab: CheckLab, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 2000;
  let text = (await lab.readFile('server.log')) ?? '';
  while (!pattern.test(text) && Date.now() < deadline) {
    await lab.sleep(100);
    text = (await lab.readFile('server.log')) ?? '';
  }
  return text;
}

const tail = (text: string | undefined, lines = 3) => {
  if (text === undefined) return { en: 'there is no server.log', ja: 'server.log がありません' };
  if (!text.trim()) return { en: 'server.log is empty', ja: 'server.log は空です' };
  const last = text.trim().split('\n').slice(-lines).join(' / ');
  return { en: `server.log ends with: ${last}`, ja: `server.log の最後: ${last}` };
};

export default defineChecks([
  {
    name: { en: 'Logs each connection to server.log, with time and level', ja: '接続ごとに、時刻とレベル付きで server.log に記録する' },
    covers: ['every line carries the date, time and level', 'an INFO line when a client connects'],
    hints: [
      {
        en: 'print() writes to the terminal only, with no time and no level. Use the logging module, configured once at startup.',
        ja: 'print() はターミナルにしか書かず、時刻もレベルもありません。logging モジュールを使い、起動時に 1 回だけ設定しましょう。',
      },
      {
        en: 'logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=[RotatingFileHandler("server.log", …), logging.StreamHandler()])',
        ja: 'たとえば: logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=[RotatingFileHandler("server.log", …), logging.StreamHandler()])',
      },
      {
        en: 'Then log = logging.getLogger("server"), and log.info("%s connected", who) / log.info("%s closed the connection", who) around each client.',
        ja: 'そのうえで log = logging.getLogger("server") とし、各クライアントの前後で log.info("%s connected", who) / log.info("%s closed the connection", who) と書きます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const client = await lab.run('client.py', { args: ['ADD 2 3'], timeoutMs: 4000 });
      lab.expect(client.stdout.includes("'ADD 2 3' -> 5"), {
        expected: { en: "the client to print 'ADD 2 3' -> 5", ja: "クライアントが 'ADD 2 3' -> 5 と表示すること" },
        actual: joinWords(client.said, await serverEnded(server)),
      });
      const log = await logMatching(lab, /INFO[^\n]*127\.0\.0\.1:\d+[\s\S]*INFO[^\n]*127\.0\.0\.1:\d+/);
      const lines = log.split('\n').filter((l) => /INFO/.test(l) && /127\.0\.0\.1:\d+/.test(l));
      lab.expect(lines.length >= 2 && lines.every((l) => STAMP.test(l)), {
        expected: {
          en: 'in server.log, an INFO line with a date and time for the connection opening and one for it closing, each with the client address (127.0.0.1:port)',
          ja: 'server.log に、接続の開始と終了それぞれについて、日付と時刻、クライアントのアドレス(127.0.0.1:port)付きの INFO の行',
        },
        actual: tail(await lab.readFile('server.log')),
      });
    },
  },
  {
    name: { en: 'Logs a client that resets as a WARNING', ja: 'リセットしたクライアントを WARNING で記録する' },
    covers: ['a WARNING line that says "reset"'],
    hints: [
      {
        en: 'A reset is the client misbehaving (or crashing), not your bug: WARNING is the level for it.',
        ja: 'リセットはクライアントの不始末(またはクラッシュ)で、あなたのバグではありません。それにふさわしいレベルは WARNING です。',
      },
      {
        en: 'except ConnectionResetError: log.warning("%s reset the connection", who)',
        ja: 'たとえば: except ConnectionResetError: log.warning("%s reset the connection", who)',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.run('client.py', { args: ['--reset', 'ADD 1 1'], timeoutMs: 4000 });
      const log = await logMatching(lab, /WARNING[^\n]*reset/i);
      lab.expect(/WARNING[^\n]*reset/i.test(log), {
        expected: { en: 'a WARNING line in server.log that mentions the reset', ja: 'server.log に、リセットに触れる WARNING の行' },
        actual: joinWords(tail(await lab.readFile('server.log')), await serverEnded(server)),
      });
    },
  },
  {
    name: { en: 'Logs its own bugs with the traceback, and keeps serving', ja: '自分のバグをトレースバック付きで記録し、動き続ける' },
    covers: ['an unexpected exception while serving a client'],
    hints: [
      {
        en: 'DIV 1 0 raises ZeroDivisionError, which nobody planned for. Around each client, catch Exception as a last resort.',
        ja: 'DIV 1 0 は、誰も想定していなかった ZeroDivisionError を発生させます。各クライアントの周りで、最後の手段として Exception を捕まえましょう。',
      },
      {
        en: 'In that except block call log.exception("unexpected error while serving %s", who): it logs at ERROR and adds the whole traceback.',
        ja: 'その except の中で log.exception("unexpected error while serving %s", who) を呼びます。ERROR で記録し、トレースバック全体を付け加えます。',
      },
      {
        en: 'log.error(e) or log.error(str(e)) keeps only the message: where it happened is lost.',
        ja: 'log.error(e) や log.error(str(e)) ではメッセージしか残らず、どこで起きたかが失われます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.run('client.py', { args: ['DIV 1 0'], timeoutMs: 4000 });
      const next = await lab.run('client.py', { args: ['ADD 1 2'], timeoutMs: 4000 });
      const first = next.stdout.trim() ? `: ${next.stdout.trim().split('\n')[0]}` : '';
      lab.expect(next.stdout.includes("'ADD 1 2' -> 3"), {
        expected: {
          en: 'after a client sent DIV 1 0, the next client to get its answer',
          ja: 'DIV 1 0 を送ったクライアントのあと、次のクライアントが答えを受け取ること',
        },
        actual: joinWords({ en: `the next client ${next.summary}${first}`, ja: `次のクライアント: ${next.said.ja}${first}` }, await serverEnded(server)),
      });
      const log = await logMatching(lab, /Traceback[\s\S]*ZeroDivisionError/);
      lab.expect(/ERROR[\s\S]*Traceback \(most recent call last\)[\s\S]*ZeroDivisionError/.test(log), {
        expected: {
          en: 'an ERROR line in server.log followed by the traceback of the ZeroDivisionError',
          ja: 'server.log に、ERROR の行と、それに続く ZeroDivisionError のトレースバック',
        },
        actual: tail(await lab.readFile('server.log'), 4),
      });
    },
  },
  {
    name: { en: 'Keeps passwords and DEBUG noise out of the log', ja: 'パスワードと DEBUG の雑音をログに入れない' },
    covers: ['never log what a client sent in full'],
    hints: [
      {
        en: 'Log what happened, not what was said: a received line can hold a password. Log the command name, the user, sizes.',
        ja: '書くのは起きたことで、言われたことではありません。受信した行にはパスワードが入っていることがあります。コマンド名、ユーザー、サイズを書きましょう。',
      },
      {
        en: 'The default level is INFO: log.debug(…) lines appear only when you ask for them (--debug).',
        ja: '既定のレベルは INFO です。log.debug(…) の行は、求めたとき(--debug)だけ現れます。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.run('client.py', { args: ['LOGIN alice s3cret-pa55', 'ADD 4 4'], timeoutMs: 4000 });
      const log = await logMatching(lab, /closed|INFO[\s\S]*INFO/);
      const leaked = log.includes('s3cret-pa55');
      const debug = log.split('\n').filter((l) => /\bDEBUG\b/.test(l));
      lab.expect(log.trim() !== '' && !leaked && debug.length === 0, {
        expected: {
          en: 'server.log with lines about the client, without the password "s3cret-pa55" and without DEBUG lines',
          ja: 'クライアントについての行があり、パスワード "s3cret-pa55" も DEBUG の行もない server.log',
        },
        actual:
          log.trim() === ''
            ? joinWords(tail(await lab.readFile('server.log')), await serverEnded(server))
            : leaked
              ? {
                  en: `the password is in server.log: ${log.split('\n').find((l) => l.includes('s3cret-pa55'))}`,
                  ja: `パスワードが server.log にあります: ${log.split('\n').find((l) => l.includes('s3cret-pa55'))}`,
                }
              : { en: `${debug.length} DEBUG line(s), e.g. ${debug[0]}`, ja: `DEBUG の行が ${debug.length} 行あります。例: ${debug[0]}` },
      });
    },
  },
  {
    name: { en: 'Rotates server.log at 10 kB', ja: 'server.log を 10 kB でローテーションする' },
    covers: ['log to server.log with a RotatingFileHandler'],
    hints: [
      {
        en: 'A log that only grows fills the disk one day. logging.handlers.RotatingFileHandler renames server.log to server.log.1 when it is full and starts a new one.',
        ja: '大きくなる一方のログは、いつかディスクをいっぱいにします。logging.handlers.RotatingFileHandler は、いっぱいになった server.log を server.log.1 に名前を変え、新しいファイルを始めます。',
      },
      {
        en: 'RotatingFileHandler("server.log", maxBytes=10_000, backupCount=3): maxBytes alone is not enough, without backupCount it never rotates.',
        ja: 'RotatingFileHandler("server.log", maxBytes=10_000, backupCount=3) としましょう。maxBytes だけでは足りず、backupCount がないと決してローテーションしません。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const flood = await lab.run('client.py', { args: ['--repeat', '150', 'ADD 1 1'], timeoutMs: 6000 });
      lab.expect(flood.exitCode === 0, {
        expected: { en: '150 connections, one after another, to be served', ja: '続けて 150 回接続し、どれも相手をしてもらえること' },
        actual: joinWords({ en: `the client ${flood.summary}`, ja: `クライアント: ${flood.said.ja}` }, await serverEnded(server)),
      });
      await lab.sleep(300);
      const current = (await lab.readFile('server.log')) ?? '';
      const rotated = await lab.readFile('server.log.1');
      lab.expect(rotated !== undefined && Buffer.byteLength(current) <= 10_000 && Buffer.byteLength(rotated) <= 10_000, {
        expected: {
          en: 'after 150 connections, server.log.1 next to server.log, each at most 10,000 bytes',
          ja: '150 回の接続のあと、server.log の隣に server.log.1 があり、どちらも 10,000 バイト以下であること',
        },
        actual:
          rotated === undefined
            ? {
                en: `no server.log.1; server.log has ${Buffer.byteLength(current)} bytes`,
                ja: `server.log.1 がありません。server.log は ${Buffer.byteLength(current)} バイトです`,
              }
            : {
                en: `server.log has ${Buffer.byteLength(current)} bytes, server.log.1 ${Buffer.byteLength(rotated)}`,
                ja: `server.log は ${Buffer.byteLength(current)} バイト、server.log.1 は ${Buffer.byteLength(rotated)} バイトです`,
              },
      });
    },
  },
]);
