// Checks for lesson 8: the server logs to server.log (and the console) with time and level, one
// INFO line per connection opened and closed, a WARNING for a reset, a traceback for its own bugs,
// no passwords and no DEBUG noise by default, and a log file that rotates.
import { defineChecks, type CheckLab, type RunningProgram } from '../../sandbox/checks/check-api.js';

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

const tail = (text: string | undefined, lines = 3) =>
  text === undefined
    ? 'there is no server.log'
    : text.trim()
      ? `server.log ends with: ${text.trim().split('\n').slice(-lines).join(' / ')}`
      : 'server.log is empty';
const ended = async (server: RunningProgram) => (server.running ? '' : `; your server ${(await server.result).summary}`);

export default defineChecks([
  {
    name: 'Logs each connection to server.log, with time and level',
    covers: ['every line carries the date, time and level', 'an INFO line when a client connects'],
    hints: [
      'print() writes to the terminal only, with no time and no level. Use the logging module, configured once at startup.',
      'logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=[RotatingFileHandler("server.log", …), logging.StreamHandler()])',
      'Then log = logging.getLogger("server"), and log.info("%s connected", who) / log.info("%s closed the connection", who) around each client.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const client = await lab.run('client.py', { args: ['ADD 2 3'], timeoutMs: 4000 });
      lab.expect(client.stdout.includes("'ADD 2 3' -> 5"), {
        expected: "the client to print 'ADD 2 3' -> 5",
        actual: `it ${client.summary}${await ended(server)}`,
      });
      const log = await logMatching(lab, /INFO[^\n]*127\.0\.0\.1:\d+[\s\S]*INFO[^\n]*127\.0\.0\.1:\d+/);
      const lines = log.split('\n').filter((l) => /INFO/.test(l) && /127\.0\.0\.1:\d+/.test(l));
      lab.expect(lines.length >= 2 && lines.every((l) => STAMP.test(l)), {
        expected:
          'in server.log, an INFO line with a date and time for the connection opening and one for it closing, each with the client address (127.0.0.1:port)',
        actual: tail(await lab.readFile('server.log')),
      });
    },
  },
  {
    name: 'Logs a client that resets as a WARNING',
    covers: ['a WARNING line that says "reset"'],
    hints: [
      'A reset is the client misbehaving (or crashing), not your bug: WARNING is the level for it.',
      'except ConnectionResetError: log.warning("%s reset the connection", who)',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.run('client.py', { args: ['--reset', 'ADD 1 1'], timeoutMs: 4000 });
      const log = await logMatching(lab, /WARNING[^\n]*reset/i);
      lab.expect(/WARNING[^\n]*reset/i.test(log), {
        expected: 'a WARNING line in server.log that mentions the reset',
        actual: `${tail(await lab.readFile('server.log'))}${await ended(server)}`,
      });
    },
  },
  {
    name: 'Logs its own bugs with the traceback, and keeps serving',
    covers: ['an unexpected exception while serving a client'],
    hints: [
      'DIV 1 0 raises ZeroDivisionError, which nobody planned for. Around each client, catch Exception as a last resort.',
      'In that except block call log.exception("unexpected error while serving %s", who): it logs at ERROR and adds the whole traceback.',
      'log.error(e) or log.error(str(e)) keeps only the message: where it happened is lost.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.run('client.py', { args: ['DIV 1 0'], timeoutMs: 4000 });
      const next = await lab.run('client.py', { args: ['ADD 1 2'], timeoutMs: 4000 });
      lab.expect(next.stdout.includes("'ADD 1 2' -> 3"), {
        expected: 'after a client sent DIV 1 0, the next client to get its answer',
        actual: `the next client ${next.summary}${next.stdout.trim() ? `: ${next.stdout.trim().split('\n')[0]}` : ''}${await ended(server)}`,
      });
      const log = await logMatching(lab, /Traceback[\s\S]*ZeroDivisionError/);
      lab.expect(/ERROR[\s\S]*Traceback \(most recent call last\)[\s\S]*ZeroDivisionError/.test(log), {
        expected: 'an ERROR line in server.log followed by the traceback of the ZeroDivisionError',
        actual: tail(await lab.readFile('server.log'), 4),
      });
    },
  },
  {
    name: 'Keeps passwords and DEBUG noise out of the log',
    covers: ['never log what a client sent in full'],
    hints: [
      'Log what happened, not what was said: a received line can hold a password. Log the command name, the user, sizes.',
      'The default level is INFO: log.debug(…) lines appear only when you ask for them (--debug).',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      await lab.run('client.py', { args: ['LOGIN alice s3cret-pa55', 'ADD 4 4'], timeoutMs: 4000 });
      const log = await logMatching(lab, /closed|INFO[\s\S]*INFO/);
      const leaked = log.includes('s3cret-pa55');
      const debug = log.split('\n').filter((l) => /\bDEBUG\b/.test(l));
      lab.expect(log.trim() !== '' && !leaked && debug.length === 0, {
        expected: 'server.log with lines about the client, without the password "s3cret-pa55" and without DEBUG lines',
        actual:
          log.trim() === ''
            ? `${tail(await lab.readFile('server.log'))}${await ended(server)}`
            : leaked
              ? `the password is in server.log: ${log.split('\n').find((l) => l.includes('s3cret-pa55'))}`
              : `${debug.length} DEBUG line(s), e.g. ${debug[0]}`,
      });
    },
  },
  {
    name: 'Rotates server.log at 10 kB',
    covers: ['log to server.log with a RotatingFileHandler'],
    hints: [
      'A log that only grows fills the disk one day. logging.handlers.RotatingFileHandler renames server.log to server.log.1 when it is full and starts a new one.',
      'RotatingFileHandler("server.log", maxBytes=10_000, backupCount=3): maxBytes alone is not enough, without backupCount it never rotates.',
    ],
    async run(lab) {
      const server = await lab.startServer('server.py', PORT);
      const flood = await lab.run('client.py', { args: ['--repeat', '150', 'ADD 1 1'], timeoutMs: 6000 });
      lab.expect(flood.exitCode === 0, {
        expected: '150 connections, one after another, to be served',
        actual: `the client ${flood.summary}${await ended(server)}`,
      });
      await lab.sleep(300);
      const current = (await lab.readFile('server.log')) ?? '';
      const rotated = await lab.readFile('server.log.1');
      lab.expect(rotated !== undefined && Buffer.byteLength(current) <= 10_000 && Buffer.byteLength(rotated) <= 10_000, {
        expected: 'after 150 connections, server.log.1 next to server.log, each at most 10,000 bytes',
        actual:
          rotated === undefined
            ? `no server.log.1; server.log has ${Buffer.byteLength(current)} bytes`
            : `server.log has ${Buffer.byteLength(current)} bytes, server.log.1 ${Buffer.byteLength(rotated)}`,
      });
    },
  },
]);
