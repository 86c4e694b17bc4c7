// Checks for lesson 3: each failure gets its own clear line and exit status 1, no traceback, and
// Ctrl-C still stops the client (a bare except would swallow it). Every text a learner reads is in
// English and Japanese (the lesson has both).
import { defineChecks, type CheckLab, type ProgramResult, type Words } from '../../sandbox/checks/check-api.js';

const PORT = 65432;
const ARGS = ['127.0.0.1', String(PORT), 'hello'];

const said = (r: ProgramResult) => (r.stdout + r.stderr).trim().split('\n').filter(Boolean).slice(-2).join(' / ') || 'nothing';
const told = (r: ProgramResult) => {
  const last = said(r).split(' / ').pop()!;
  return r.summary.includes(last) ? r.said : { en: `${r.said.en}, after printing: ${said(r)}`, ja: `${r.said.ja}。その前の表示: ${said(r)}` };
};

/** One failure scenario: exit status 1, no traceback, and a line containing `phrase`. */
function expectClearFailure(lab: CheckLab, r: ProgramResult, phrase: string, what: Words & object) {
  lab.expect(!r.uncaught, {
    expected: { en: `one clear line for ${what.en}, not a traceback`, ja: `${what.ja}について、トレースバックではなくわかりやすい 1 行` },
    actual: r.said,
    hint: { en: `Catch the exception ${what.en} raises, and print a line instead.`, ja: `${what.ja}で発生する例外を捕まえて、代わりに 1 行を表示しましょう。` },
  });
  // The statement names the stream: the line goes to stderr.
  const onStdoutOnly = !r.stderr.toLowerCase().includes(phrase) && r.stdout.toLowerCase().includes(phrase);
  // Handled, but by the wrong clause: a general one (OSError, socket.error, ConnectionError) above the specific one.
  const caughtByAnother = r.exitCode !== 0 && !onStdoutOnly && !(r.stdout + r.stderr).toLowerCase().includes(phrase);
  lab.expect(r.exitCode === 1 && r.stderr.toLowerCase().includes(phrase), {
    expected: { en: `a line on stderr containing "${phrase}", and exit status 1`, ja: `stderr に "${phrase}" を含む 1 行と、終了ステータス 1` },
    actual: onStdoutOnly ? { en: `the line went to stdout; ${told(r).en}`, ja: `その行は stdout に出ました。${told(r).ja}` } : told(r),
    hint: onStdoutOnly
      ? {
          en: 'print(..., file=sys.stderr): errors go to stderr, so a script that reads the answer from stdout is not fooled.',
          ja: 'print(..., file=sys.stderr) としましょう。エラーは stderr に出します。そうすれば、stdout から答えを読むスクリプトがだまされません。',
        }
      : caughtByAnother
        ? {
            en: `Your program handled ${what.en}, but not with the line for it: a more general clause above (except OSError, socket.error or ConnectionError) caught it first. Python takes the first clause that matches: most specific first.`,
            ja: `プログラムは${what.ja}を扱いましたが、そのための行ではありませんでした。上にあるより一般的な節(except OSError、socket.error、ConnectionError)が先に捕まえています。Python は最初に当てはまった節を使います。より具体的なものを先に置きましょう。`,
          }
        : undefined,
  });
}

export default defineChecks([
  {
    name: { en: 'Prints the answer, or says nothing is listening', ja: '答えを表示するか、誰も待ち受けていないと言う' },
    covers: ['on success, print Received:', 'a refused connect prints a line containing nothing is listening', 'each failure exits with status 1'],
    hints: [
      {
        en: 'A refused connect raises ConnectionRefusedError. Which except clause catches it first in your file?',
        ja: '拒否された接続は ConnectionRefusedError を発生させます。あなたのファイルでは、どの except 節が最初にそれを捕まえていますか?',
      },
      {
        en: 'socket.error is another name for OSError, and ConnectionRefusedError is a kind of OSError: an except OSError (or socket.error) clause above it catches it first.',
        ja: 'socket.error は OSError の別名で、ConnectionRefusedError は OSError の一種です。その上にある except OSError(または socket.error)の節が先に捕まえます。',
      },
      {
        en: 'Order the clauses from the most specific to the most general: socket.gaierror, ConnectionRefusedError, ConnectionResetError, TimeoutError, then OSError last.',
        ja: '節は具体的なものから一般的なものへ並べましょう: socket.gaierror、ConnectionRefusedError、ConnectionResetError、TimeoutError、最後に OSError。',
      },
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const ok = await lab.run('client.py', { args: ARGS, timeoutMs: 5000 });
      lab.expect(ok.exitCode === 0 && ok.stdout.includes('Received: HELLO'), {
        expected: { en: 'Received: HELLO from the running server, exit status 0', ja: '動いているサーバーからの Received: HELLO と、終了ステータス 0' },
        actual: told(ok),
      });
      await server.kill();
      const refused = await lab.run('client.py', { args: ARGS, timeoutMs: 5000 });
      expectClearFailure(lab, refused, 'nothing is listening', { en: 'a refused connect', ja: '拒否された接続' });
    },
  },
  {
    name: { en: 'Says when the server does not answer in time', ja: 'サーバーが時間内に答えないとき、そう言う' },
    covers: ['a timeout prints a line containing no answer', 'each failure exits with status 1'],
    hints: [
      {
        en: 'The client has a 2 s timeout: when it runs out, recv() raises TimeoutError (socket.timeout is the same class since Python 3.10).',
        ja: 'クライアントのタイムアウトは 2 秒です。それが尽きると recv() が TimeoutError を発生させます(Python 3.10 からは socket.timeout も同じクラスです)。',
      },
      {
        en: 'except TimeoutError: … must come before except OSError, because TimeoutError is an OSError too.',
        ja: 'TimeoutError も OSError なので、except TimeoutError: … は except OSError より前に置く必要があります。',
      },
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'never-answer', port: PORT });
      const r = await lab.run('client.py', { args: ARGS, timeoutMs: 6000 });
      expectClearFailure(lab, r, 'no answer', { en: 'a server that never answers', ja: '決して答えないサーバー' });
    },
  },
  {
    name: { en: 'Says when the server resets the connection', ja: 'サーバーが接続をリセットしたとき、そう言う' },
    covers: ['a reset prints a line containing reset the connection', 'each failure exits with status 1'],
    hints: [
      {
        en: 'A reset shows up as ConnectionResetError from recv() (or send()).',
        ja: 'リセットは recv()(または send())からの ConnectionResetError として現れます。',
      },
      {
        en: 'ConnectionResetError and ConnectionRefusedError are both ConnectionError, and both OSError: give each its own clause, above the general ones.',
        ja: 'ConnectionResetError も ConnectionRefusedError も ConnectionError で、どちらも OSError です。それぞれに専用の節を、一般的な節より上に用意しましょう。',
      },
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'reset-after-first', port: PORT });
      const r = await lab.run('client.py', { args: ARGS, timeoutMs: 5000 });
      expectClearFailure(lab, r, 'reset the connection', { en: 'a connection reset', ja: '接続のリセット' });
    },
  },
  {
    name: { en: 'Says when the host name is unknown', ja: 'ホスト名が未知のとき、そう言う' },
    covers: ['an unknown host name prints a line containing unknown host', 'each failure exits with status 1'],
    hints: [
      {
        en: 'nowhere.lab has no address: create_connection raises socket.gaierror before any packet is sent.',
        ja: 'nowhere.lab にはアドレスがありません。create_connection は、パケットを送る前に socket.gaierror を発生させます。',
      },
      {
        en: 'socket.gaierror is an OSError but not a ConnectionError: catch it by name, first.',
        ja: 'socket.gaierror は OSError ですが ConnectionError ではありません。名前で、最初に捕まえましょう。',
      },
    ],
    async run(lab) {
      const r = await lab.run('client.py', { args: ['nowhere.lab', String(PORT), 'hello'], timeoutMs: 5000 });
      expectClearFailure(lab, r, 'unknown host', { en: 'an unknown host name', ja: '未知のホスト名' });
    },
  },
  {
    name: { en: 'Ctrl-C still stops it', ja: 'Ctrl-C でこれまでどおり止まる' },
    covers: ['Ctrl-C still stops the client as an interruption'],
    hints: [
      {
        en: 'Ctrl-C raises KeyboardInterrupt wherever the program is. A bare "except:" catches it too, and turns it into an error message.',
        ja: 'Ctrl-C は、プログラムがどこにいても KeyboardInterrupt を発生させます。何でも捕まえる "except:" はそれも捕まえて、エラーメッセージに変えてしまいます。',
      },
      {
        en: 'Never write a bare except. Catch the exceptions you can handle by name; KeyboardInterrupt is not one of them.',
        ja: '何でも捕まえる except は決して書かないでください。扱える例外を名前で捕まえましょう。KeyboardInterrupt はその中に入りません。',
      },
    ],
    async run(lab) {
      const peer = await lab.peer({ behaviour: 'never-answer', port: PORT });
      const client = lab.start('client.py', { args: ARGS, timeoutMs: 6000 });
      const deadline = Date.now() + 3000;
      while (!peer.events.some((e) => e.event === 'recv') && client.running && Date.now() < deadline) await lab.sleep(25);
      await lab.sleep(100); // the client is now waiting in recv()
      // The second counts from the signal's delivery (finding the program's processes first takes time on a busy lab).
      const inTime = await client.signal('SIGINT', 1000);
      const r = inTime ?? (await client.kill());
      const stopped = inTime !== undefined && (r.signal === 'SIGINT' || r.exitCode === 130 || /KeyboardInterrupt|interrupted/i.test(r.stderr + r.stdout));
      lab.expect(stopped, {
        expected: {
          en: 'Ctrl-C (SIGINT) to stop the client at once, as an interruption (KeyboardInterrupt), not as a network error',
          ja: 'Ctrl-C(SIGINT)で、ネットワークのエラーとしてではなく中断(KeyboardInterrupt)として、クライアントがすぐに止まること',
        },
        actual: r.timedOut ? { en: 'it kept running', ja: 'プログラムは動き続けました' } : told(r),
      });
    },
  },
]);
