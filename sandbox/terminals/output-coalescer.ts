// Coalesces pty output during floods (VS Code buffers pty data the same way). Output goes out at
// once while little is flowing, so keystroke echo stays instant; once more than FLOOD_BYTES have
// gone out within a window, further chunks are gathered and sent together, so a flood costs one
// WebSocket frame per few milliseconds instead of one per 3 KB read.
export const COALESCE_WINDOW_MS = 4;
export const FLOOD_BYTES = 8 * 1024;
export const COALESCE_MAX_BYTES = 256 * 1024;

export class OutputCoalescer {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | undefined;
  private windowStart = 0;
  private windowBytes = 0;

  constructor(private readonly flush: (data: Uint8Array) => void) {}

  push(data: Uint8Array): void {
    const now = performance.now();
    if (now - this.windowStart > COALESCE_WINDOW_MS) {
      this.windowStart = now;
      this.windowBytes = 0;
    }
    if (!this.timer && this.windowBytes < FLOOD_BYTES) {
      this.windowBytes += data.length;
      this.flush(data);
      return;
    }
    this.chunks.push(data);
    this.size += data.length;
    if (this.size >= COALESCE_MAX_BYTES) this.drain();
    else this.timer ??= setTimeout(() => this.drain(), COALESCE_WINDOW_MS);
  }

  /** Sends whatever is gathered now (also before a snapshot or on dispose). */
  drain(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    this.flush(data);
  }
}
