// What each toxic does to the bytes flowing one way through a connection. A stage takes a chunk
// and passes what should go on to `next` (later, in pieces, or not at all). Time-based toxics that
// act on the connection rather than on bytes (timeout, reset_peer) live in connection.ts.
import type { Toxic } from '../../schema/faults.js';

export type Next = (chunk: Buffer) => Promise<void>;

export interface StageContext {
  sleep(ms: number): Promise<void>;
  /** Ends the whole connection gracefully (FIN both ways). */
  endConnection(): void;
}

/** Per-connection, per-direction memory of a toxic (e.g. bytes counted by limit_data). */
export type StageState = { bytes: number };

export async function runStage(toxic: Toxic, chunk: Buffer, next: Next, ctx: StageContext, state: StageState): Promise<void> {
  const a = toxic.attributes;
  switch (toxic.type) {
    case 'latency': {
      const jitter = a.jitter ? (Math.random() * 2 - 1) * a.jitter : 0;
      await ctx.sleep(Math.max(0, a.latency + jitter));
      return next(chunk);
    }
    case 'bandwidth': {
      if (a.rate <= 0) return next(chunk);
      // Pass at most ~10 ms worth of bytes at a time, so the rate holds for big chunks too.
      const step = Math.max(1, Math.floor((a.rate * 1024) / 100));
      for (let i = 0; i < chunk.length; i += step) {
        const piece = chunk.subarray(i, i + step);
        await ctx.sleep((piece.length / (a.rate * 1024)) * 1000);
        await next(piece);
      }
      return;
    }
    case 'slicer': {
      if (a.average_size <= 0) return next(chunk);
      for (let i = 0; i < chunk.length;) {
        const variation = a.size_variation ? Math.round((Math.random() * 2 - 1) * a.size_variation) : 0;
        const size = Math.max(1, a.average_size + variation);
        await next(chunk.subarray(i, i + size));
        i += size;
        if (a.delay > 0 && i < chunk.length) await ctx.sleep(a.delay / 1000);
      }
      return;
    }
    case 'limit_data': {
      const left = a.bytes - state.bytes;
      if (left > 0) {
        const piece = chunk.subarray(0, left);
        state.bytes += piece.length;
        await next(piece);
      }
      if (state.bytes >= a.bytes) ctx.endConnection();
      return;
    }
    case 'timeout':
      return; // nothing gets through while the toxic is there
    case 'slow_close':
    case 'reset_peer':
      return next(chunk); // they act on closing and on time, not on bytes
  }
}
