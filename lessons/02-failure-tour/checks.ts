// Checks for lesson 2: diagnose.py names each failure of the lab network correctly, exits 1 for a
// failure and 0 for a connection, never crashes, and gives up on a silent host within 3 s.
import { defineChecks, type CheckLab, type ProgramResult } from '../../sandbox/checks/check-api.js';

const PORT = '65432';

const said = (r: ProgramResult) => (r.stdout + r.stderr).trim().split('\n').pop() || 'nothing';
const told = (r: ProgramResult) =>
  r.uncaught ? `it crashed with ${r.uncaught}` : r.timedOut ? `it ${r.summary}` : `it printed "${said(r)}" and exited with status ${r.exitCode}`;

/** Runs diagnose.py against `host` and expects a line starting with `word` and exit status 1. */
async function expectDiagnosis(lab: CheckLab, host: string, word: string, why: string, port = PORT) {
  const r = await lab.run('diagnose.py', { args: [host, port], timeoutMs: 5000 });
  lab.expect(!r.uncaught && r.exitCode === 1 && said(r).toLowerCase().startsWith(word), {
    expected: `for ${host}:${port} (${why}), a line starting with "${word}" and exit status 1`,
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
    name: 'Says connected, or refused when nothing listens',
    covers: ['connected (exit status 0) when the connect works', 'otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      'A refused connect raises ConnectionRefusedError: catch it by name and print a line starting with "refused".',
      'Exit with sys.exit(1) after a failure, and 0 (the default) after "connected".',
    ],
    async run(lab) {
      await lab.peer({ behaviour: 'echo', port: Number(PORT) });
      const ok = await lab.run('diagnose.py', { args: ['127.0.0.1', PORT], timeoutMs: 5000 });
      lab.expect(ok.exitCode === 0 && said(ok) === 'connected', { expected: 'for a port with a server, "connected" and exit status 0', actual: told(ok) });
      await expectDiagnosis(lab, '127.0.0.1', 'refused', 'nothing listens there', '65439');
      await expectDiagnosis(lab, 'closed.lab', 'refused', 'a host that refuses every port');
    },
  },
  {
    name: 'Gives up on a silent host within 3 s, saying timed out',
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      'Without a timeout, connect() waits for the kernel to give up: 7 s in the lab, minutes elsewhere.',
      'socket.create_connection((host, port), timeout=2), then catch TimeoutError.',
    ],
    async run(lab) {
      const r = await expectDiagnosis(lab, 'silent.lab', 'timed out', 'a host that never answers');
      lab.expect(r.durationMs < 3500, { expected: 'the answer within 3 s', actual: `it took ${(r.durationMs / 1000).toFixed(1)} s` });
    },
  },
  {
    name: 'Says unreachable for hosts with no route',
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      'unreachable.lab and offline.lab raise a plain OSError: there is no subclass for "no route". Look at e.errno.',
      'Compare with the constants: e.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH). The numbers differ between Linux, macOS and Windows.',
    ],
    async run(lab) {
      await expectDiagnosis(lab, 'unreachable.lab', 'unreachable', 'no route to the host');
      await expectDiagnosis(lab, 'offline.lab', 'unreachable', 'no route to the network');
    },
  },
  {
    name: 'Says blocked when a firewall forbids it',
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: ['A firewall that rejects with "administratively prohibited" shows up as PermissionError: catch it before OSError.'],
    async run(lab) {
      await expectDiagnosis(lab, 'blocked.lab', 'blocked', 'a firewall rule forbids it');
    },
  },
  {
    name: 'Says unknown host when the name does not resolve',
    covers: ['otherwise one line starting with the diagnosis', 'never a traceback'],
    hints: [
      'A name that does not resolve raises socket.gaierror, before any packet is sent.',
      'socket.gaierror is an OSError but not a ConnectionError. If you catch it by name and still see another line, look at the order: an except OSError above it catches it first.',
    ],
    async run(lab) {
      await expectDiagnosis(lab, 'nowhere.lab', 'unknown host', 'a name with no address');
    },
  },
  {
    name: 'Tells failures apart by exception class or errno name, never by errno number',
    covers: ['no errno numbers in the code'],
    hints: [
      'errno numbers differ between Linux, macOS and Windows (ECONNREFUSED is 111, 61 and 10061): code that compares numbers is right on one of them only.',
      'Catch ConnectionRefusedError, TimeoutError, socket.gaierror…; where Python has no class (unreachable), compare e.errno with errno.EHOSTUNREACH, the name.',
    ],
    async run(lab) {
      const source = (await lab.readFile('diagnose.py')) ?? '';
      const numbers = errnoNumbers(source);
      lab.expect(source.trim() !== '' && numbers.length === 0, {
        expected: 'exception classes, or errno constants by name (errno.EHOSTUNREACH), in diagnose.py',
        actual: source.trim() ? `diagnose.py looks at errno and compares numbers: ${numbers.join(', ')}` : 'diagnose.py is empty',
      });
    },
  },
]);
