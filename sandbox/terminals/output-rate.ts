// The output-rate cap: a token bucket per terminal. Bursts (a big `cat`, the throughput bench)
// pass at full speed; a program that floods without end is slowed to a steady rate so it cannot
// eat the server's CPU at the expense of other sessions. Pure logic: the caller pauses the pty.
export interface OutputRateLimit {
  bytesPerSecond: number;
  burstBytes: number;
}

export const DEFAULT_OUTPUT_RATE: OutputRateLimit = { bytesPerSecond: 4 << 20, burstBytes: 64 << 20 };

export class OutputRateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: OutputRateLimit,
    now: number,
  ) {
    this.tokens = limit.burstBytes;
    this.last = now;
  }

  /** Spends `bytes`; returns how long (ms) output must stop for the bucket to be back at zero. */
  consume(bytes: number, now: number): number {
    this.tokens = Math.min(this.limit.burstBytes, this.tokens + ((now - this.last) / 1000) * this.limit.bytesPerSecond);
    this.last = now;
    this.tokens -= bytes;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.limit.bytesPerSecond) * 1000);
  }
}
