// A headless xterm fed with everything the pty prints, so a browser that reattaches can be sent
// the screen as it is now (VS Code's XtermSerializer) instead of a blank terminal. The mirrors
// live in one shared worker thread (mirror-worker.mjs); this class is their handle.
import { Worker } from 'node:worker_threads';

export const MIRROR_SCROLLBACK = 1000;

interface Reply {
  reply: number;
  value: string;
  cols: number;
  rows: number;
}

let worker: Worker | undefined;
let users = 0;
let nextId = 0;
let nextReply = 0;
const pending = new Map<number, (reply: Reply) => void>();

function acquireWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./mirror-worker.mjs', import.meta.url));
    worker.on('message', (reply: Reply) => {
      pending.get(reply.reply)?.(reply);
      pending.delete(reply.reply);
    });
    worker.on('error', (err) => console.error(`[lab] terminal mirror worker failed: ${err.message}`));
    worker.unref(); // mirrors never keep the process alive on their own
  }
  users++;
  return worker;
}

function releaseWorker(): void {
  users--;
  if (users === 0 && worker) {
    void worker.terminate(); // nothing to mirror: let the process exit when it wants to
    worker = undefined;
  }
}

export class ScreenMirror {
  private readonly id = nextId++;
  private readonly worker = acquireWorker();
  private disposed = false;
  private size: { cols: number; rows: number };

  constructor(cols: number, rows: number) {
    this.size = { cols, rows };
    this.worker.postMessage({ op: 'create', id: this.id, cols, rows, scrollback: MIRROR_SCROLLBACK });
  }

  get cols(): number {
    return this.size.cols;
  }

  get rows(): number {
    return this.size.rows;
  }

  write(data: Uint8Array): void {
    // Copy: node-pty's chunks may share a pooled buffer, which must not be transferred.
    if (!this.disposed) this.worker.postMessage({ op: 'write', id: this.id, data: Uint8Array.from(data) });
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    if (!this.disposed) this.worker.postMessage({ op: 'resize', id: this.id, cols, rows });
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
    this.disposed = true;
    this.worker.postMessage({ op: 'dispose', id: this.id });
    releaseWorker();
  }

  private ask(op: 'snapshot' | 'text'): Promise<string> {
    if (this.disposed) return Promise.resolve('');
    const reply = nextReply++;
    return new Promise((resolve) => {
      pending.set(reply, (r) => resolve(r.value));
      this.worker.postMessage({ op, id: this.id, reply, scrollback: MIRROR_SCROLLBACK });
    });
  }
}
