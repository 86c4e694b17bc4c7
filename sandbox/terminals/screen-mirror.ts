// A headless xterm fed with everything the pty prints, so a browser that reattaches can be sent
// the screen as it is now (VS Code's XtermSerializer) instead of a blank terminal. The mirrors
// live in one shared worker thread (mirror-worker.mjs); this class is their handle.
import { Worker } from 'node:worker_threads';

export const MIRROR_SCROLLBACK = 1000;
/**
 * Bytes one terminal may have waiting in the worker. Above it, that terminal's mirror skips output
 * (and says so on its replayed screen): a flood in one terminal never grows the shared worker's
 * queue without end, so every other terminal's replay stays prompt.
 */
export const MIRROR_MAX_UNPARSED = 4 << 20;
const SKIPPED_NOTE = '\x1b[33m[lab] output came faster than the replay could keep; the screen is complete again from here\x1b[0m\r\n';

interface Reply {
  reply?: number;
  value: string;
  cols: number;
  rows: number;
  parsed?: number;
  bytes?: number;
}

let worker: Worker | undefined;
let nextId = 0;
let nextReply = 0;
const pending = new Map<number, (reply: Reply) => void>();
const live = new Map<number, ScreenMirror>();

/** The shared worker, started on first use and again after a failure (its mirrors start afresh). */
function theWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./mirror-worker.mjs', import.meta.url));
  started.on('message', (reply: Reply) => {
    if (reply.parsed !== undefined) return live.get(reply.parsed)?.onParsed(reply.bytes ?? 0);
    pending.get(reply.reply!)?.(reply);
    pending.delete(reply.reply!);
  });
  const fail = (why: string) => {
    if (worker !== started) return;
    worker = undefined;
    console.error(`[lab] terminal mirror worker stopped (${why}); restarting it`);
    for (const resolve of pending.values()) resolve({ value: '', cols: 0, rows: 0 });
    pending.clear();
    for (const mirror of live.values()) mirror.recreate();
  };
  started.on('error', (err) => fail(err.message));
  started.on('exit', (code) => fail(`exit ${code}`));
  started.unref(); // mirrors never keep the process alive on their own
  worker = started;
  return started;
}

export class ScreenMirror {
  private readonly id = nextId++;
  private disposed = false;
  private size: { cols: number; rows: number };
  private unparsed = 0;
  private skipping = false;
  private resizeTimer: NodeJS.Timeout | undefined;

  constructor(cols: number, rows: number) {
    this.size = { cols, rows };
    live.set(this.id, this);
    this.recreate();
  }

  /** (Re)creates this mirror in the worker: at start, and with a blank screen after a worker restart. */
  recreate(): void {
    this.unparsed = 0;
    this.post({ op: 'create', id: this.id, cols: this.size.cols, rows: this.size.rows, scrollback: MIRROR_SCROLLBACK });
  }

  onParsed(bytes: number): void {
    this.unparsed = Math.max(0, this.unparsed - bytes);
    if (this.skipping && this.unparsed === 0) {
      this.skipping = false;
      this.post({ op: 'reset', id: this.id, note: SKIPPED_NOTE });
    }
  }

  private post(message: object): void {
    if (!this.disposed) theWorker().postMessage(message);
  }

  get cols(): number {
    return this.size.cols;
  }

  get rows(): number {
    return this.size.rows;
  }

  write(data: Uint8Array): void {
    if (this.disposed || this.skipping) return;
    if (this.unparsed + data.length > MIRROR_MAX_UNPARSED) {
      this.skipping = true; // resumes, on a reset screen, once the worker has caught up
      return;
    }
    this.unparsed += data.length;
    // Copy: node-pty's chunks may share a pooled buffer, which must not be transferred.
    this.post({ op: 'write', id: this.id, data: Uint8Array.from(data) });
  }

  /** Resizes reach the worker at most every 50 ms (the last size wins): a resize storm costs nothing. */
  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    this.resizeTimer ??= setTimeout(() => {
      this.resizeTimer = undefined;
      this.post({ op: 'resize', id: this.id, cols: this.size.cols, rows: this.size.rows });
    }, 50);
  }

  /** The screen and scrollback as escape sequences, reflecting exactly the writes made before this call. */
  snapshot(): Promise<string> {
    return this.ask('snapshot');
  }

  /** Plain text of the buffer: for tests and diagnostics. */
  text(): Promise<string> {
    return this.ask('text');
  }

  dispose(): void {
    if (this.disposed) return;
    this.post({ op: 'dispose', id: this.id });
    this.disposed = true;
    clearTimeout(this.resizeTimer);
    live.delete(this.id);
    if (live.size === 0 && worker) {
      const idle = worker;
      worker = undefined;
      void idle.terminate(); // nothing to mirror: let the process exit when it wants to
    }
  }

  private ask(op: 'snapshot' | 'text'): Promise<string> {
    if (this.disposed) return Promise.resolve('');
    const reply = nextReply++;
    return new Promise((resolve) => {
      pending.set(reply, (r) => resolve(r.value));
      // A pending resize applies first, so the snapshot has the size the browser asked for.
      if (this.resizeTimer) {
        clearTimeout(this.resizeTimer);
        this.resizeTimer = undefined;
        this.post({ op: 'resize', id: this.id, cols: this.size.cols, rows: this.size.rows });
      }
      this.post({ op, id: this.id, reply, scrollback: MIRROR_SCROLLBACK });
    });
  }
}
