// One terminal of a session: a shell on a pty, a headless mirror of its screen, flow control,
// and at most one attached browser socket. The terminal outlives its socket, so a reconnecting
// browser gets the screen replayed and carries on.
import type { ServerWords } from '../../schema/server-words.js';
import type { IPty } from 'node-pty';
import type { ServerMessage } from '../../schema/wire.js';
import { LIMITS } from '../../schema/limits.js';
import { FlowControl } from './flow-control.js';
import { ScreenMirror } from './screen-mirror.js';
import { DEFAULT_OUTPUT_RATE, OutputRateLimiter, type OutputRateLimit } from './output-rate.js';
import { OutputCoalescer } from './output-coalescer.js';

/** Where a terminal's output goes: the attached browser socket. */
export interface TerminalSink {
  sendBytes(data: Uint8Array): void;
  sendMessage(message: ServerMessage): void;
  /** The terminal is going away for good: tell the browser why and let go of it. */
  end(reason: ServerWords): void;
}

/** How long a Run click waits for a terminal's shell that is still starting (a cold jail, a busy host). */
const SHELL_START_WAIT_MS = 5000;
/**
 * Typed before a Run's command: Ctrl-G leaves any readline mode (a pending Escape, a history
 * search), Ctrl-E Ctrl-U clears whatever the learner had typed on the line.
 */
const CLEAR_INPUT_LINE = '\x07\x05\x15';
/**
 * What bash's readline prints each time it starts reading a line (bracketed paste on): the shell
 * is then ready for keys. Typed earlier, while the interrupted program still owned the terminal,
 * a key can be lost (seen: `ython3: command not found` on a loaded host).
 */
const READLINE_READY = Buffer.from('\x1b[?2004h');
/**
 * How a Ctrl-C shows on screen: the terminal echoes it for a program it interrupts, readline prints it
 * when bash itself was reading. Only a readline-ready sign after it counts: a prompt printed just
 * before the Ctrl-C arrived (the previous command was ending as Run was pressed) has not yet been
 * interrupted, and keys typed then were lost to the interrupt's handling (`ython3` in CI).
 */
const INTERRUPT_ECHO = Buffer.from('^C');
/** How often a wait for the shell asks which program is in front (a /proc read each time, on the lab's thread). */
const FOREGROUND_POLL_MS = 25;
/** How long a Run waits for that sign after a Ctrl-C (a shell without bracketed paste never prints it). */
const READLINE_WAIT_MS = 1000;
/**
 * After a Ctrl-C the line-clearing keys go first, alone, and the command only once readline has
 * rung its bell for them (Ctrl-G aborts with a bell): on a loaded host the first key typed while
 * bash was still recovering from the interrupt was lost (`ython3`, `rep` in CI). A shell set to
 * no bell costs this wait once.
 */
const CLEARED_WAIT_MS = 300;

/** What a Run did in the terminal: typed the command (after stopping `stopped`), or not, because `busy` kept running. */
export interface TypeOutcome {
  typed: boolean;
  stopped?: string;
  busy?: string;
}

export interface ExitInfo {
  exitCode: number;
  signal?: number;
}

export class LabTerminal {
  private readonly mirror: ScreenMirror;
  private readonly flow = new FlowControl(LIMITS.flowHighWatermark, LIMITS.flowLowWatermark);
  private sink: TerminalSink | undefined;
  /** Output that arrived while a snapshot for a new sink was being taken. */
  private queuedForSink: Uint8Array[] | undefined;
  private exitInfo: ExitInfo | undefined;
  private readonly exitListeners: Array<(info: ExitInfo) => void> = [];
  private readonly rate: OutputRateLimiter;
  /** The pty is paused when either flow control or the rate cap asks for it. */
  private readonly holds = { flow: false, rate: false };
  private rateTimer: NodeJS.Timeout | undefined;
  private readonly coalescer = new OutputCoalescer((data) => this.onOutput(data));
  /**
   * True once the shell has printed something (its first prompt). Before that the jail's launcher
   * (nsenter, bwrap) may still own the terminal, and a Ctrl-C would kill it and end the shell.
   */
  private shellStarted = false;
  /**
   * While a Run waits on readline after a Ctrl-C (else undefined: output is not scanned): has the
   * interrupt shown, has readline asked for a line since, has it rung its bell.
   */
  private readline: { interrupted: boolean; asked: boolean; rang: boolean } | undefined;

  constructor(
    private readonly pty: IPty,
    outputRate: OutputRateLimit = DEFAULT_OUTPUT_RATE,
    private readonly shellName = 'bash',
  ) {
    this.rate = new OutputRateLimiter(outputRate, Date.now());
    this.mirror = new ScreenMirror(pty.cols, pty.rows);
    pty.onData((data) => this.coalescer.push(data as unknown as Buffer));
    pty.onExit(({ exitCode, signal }) => {
      this.coalescer.drain(); // the last output before the exit notice
      this.exitInfo = { exitCode, signal: signal || undefined };
      this.sink?.sendMessage({ type: 'exit', exitCode, signal: signal || undefined });
      for (const listener of this.exitListeners) listener(this.exitInfo);
      this.mirror.dispose(); // an exited shell is never replayed: a reconnect starts a new one
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  get exited(): boolean {
    return this.exitInfo !== undefined;
  }

  get paused(): boolean {
    return this.flow.isPaused;
  }

  get attached(): boolean {
    return this.sink !== undefined;
  }

  onExit(listener: (info: ExitInfo) => void): void {
    if (this.exitInfo) listener(this.exitInfo);
    else this.exitListeners.push(listener);
  }

  /** Connects a browser socket, replacing any earlier one, and replays the current screen to it. */
  async attach(sink: TerminalSink): Promise<void> {
    this.coalescer.drain(); // everything gathered so far belongs in the snapshot
    this.sink = sink;
    this.queuedForSink = [];
    this.apply(this.flow.reset());
    const data = await this.mirror.snapshot();
    if (this.sink !== sink) return; // replaced while we were taking the snapshot
    sink.sendMessage({ type: 'replay', cols: this.mirror.cols, rows: this.mirror.rows, data });
    const queued = this.queuedForSink;
    this.queuedForSink = undefined;
    for (const chunk of queued) this.deliver(chunk);
  }

  detach(sink: TerminalSink): void {
    if (this.sink === sink) {
      this.sink = undefined;
      this.queuedForSink = undefined;
    }
  }

  input(data: Uint8Array | string): void {
    if (!this.exited) this.pty.write(typeof data === 'string' ? data : Buffer.from(data));
  }

  resize(cols: number, rows: number): void {
    if (this.exited) return;
    this.pty.resize(cols, rows);
    this.mirror.resize(cols, rows);
  }

  ack(bytes: number): void {
    this.apply(this.flow.acked(bytes));
  }

  /** Unacked bytes in flight: exposed for tests and the bench. */
  get unackedBytes(): number {
    return this.flow.unackedBytes;
  }

  /**
   * Types a command into the shell the way a person would, so the learner sees it. If a program is
   * still running in the foreground (say, the previous server), Ctrl-C it first.
   */
  async typeCommand(command: string): Promise<TypeOutcome> {
    if (this.exited) return { typed: false };
    if (!this.shellStarted) await this.waitForShell(SHELL_START_WAIT_MS);
    if (this.exited) return { typed: false };
    const running = this.foregroundProcess();
    if (running !== this.shellName) {
      const readline = (this.readline = { interrupted: false, asked: false, rang: false });
      try {
        this.pty.write('\x03');
        await this.waitForShell(1500);
        // A program that shrugs off Ctrl-C would read the command as its input: say so instead.
        if (this.foregroundProcess() !== this.shellName) return { typed: false, busy: running };
        await this.waitUntil(() => readline.asked, READLINE_WAIT_MS);
        readline.rang = false; // the bell that counts answers the keys written now
        this.pty.write(CLEAR_INPUT_LINE);
        await this.waitUntil(() => readline.rang, CLEARED_WAIT_MS);
      } finally {
        this.readline = undefined;
      }
    } else {
      this.pty.write(CLEAR_INPUT_LINE);
    }
    this.pty.write(`${command}\r`);
    return { typed: true, ...(running !== this.shellName ? { stopped: running } : {}) };
  }

  /** Waits until the shell has shown its first prompt (true), or exited or took longer than `timeoutMs` (false). */
  async prompted(timeoutMs: number): Promise<boolean> {
    await this.waitUntil(this.shellInFront, timeoutMs, FOREGROUND_POLL_MS);
    return this.shellInFront() && !this.exited;
  }

  /** Plain text of the screen and scrollback (tests, diagnostics). */
  screenText(): Promise<string> {
    return this.mirror.text();
  }

  kill(signal: NodeJS.Signals = 'SIGHUP'): void {
    if (this.exited) return;
    try {
      this.pty.kill(signal);
    } catch {
      // already gone
    }
  }

  /**
   * Tells the browser why the terminal is going away and lets go of it. The shell itself is ended
   * by the session with the rest of its processes, inner ones first (killProcessTree): a hangup sent
   * here first would end the jail's launcher before the shell inside it.
   */
  dispose(reason: ServerWords = { id: 'session-ended' }): void {
    clearTimeout(this.rateTimer);
    this.sink?.end(reason);
    this.sink = undefined;
    this.mirror.dispose();
  }

  /** Name of the pty's foreground program (node-pty reports argv[0], e.g. "/bin/bash"). */
  private foregroundProcess(): string {
    try {
      return this.pty.process.split('/').pop() ?? this.shellName;
    } catch {
      return this.shellName;
    }
  }

  /** Polls `done` every `everyMs` until it holds, the terminal exits or `timeoutMs` passes. */
  private async waitUntil(done: () => boolean, timeoutMs: number, everyMs = 5): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done() && !this.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, everyMs));
  }

  /** The shell has started and owns the terminal (no program runs in front of it). */
  private readonly shellInFront = (): boolean => this.shellStarted && this.foregroundProcess() === this.shellName;

  private async waitForShell(timeoutMs: number): Promise<void> {
    await this.waitUntil(this.shellInFront, timeoutMs, FOREGROUND_POLL_MS);
    // Let the shell print its fresh prompt before the command is typed.
    await new Promise((r) => setTimeout(r, 50));
  }

  private onOutput(data: Uint8Array): void {
    this.shellStarted = true;
    if (this.readline) {
      const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      let from = 0;
      if (!this.readline.interrupted) {
        const at = bytes.indexOf(INTERRUPT_ECHO);
        this.readline.interrupted = at >= 0;
        from = at + INTERRUPT_ECHO.length;
      }
      if (this.readline.interrupted) this.readline.asked ||= bytes.indexOf(READLINE_READY, from) >= 0;
      this.readline.rang ||= bytes.includes(0x07);
    }
    const wait = this.rate.consume(data.length, Date.now());
    if (wait > 0 && !this.holds.rate) {
      this.setHold('rate', true);
      this.rateTimer = setTimeout(() => this.setHold('rate', false), wait);
    }
    this.mirror.write(data);
    if (this.queuedForSink) this.queuedForSink.push(data);
    else this.deliver(data);
  }

  private deliver(data: Uint8Array): void {
    // With no browser attached the bytes only feed the mirror; counting them as unacked still
    // pauses a flooding program until someone is watching again.
    this.sink?.sendBytes(data);
    this.apply(this.flow.sent(data.length));
  }

  private apply(action: 'pause' | 'resume' | 'none'): void {
    if (action !== 'none') this.setHold('flow', action === 'pause');
  }

  private setHold(reason: keyof LabTerminal['holds'], on: boolean): void {
    const wasHeld = this.holds.flow || this.holds.rate;
    this.holds[reason] = on;
    const held = this.holds.flow || this.holds.rate;
    if (this.exited || held === wasHeld) return;
    if (held) this.pty.pause();
    else this.pty.resume();
  }
}
