// Checks for lesson 9: clients are served at the same time, a silent client is dropped after its
// timeout, SIGTERM and Ctrl-C stop the server cleanly even with clients connected, and it can start
// again at once (SO_REUSEADDR). Every text a learner reads is in English and Japanese (the lesson has both).
import { defineChecks, type CheckLab, type ClientReport, type ProgramResult, type Words, joinWords, serverEnded } from '../../sandbox/checks/check-api.js';

const PORT = 65432;

const saw = (r: ClientReport) => {
  const s = r.elapsed.toFixed(1);
  return r.text
    ? { en: `it got "${r.text.trim()}" after ${s} s`, ja: `${s} 秒後に "${r.text.trim()}" を受け取りました` }
    : r.eof
      ? { en: 'the server closed the connection without answering', ja: 'サーバーは答えずに接続を閉じました' }
      : { en: `no answer (${r.exception ?? 'nothing arrived'} after ${s} s)`, ja: `答えがありません(${s} 秒後に ${r.exception ?? '何も届かず'})` };
};

/** Stops the server with `sig` while an idle client is connected; says how it went. */
async function stopWithClientConnected(lab: CheckLab, sig: 'SIGTERM' | 'SIGINT') {
  const server = await lab.startServer('server.py', PORT);
  await lab.holdConnection(PORT, 15_000);
  await lab.sleep(300);
  const sent = Date.now();
  const result: ProgramResult | undefined = await server.signal(sig, 2000);
  const took = (Date.now() - sent) / 1000;
  const name = sig === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM';
  lab.expect(result !== undefined, {
    expected: {
      en: `${name} to stop the server within 2 s, with an idle client connected`,
      ja: `黙ったクライアントが接続した状態で、${name} でサーバーが 2 秒以内に止まること`,
    },
    actual: { en: 'it was still running 2 s later', ja: '2 秒後もまだ動いていました' },
    hint: {
      en: 'Something is still waiting: a blocked accept() with no timeout, or a client thread in recv() that nobody woke up (non-daemon threads keep Python alive).',
      ja: 'まだ何かが待っています。タイムアウトのない accept() か、誰も起こさなかった recv() の中のクライアントのスレッドです(デーモンでないスレッドは Python を生かし続けます)。',
    },
  });
  lab.expect(result!.exitCode === 0, {
    expected: { en: `after ${name}, a clean exit (status 0)`, ja: `${name} のあと、きれいな終了(ステータス 0)` },
    actual: { en: `${result!.said.en} after ${took.toFixed(1)} s`, ja: `${result!.said.ja}(${took.toFixed(1)} 秒後)` },
    hint: stopHint(result!, sig),
  });
}

/** A hint for what was seen: killed by the signal itself (no handler), or ended on its own with an error. */
function stopHint(result: ProgramResult, sig: 'SIGINT' | 'SIGTERM'): Words | undefined {
  if (result.signal === 'SIGTERM' && sig === 'SIGTERM') {
    return {
      en: 'Without a handler, SIGTERM kills Python on the spot: signal.signal(signal.SIGTERM, handler) turns it into something your loop can notice.',
      ja: 'ハンドラーがないと、SIGTERM は Python をその場で殺します。signal.signal(signal.SIGTERM, handler) で、ループが気付けるものに変えましょう。',
    };
  }
  if (result.uncaught) {
    return {
      en: `Your server stopped with an exception on the way out (${result.uncaught}): fix that, and let it end normally.`,
      ja: `サーバーは終わる途中で例外により止まりました(${result.uncaught})。それを直して、普通に終わるようにしましょう。`,
    };
  }
  if (result.exitCode !== 0) {
    return {
      en: `Your server stopped by itself, but with status ${result.exitCode}: after closing everything, let the program end normally (or sys.exit(0)).`,
      ja: `サーバーは自分で止まりましたが、ステータスは ${result.exitCode} でした。すべて閉じたあと、プログラムを普通に終わらせましょう(または sys.exit(0))。`,
    };
  }
  return undefined;
}

export default defineChecks([
  {
    name: { en: 'Serves two clients at the same time', ja: '2 つのクライアントを同時に相手にする' },
    covers: ['each client is served in its own thread'],
    hints: [
      {
        en: 'While the server sits in recv() for one client, it cannot accept() the next. Give each client its own thread.',
        ja: 'サーバーが 1 つのクライアントのために recv() で待っている間は、次を accept() できません。クライアントごとに専用のスレッドを与えましょう。',
      },
      {
        en: 'In the accept loop: threading.Thread(target=handle, args=(conn, who), daemon=True).start(), and move the echo loop into handle().',
        ja: 'accept のループで threading.Thread(target=handle, args=(conn, who), daemon=True).start() とし、エコーのループを handle() に移します。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const idle = await lab.holdConnection(PORT, 15_000);
      await lab.sleep(200);
      const r = await lab.client(PORT, { message: 'anyone home?\n', timeoutMs: 1500 });
      idle.close();
      lab.expect(r.text === 'anyone home?\n', {
        expected: {
          en: 'an echo within 1.5 s while another client is connected and silent',
          ja: '別のクライアントが接続して黙っている間に、1.5 秒以内のエコー',
        },
        actual: joinWords(saw(r), await serverEnded(server)),
      });
    },
  },
  {
    name: { en: 'Drops a client that stays silent for 3 s', ja: '3 秒黙ったクライアントを切る' },
    covers: ['a client silent for 3 s is disconnected'],
    hints: [
      {
        en: 'A client that connects and never sends holds a thread forever, and a thousand of them hold a thousand threads.',
        ja: '接続して何も送らないクライアントはスレッドをいつまでも占有し、1000 個あれば 1000 のスレッドを占有します。',
      },
      {
        en: 'conn.settimeout(3.0) in the client thread: recv() then raises TimeoutError after 3 s of silence. Catch it and close the connection.',
        ja: 'クライアントのスレッドで conn.settimeout(3.0) とすれば、3 秒黙ったあと recv() が TimeoutError を発生させます。捕まえて接続を閉じましょう。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const r = await lab.client(PORT, { message: '', expect: 1, timeoutMs: 6000 });
      const s = r.elapsed.toFixed(1);
      lab.expect((r.eof || r.exception === 'ConnectionResetError') && r.elapsed >= 2 && r.elapsed <= 5, {
        expected: {
          en: 'the server to close the connection of a silent client after about 3 s',
          ja: 'サーバーが、黙ったクライアントの接続を約 3 秒後に閉じること',
        },
        actual:
          r.eof || r.exception === 'ConnectionResetError'
            ? { en: `it closed it after ${s} s`, ja: `${s} 秒後に閉じました` }
            : joinWords(
                { en: `it kept the connection open for ${s} s, until the lab gave up`, ja: `ラボがあきらめるまで ${s} 秒間、接続を開いたままでした` },
                await serverEnded(server),
              ),
      });
    },
  },
  {
    name: { en: 'Stops cleanly on SIGTERM, with a client connected', ja: 'クライアントが接続していても、SIGTERM できれいに止まる' },
    covers: ['SIGTERM and Ctrl-C both make it stop within 2 s'],
    hints: [
      {
        en: "kill and service managers send SIGTERM, not Ctrl-C. Python's default for SIGTERM is to die at once, without running finally blocks.",
        ja: 'kill やサービスの管理ソフトが送るのは、Ctrl-C ではなく SIGTERM です。Python の SIGTERM の既定の動作は、finally も実行せずに即座に死ぬことです。',
      },
      {
        en: 'signal.signal(signal.SIGTERM, handler) where handler sets a threading.Event; the accept loop (with a timeout) checks it, then the server closes its clients and returns.',
        ja: 'signal.signal(signal.SIGTERM, handler) とし、handler は threading.Event をセットします。(タイムアウト付きの)accept のループがそれを確かめ、サーバーはクライアントを閉じて戻ります。',
      },
    ],
    async run(lab) {
      await stopWithClientConnected(lab, 'SIGTERM');
    },
  },
  {
    name: { en: 'Stops cleanly on Ctrl-C, with a client connected', ja: 'クライアントが接続していても、Ctrl-C できれいに止まる' },
    covers: ['SIGTERM and Ctrl-C both make it stop within 2 s'],
    hints: [
      {
        en: 'After Ctrl-C, Python waits for every non-daemon thread before it exits, and a client thread blocked in recv() waits for its client.',
        ja: 'Ctrl-C のあと、Python は終わる前にデーモンでないスレッドをすべて待ちます。recv() で止まったクライアントのスレッドは、そのクライアントを待っています。',
      },
      {
        en: 'Make client threads daemon=True, or wake them: conn.shutdown(socket.SHUT_RDWR) on each open client socket makes its recv() return b"".',
        ja: 'クライアントのスレッドを daemon=True にするか、起こしましょう。開いている各クライアントのソケットで conn.shutdown(socket.SHUT_RDWR) を呼べば、recv() が b"" を返します。',
      },
    ],
    async run(lab) {
      await stopWithClientConnected(lab, 'SIGINT');
    },
  },
  {
    name: { en: 'Starts again right after it was stopped', ja: '止めたあと、すぐにもう一度起動できる' },
    covers: ['it can be started again right after it was stopped'],
    hints: [
      {
        en: 'The connections the old server closed linger for a while in TIME_WAIT or FIN_WAIT on port 65432, and bind() refuses the port: "Address already in use".',
        ja: '古いサーバーが閉じた接続は、しばらくポート 65432 に TIME_WAIT や FIN_WAIT で残り、bind() はそのポートを拒みます: "Address already in use"。',
      },
      {
        en: 'server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) before bind().',
        ja: 'bind() の前に server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1) を呼びましょう。',
      },
    ],
    async run(lab) {
      const first = await lab.startServer('server.py', PORT);
      await lab.holdConnection(PORT, 15_000);
      await lab.sleep(200);
      await first.signal('SIGINT', 2000);
      await first.kill(); // in case Ctrl-C did not stop it: this check is about the restart
      const second = lab.start('server.py', { timeoutMs: 20_000 });
      // A server without SO_REUSEADDR crashes at bind(), which ends this wait at once; the 5 s are for a busy host.
      const listening = await lab.waitForListener(PORT, 5000, second);
      const outcome = second.running ? { en: 'it did not listen within 5 s', ja: '5 秒以内に待ち受けを始めませんでした' } : (await second.result).said;
      lab.expect(listening, {
        expected: {
          en: 'the server to listen again at once, while the old connection is still winding down',
          ja: '古い接続がまだ片付いていない間に、サーバーがすぐにもう一度待ち受けること',
        },
        actual: outcome,
      });
    },
  },
]);
