// Checks for lesson 2: diagnose.py names each failure of the lab network correctly, exits 1 for a
// failure and 0 for a connection, never crashes, and gives up on a silent host within 3 s. Every
// text a learner reads is in English and Japanese (the lesson has both).
import { defineChecks, type CheckLab, type ProgramResult, type Words } from '../../sandbox/checks/check-api.js';

const PORT = '65432';

const said = (r: ProgramResult) => (r.stdout + r.stderr).trim().split('\n').pop() || 'nothing';
const told = (r: ProgramResult): Words =>
  r.uncaught || r.timedOut
    ? r.said
    : { en: `it printed "${said(r)}" and exited with status ${r.exitCode}`, ja: `"${said(r)}" と表示し、終了ステータス ${r.exitCode} で終わりました` };

/** Runs diagnose.py against `host` and expects a line starting with `word` and exit status 1. */
async function expectDiagnosis(lab: CheckLab, host: string, word: string, why: Words & object, port = PORT) {
  const r = await lab.run('diagnose.py', { args: [host, port], timeoutMs: 5000 });
  lab.expect(!r.uncaught && r.exitCode === 1 && said(r).toLowerCase().startsWith(word), {
    expected: {
      en: `for ${host}:${port} (${why.en}), a line starting with "${word}" and exit status 1`,
      ja: `${host}:${port}(${why.ja})に対して、"${word}" で始まる 1 行と終了ステータス 1`,
    },
    actual: told(r),
  });
  return r;
}

/** Python source with comments and string literals blanked out: what is left is code. */
function codeOnly(source: string): string {
  return source
    .replace(/[rbfRBF]{0,2}("""|''')[\s\S]*?\1/g, ' ')
    .replace(/[rbfRBF]{0,2}("|')(?:\\.|(?!\1)[^\\\n])*\1/g, ' ')
    .replace(/#.*$/gm, '');
}

/** Numbers in the code that look like errno values (10–199), when the code looks at errno at all. */
function errnoNumbers(source: string): string[] {
  const code = codeOnly(source);
  if (!/\berrno\b|\.args\[0\]/.test(code)) return [];
  return [...new Set(code.match(/(?<![\w.])(?:1\d\d|[1-9]\d)(?![\w.])/g) ?? [])];
}

export default defineChecks([
  {
    name: { en: 'Says connected, or refused when nothing listens', ja: '接続できれば connected、誰も待ち受けていなければ refused と言う' },
    covers: ['connected (exit status 0) when the connect works', 'otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      {
        en: 'A refused connect raises ConnectionRefusedError: catch it by name and print a line starting with "refused".',
        ja: '拒否された接続は ConnectionRefusedError を発生させます。名前で捕まえて、"refused" で始まる 1 行を表示しましょう。',
      },
      {
        en: 'Exit with sys.exit(1) after a failure, and 0 (the default) after "connected".',
        ja: '失敗したら sys.exit(1) で終わり、"connected" のあとは 0(既定値)で終わります。',
      },
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'echo', port: Number(PORT) });
      const ok = await lab.run('diagnose.py', { args: ['127.0.0.1', PORT], timeoutMs: 5000 });
      lab.expect(ok.exitCode === 0 && said(ok) === 'connected', {
        expected: { en: 'for a port with a server, "connected" and exit status 0', ja: 'サーバーのいるポートに対して、"connected" と終了ステータス 0' },
        actual: told(ok),
      });
      await expectDiagnosis(lab, '127.0.0.1', 'refused', { en: 'nothing listens there', ja: '誰も待ち受けていない' }, '65439');
      await expectDiagnosis(lab, 'closed.lab', 'refused', { en: 'a host that refuses every port', ja: 'どのポートも拒否するホスト' });
    },
  },
  {
    name: { en: 'Gives up on a silent host within 3 s, saying timed out', ja: '黙ったホストには 3 秒以内にあきらめ、timed out と言う' },
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      {
        en: 'Without a timeout, connect() waits for the kernel to give up: 7 s in the lab, minutes elsewhere.',
        ja: 'タイムアウトがないと、connect() はカーネルがあきらめるまで待ちます。ラボでは 7 秒、ほかの環境では数分です。',
      },
      {
        en: 'socket.create_connection((host, port), timeout=2), then catch TimeoutError.',
        ja: 'socket.create_connection((host, port), timeout=2) として、TimeoutError を捕まえましょう。',
      },
    ],
    async run(lab) {
      const r = await expectDiagnosis(lab, 'silent.lab', 'timed out', { en: 'a host that never answers', ja: '決して答えないホスト' });
      const took = (r.durationMs / 1000).toFixed(1);
      lab.expect(r.durationMs < 3500, {
        expected: { en: 'the answer within 3 s', ja: '3 秒以内の答え' },
        actual: { en: `it took ${took} s`, ja: `${took} 秒かかりました` },
      });
    },
  },
  {
    name: { en: 'Says unreachable for hosts with no route', ja: '経路のないホストには unreachable と言う' },
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      {
        en: 'unreachable.lab and offline.lab raise a plain OSError: there is no subclass for "no route". Look at e.errno.',
        ja: 'unreachable.lab と offline.lab はただの OSError を発生させます。「経路がない」を表すサブクラスはありません。e.errno を見ましょう。',
      },
      {
        en: 'Compare with the constants: e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH). The numbers differ between Linux, macOS and Windows.',
        ja: '定数と比べましょう: e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH)。番号は Linux、macOS、Windows で違います。',
      },
    ],
    async run(lab) {
      await expectDiagnosis(lab, 'unreachable.lab', 'unreachable', { en: 'no route to the host', ja: 'ホストへの経路がない' });
      await expectDiagnosis(lab, 'offline.lab', 'unreachable', { en: 'no route to the network', ja: 'ネットワークへの経路がない' });
    },
  },
  {
    name: { en: 'Says blocked when a firewall forbids it', ja: 'ファイアウォールが禁止していれば blocked と言う' },
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      {
        en: 'A firewall that rejects with "administratively prohibited" shows up as PermissionError: catch it before OSError.',
        ja: '"administratively prohibited" で拒否するファイアウォールは PermissionError として現れます。OSError より先に捕まえましょう。',
      },
    ],
    async run(lab) {
      await expectDiagnosis(lab, 'blocked.lab', 'blocked', { en: 'a firewall rule forbids it', ja: 'ファイアウォールの規則が禁止している' });
    },
  },
  {
    name: { en: 'Says unknown host when the name does not resolve', ja: '名前を解決できなければ unknown host と言う' },
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      {
        en: 'A name that does not resolve raises socket.gaierror, before any packet is sent.',
        ja: '解決できない名前は、パケットを送る前に socket.gaierror を発生させます。',
      },
      {
        en: 'socket.gaierror is an OSError but not a ConnectionError. If you catch it by name and still see another line, look at the order: an except OSError above it catches it first.',
        ja: 'socket.gaierror は OSError ですが ConnectionError ではありません。名前で捕まえているのに別の行が出るなら、順番を確かめましょう。上にある except OSError が先に捕まえています。',
      },
    ],
    async run(lab) {
      await expectDiagnosis(lab, 'nowhere.lab', 'unknown host', { en: 'a name with no address', ja: 'アドレスのない名前' });
    },
  },
  {
    name: {
      en: 'Tells failures apart by exception class or errno name, never by errno number',
      ja: '失敗を例外クラスか errno の名前で見分け、errno の番号は使わない',
    },
    covers: ['no errno numbers in the code'],
    hints: [
      {
        en: 'errno numbers differ between Linux, macOS and Windows (ECONNREFUSED is 111, 61 and 10061): code that compares numbers is right on one of them only.',
        ja: 'errno の番号は Linux、macOS、Windows で違います(ECONNREFUSED は 111、61、10061)。番号を比べるコードが正しいのは、そのうち 1 つの上だけです。',
      },
      {
        en: 'Catch ConnectionRefusedError, TimeoutError, socket.gaierror…; where Python has no class (unreachable), compare e.errno with errno.EHOSTUNREACH, the name.',
        ja: 'ConnectionRefusedError、TimeoutError、socket.gaierror などを捕まえましょう。Python にクラスがない場合(unreachable)は、e.errno を名前の errno.EHOSTUNREACH と比べます。',
      },
    ],
    async run(lab) {
      const source = (await lab.readFile('diagnose.py')) ?? '';
      const numbers = errnoNumbers(source);
      lab.expect(source.trim() !== '' && numbers.length === 0, {
        expected: {
          en: 'exception classes, or errno constants by name (errno.EHOSTUNREACH), in diagnose.py',
          ja: 'diagnose.py が例外クラスか、名前の errno 定数(errno.EHOSTUNREACH)を使うこと',
        },
        actual: source.trim()
          ? {
              en: `diagnose.py looks at errno and compares numbers: ${numbers.join(', ')}`,
              ja: `diagnose.py は errno を見て、番号と比べています: ${numbers.join(', ')}`,
            }
          : { en: 'diagnose.py is empty', ja: 'diagnose.py が空です' },
      });
    },
  },
]);
