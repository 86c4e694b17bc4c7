// One client connection through a proxy: the client socket, the upstream socket, and the toxics
// of each direction applied chunk by chunk, in order, with backpressure (a slow toxic slows the
// sender, as a slow network would).
import type { Socket } from 'node:net';
import type { Stream, Toxic } from '../../schema/faults.js';
import { runStage, type StageContext, type StageState } from './toxic-stages.js';

export interface ConnectionHost {
  /** The proxy's toxics right now (they can change while the connection lives). */
  toxics(): Toxic[];
  onClosed(conn: ProxyConnection, how: 'closed' | 'reset'): void;
}

export class ProxyConnection {
  private closed = false;
  private readonly applies = new Map<string, boolean>();
  private readonly states = new Map<string, StageState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  readonly bytes = { upstream: 0, downstream: 0 };

  constructor(
    readonly client: Socket,
    readonly upstream: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.pipe(client, upstream, 'upstream');
    this.pipe(upstream, client, 'downstream');
    for (const socket of [client, upstream]) {
      socket.on('error', () => this.reset());
      // Finished only when both sides are closed: delayed bytes may still be on their way.
      socket.on('close', () => {
        if (this.client.closed && this.upstream.closed) this.finish('closed');
      });
    }
    this.syncTimers();
  }

  /** Re-reads the toxics: starts timeout/reset_peer clocks for new ones, stops removed ones. */
  syncTimers(): void {
    const active = new Set<string>();
    for (const toxic of this.activeToxics()) {
      if (toxic.type !== 'timeout' && toxic.type !== 'reset_peer') continue;
      active.add(toxic.name);
      if (this.timers.has(toxic.name)) continue;
      const ms = toxic.attributes.timeout;
      if (toxic.type === 'timeout' && ms === 0) continue; // hold forever, until removed
      const action = toxic.type === 'timeout' ? () => this.end() : () => this.reset();
      this.timers.set(toxic.name, setTimeout(action, ms));
    }
    for (const [name, timer] of this.timers) {
      if (!active.has(name)) {
        clearTimeout(timer);
        this.timers.delete(name);
      }
    }
  }

  /** Graceful end both ways (the peer sees EOF). */
  end(): void {
    if (this.closed) return;
    this.client.end();
    this.upstream.end();
    setTimeout(() => this.destroy(), 1000).unref();
  }

  /** TCP reset both ways (the peer sees ConnectionResetError). */
  reset(): void {
    if (this.closed) return;
    for (const socket of [this.client, this.upstream]) {
      if (!socket.destroyed) socket.resetAndDestroy();
    }
    this.finish('reset');
  }

  destroy(): void {
    this.client.destroy();
    this.upstream.destroy();
  }

  private finish(how: 'closed' | 'reset'): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.host.onClosed(this, how);
  }

  /** Toxics that apply to this connection: toxicity is decided once per connection and toxic. */
  private activeToxics(stream?: Stream): Toxic[] {
    return this.host.toxics().filter((toxic) => {
      if (stream && toxic.stream !== stream) return false;
      if (!this.applies.has(toxic.name)) this.applies.set(toxic.name, Math.random() < toxic.toxicity);
      return this.applies.get(toxic.name);
    });
  }

  private pipe(from: Socket, to: Socket, stream: Stream): void {
    let queue = Promise.resolve();
    const ctx: StageContext = {
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      endConnection: () => this.end(),
    };
    let queued = 0;
    const resume = () => {
      if (!this.closed) from.resume();
    };
    from.on('data', (chunk: Buffer) => {
      // No toxic on this stream and nothing queued: write at once, as a plain pipe would (half the
      // cost of going through the queue, which bulk transfers notice).
      if (queued === 0 && this.activeToxics(stream).length === 0) {
        if (this.closed || to.destroyed) return;
        this.bytes[stream] += chunk.length;
        if (!to.write(chunk)) {
          from.pause();
          to.once('drain', resume);
        }
        return;
      }
      queued++;
      from.pause();
      queue = queue
        .then(() => this.through(this.activeToxics(stream), chunk, to, stream, ctx))
        .then(() => {
          queued--;
          resume();
        });
    });
    from.on('end', () => {
      queue = queue.then(async () => {
        // A timeout toxic holds the close too: the peer sees neither data nor EOF until it goes.
        while (!this.closed && this.activeToxics(stream).some((t) => t.type === 'timeout')) await ctx.sleep(50);
        const slowClose = this.activeToxics(stream).find((t) => t.type === 'slow_close');
        if (slowClose) await ctx.sleep(slowClose.attributes.delay);
        if (!to.destroyed) to.end();
      });
    });
  }

  /** Runs the chunk through the toxics in order; the last step writes to the other socket. */
  private through(toxics: Toxic[], chunk: Buffer, to: Socket, stream: Stream, ctx: StageContext): Promise<void> {
    const write = (data: Buffer) =>
      new Promise<void>((resolve) => {
        if (this.closed || to.destroyed || data.length === 0) return resolve();
        this.bytes[stream] += data.length;
        if (to.write(data)) resolve();
        else to.once('drain', resolve);
      });
    const step =
      (i: number) =>
      (data: Buffer): Promise<void> => {
        if (i === toxics.length) return write(data);
        const key = `${stream}:${toxics[i].name}`;
        if (!this.states.has(key)) this.states.set(key, { bytes: 0 });
        return runStage(toxics[i], data, step(i + 1), ctx, this.states.get(key)!);
      };
    return step(0)(chunk);
  }
}
