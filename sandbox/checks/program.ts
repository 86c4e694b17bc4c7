// One run of the learner's program for a check: pipes (never a pty), a time limit, capped output,
// and a plain-English account of how it ended ("exited with status 1: SyntaxError: …").
import type { Lang } from '../../schema/langs.js';
import { RUN_WORDS } from './run-words.js';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { launch, type Confinement } from '../process/launch.js';
import { findSessionProcesses, isAlive, killInsideOut, killProcessTree } from '../process/process-tree.js';

/** Output kept per stream: a print flood cannot eat the lab's memory. */
const OUTPUT_CAP = 256 * 1024;

export interface ProgramOptions {
  args?: string[];
  stdin?: string;
  /** Keep stdin open after `stdin` so the check can `write()` more lines later (a chat client's typing). */
  keepStdinOpen?: boolean;
  env?: Record<string, string>;
  /** Killed (SIGKILL, whole tree) after this long. */
  timeoutMs?: number;
}

export interface ProgramResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** When it ended (Unix time, ms): compare with a peer's event times ("gave up 2.0 s after its request"). */
  endedAt: number;
  /** The last line of a Python traceback, e.g. "ConnectionRefusedError: [Errno 111] Connection refused". */
  uncaught?: string;
  /** One sentence: how the run ended, for a check's "actual" ("it " + summary). */
  summary: string;
  /** The same in every language: said.ja is a whole sentence ("プログラムは…"). */
  said: Readonly<Record<Lang, string>>;
}

export interface ProgramEnvironment {
  confinement: Confinement;
  /** The real interpreter (the jail binds it). */
  python: string;
  /** Environment marker, so cleanup finds every process of this check run. */
  marker: [string, string];
}

/** Appends with a cap, keeping the tail (the end of a flood is where the error is). */
function capped(current: string, chunk: string): string {
  const next = current + chunk;
  return next.length > OUTPUT_CAP ? `[… earlier output cut …]\n${next.slice(-OUTPUT_CAP)}` : next;
}

/** The last lines of a Python traceback in `stderr` (the frames nearest the error, and the error), if any. */
export function tracebackTail(stderr: string, lines = 8): string | undefined {
  const at = stderr.lastIndexOf('Traceback (most recent call last)');
  if (at < 0) return undefined;
  return stderr.slice(at).trimEnd().split('\n').slice(-lines).join('\n').slice(-2000);
}

/** A traceback's last line, the error itself: "KeyError: 5", "KeyboardInterrupt". */
const ERROR_LINE = /^[A-Za-z_][\w.]*(: .*)?$/;

/** True when the last traceback in `stderr` has reached its final line, the error. */
export function tracebackComplete(stderr: string): boolean {
  return ERROR_LINE.test(tracebackTail(stderr)?.split('\n').pop() ?? '');
}

/**
 * The hint a crash deserves before any other: which exception, in which file and line. `traceback`
 * is lastTraceback()'s "<file>:\n<tail>"; the innermost frame in the learner's workspace is named.
 */
export function crashHint(traceback: string, lang: Lang = 'en'): string {
  const [file, ...lines] = traceback.split('\n');
  const error = lines
    .filter((l) => ERROR_LINE.test(l))
    .pop()
    ?.trim();
  const frame = [...traceback.matchAll(/File "\/lab\/([^"]+)", line (\d+)/g)].pop();
  const where = frame ? `${frame[1]}, line ${frame[2]}` : file.replace(/:$/, '');
  return RUN_WORDS[lang].crashed(error, where);
}

export function lastTracebackLine(stderr: string): string | undefined {
  if (!stderr.includes('Traceback (most recent call last)') && !/^\s*File ".*", line \d+/m.test(stderr)) return undefined;
  const lines = stderr.trimEnd().split('\n');
  return lines
    .reverse()
    .find((l) => /^[A-Za-z_.]+(Error|Exception|Interrupt|Exit)\b/.test(l) || /^[A-Za-z_.]+: /.test(l))
    ?.trim();
}

type Ending = Omit<ProgramResult, 'summary' | 'said'>;

function describe(r: Ending, timeoutMs: number): string {
  if (r.timedOut) return `did not finish within ${timeoutMs / 1000} s and was stopped`;
  if (r.uncaught) return `crashed with ${r.uncaught}`;
  if (r.signal) return `was killed by ${r.signal}`;
  if (r.exitCode !== 0) return `exited with status ${r.exitCode}${lastErrorLine(r) ? `: ${lastErrorLine(r)}` : ''}`;
  return 'exited normally (status 0)';
}

function describeJa(r: Ending, timeoutMs: number): string {
  if (r.timedOut) return `プログラムは ${timeoutMs / 1000} 秒以内に終わらなかったので、止められました`;
  if (r.uncaught) return `プログラムは ${r.uncaught} で異常終了しました`;
  if (r.signal) return `プログラムは ${r.signal} で強制終了されました`;
  if (r.exitCode !== 0) return `プログラムは終了ステータス ${r.exitCode} で終わりました${lastErrorLine(r) ? `: ${lastErrorLine(r)}` : ''}`;
  return 'プログラムは正常に終わりました(終了ステータス 0)';
}

const lastErrorLine = (r: Ending) => r.stderr.trim().split('\n').pop();

/** A program started in the check's sandbox; `result` settles when it ends (or is stopped). */
export class RunningProgram {
  stdout = '';
  stderr = '';
  /** stdout and stderr as they arrived, interleaved: what a terminal shows (a statement that names no stream means this). */
  output = '';
  readonly result: Promise<ProgramResult>;
  private readonly started = Date.now();
  private timedOut = false;
  private readonly child: ChildProcess;
  /** This program's own marker (the run's marker finds every program of the check run). */
  private readonly ownMarker = `SOCKET_LAB_PROGRAM=${randomUUID()}`;

  constructor(
    private readonly env: ProgramEnvironment,
    readonly file: string,
    private readonly options: ProgramOptions,
  ) {
    const { confinement, python, marker } = env;
    this.child = launch(confinement, {
      kind: 'pipes',
      argv: [python, '-u', file, ...(options.args ?? [])],
      cwd: confinement.workspaceInside,
      env: {
        PATH: `${dirname(python)}:/usr/bin:/bin`,
        HOME: confinement.workspaceInside,
        LANG: 'C.UTF-8',
        PYTHONIOENCODING: 'utf-8',
        PYTHONDONTWRITEBYTECODE: '1',
        ...options.env,
        [marker[0]]: marker[1],
        SOCKET_LAB_PROGRAM: this.ownMarker.split('=')[1],
      },
    });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.stdout = capped(this.stdout, d);
      this.output = capped(this.output, d);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.stderr = capped(this.stderr, d);
      this.output = capped(this.output, d);
    });
    this.child.stdin!.on('error', () => {}); // the program may exit without reading its input
    if (options.keepStdinOpen) this.child.stdin!.write(options.stdin ?? '');
    else this.child.stdin!.end(options.stdin ?? '');
    const timeoutMs = options.timeoutMs ?? 5000;
    const timer = setTimeout(() => {
      this.timedOut = true;
      void this.kill();
    }, timeoutMs);
    this.result = new Promise((resolve) => {
      this.child.once('close', (rawCode, rawSignal) => {
        clearTimeout(timer);
        const { exitCode, signal } = confinement.mode === 'sandboxed' ? throughTheJail(rawCode, rawSignal) : { exitCode: rawCode, signal: rawSignal };
        const partial = {
          exitCode,
          signal,
          timedOut: this.timedOut,
          stdout: this.stdout,
          stderr: this.stderr,
          durationMs: Date.now() - this.started,
          endedAt: Date.now(),
          uncaught: lastTracebackLine(this.stderr),
        };
        const summary = describe(partial, timeoutMs);
        resolve({ ...partial, summary, said: { en: `it ${summary}`, ja: describeJa(partial, timeoutMs) } });
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Types more input (with `keepStdinOpen`); `end` closes stdin afterwards, like Ctrl-D. */
  write(text: string, end = false): void {
    if (this.child.stdin!.writable) this.child.stdin![end ? 'end' : 'write'](text);
  }

  /** Waits until the program printed something matching `pattern`; false if it ended or time ran out first. */
  async waitForOutput(pattern: RegExp, timeoutMs = 3000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (pattern.test(this.stdout) || pattern.test(this.stderr)) return true;
      if (!this.running) return pattern.test(this.stdout) || pattern.test(this.stderr);
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  }

  /** Sends a signal to the program (SIGINT is Ctrl-C, SIGTERM a polite stop) and waits up to `graceMs` for it to end. */
  async signal(sig: NodeJS.Signals, graceMs = 2000): Promise<ProgramResult | undefined> {
    // The jail's init forwards nothing: signal the Python processes themselves, found by the marker.
    for (const pid of await findSessionProcesses([this.child.pid!], this.ownMarker)) {
      if (isAlive(pid) && readComm(pid).startsWith('python')) process.kill(pid, sig);
    }
    const ended = await Promise.race([this.result, new Promise<undefined>((r) => setTimeout(r, graceMs))]);
    return ended;
  }

  /**
   * How many threads the program's Python processes run now (from /proc: the program cannot fake it),
   * and how many such processes there are, for statements such as "single-threaded" or "no threads".
   */
  async threads(): Promise<{ threads: number; processes: number }> {
    let threads = 0;
    let processes = 0;
    for (const pid of this.running ? await findSessionProcesses([this.child.pid!], this.ownMarker) : []) {
      if (!isAlive(pid) || !readComm(pid).startsWith('python')) continue;
      const count = /^Threads:\s+(\d+)/m.exec(readStatus(pid))?.[1];
      if (count === undefined) continue;
      processes += 1;
      threads += Number(count);
    }
    return { threads, processes };
  }

  /** Ends the program and everything it started (other programs of the check keep running). */
  async kill(): Promise<ProgramResult> {
    // Once the program has exited its pid may be reused: then only the marker finds leftovers.
    const roots = this.running ? [this.child.pid!] : [];
    if (roots.length) {
      // The jail first: its pid namespace dies with it, fork bomb and all, in one go. The sweep
      // then catches what the unsandboxed mode leaves (children, setsid daemons with the marker).
      await killInsideOut(this.child.pid!);
    }
    await killProcessTree(roots, this.ownMarker, 0);
    return this.result;
  }
}

/**
 * The jail (bwrap, as pid 1 of the program's namespace) reports a program killed by a signal as a
 * shell does: status 128 + the signal's number. Turn it back into the signal, so "killed by SIGTERM"
 * is said of a program without a handler, and "exited with status 1" of one that exited itself.
 */
function throughTheJail(exitCode: number | null, signal: NodeJS.Signals | null): { exitCode: number | null; signal: NodeJS.Signals | null } {
  if (signal || exitCode === null || exitCode <= 128 || exitCode > 128 + 64) return { exitCode, signal };
  const name = Object.entries(constants.signals).find(([, n]) => n === exitCode - 128)?.[0] as NodeJS.Signals | undefined;
  return name ? { exitCode: null, signal: name } : { exitCode, signal };
}

function readStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

function readComm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}
