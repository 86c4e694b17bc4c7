// A proxy: listens on `listen`, forwards each connection to `upstream`, applies its toxics.
// Toxiproxy's semantics: a disabled proxy refuses connections; if the upstream is down the client
// still connects (to the proxy) and then sees EOF — not a refusal.
import { EventEmitter } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Toxic } from '../../schema/faults.js';
import { ProxyConnection } from './connection.js';

export interface ProxyEvent {
  at: number;
  proxy: string;
  kind: 'connect' | 'upstream-unavailable' | 'closed' | 'reset';
  client?: string;
  bytesUp?: number;
  bytesDown?: number;
}

export function splitHostPort(hostPort: string): { host: string; port: number } {
  const i = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(hostPort.slice(i + 1)) };
}

export class FaultProxy extends EventEmitter {
  toxics: Toxic[] = [];
  enabled = false;
  private server: Server | undefined;
  private readonly connections = new Set<ProxyConnection>();
  private readonly pending = new Set<Socket>();

  constructor(
    readonly name: string,
    public listen: string,
    public upstream: string,
  ) {
    super();
  }

  toJSON() {
    return { name: this.name, listen: this.listen, upstream: this.upstream, enabled: this.enabled, toxics: this.toxics };
  }

  async start(): Promise<void> {
    if (this.enabled) return;
    const { host, port } = splitHostPort(this.listen);
    // Half-open: a client that shuts down its sending side still gets the rest of the answer.
    const server = createServer({ allowHalfOpen: true }, (client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    // Report the real port when asked for port 0, as Toxiproxy does.
    if (address && typeof address === 'object') this.listen = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    this.server = server;
    this.enabled = true;
  }

  /** Stops listening and drops every live connection (Toxiproxy's disable). */
  async stop(): Promise<void> {
    if (!this.enabled) return;
    this.enabled = false;
    for (const conn of this.connections) conn.destroy();
    for (const socket of this.pending) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Tell live connections the toxics changed (timeouts and resets start or stop). */
  toxicsChanged(): void {
    for (const conn of this.connections) conn.syncTimers();
  }

  private accept(client: Socket): void {
    const remote = `${client.remoteAddress}:${client.remotePort}`;
    this.event({ kind: 'connect', client: remote });
    this.pending.add(client);
    client.pause();
    client.on('error', () => client.destroy());
    const { host, port } = splitHostPort(this.upstream);
    const upstream = createConnection({ host, port, allowHalfOpen: true });
    upstream.once('connect', () => {
      this.pending.delete(client);
      const conn = new ProxyConnection(client, upstream, {
        toxics: () => this.toxics,
        onClosed: (c, how) => {
          this.connections.delete(c);
          this.event({ kind: how, client: remote, bytesUp: c.bytes.upstream, bytesDown: c.bytes.downstream });
        },
      });
      this.connections.add(conn);
      client.resume();
    });
    upstream.once('error', () => {
      if (!this.pending.delete(client)) return;
      this.event({ kind: 'upstream-unavailable', client: remote });
      // The client connected to us; the upstream is down: it reads EOF. Resume so its own FIN is
      // read and the socket can close; never keep it longer than a moment.
      client.resume();
      client.end();
      setTimeout(() => client.destroy(), 2000).unref();
    });
  }

  private event(event: Omit<ProxyEvent, 'at' | 'proxy'>): void {
    this.emit('event', { at: Date.now(), proxy: this.name, ...event } satisfies ProxyEvent);
  }
}
