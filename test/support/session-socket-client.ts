// A Node-side client of the session WebSocket (the Break-it panel's channel), for tests and the bench.
import WebSocket from 'ws';
import type { FaultEvent, FaultStatus, TcpSocket } from '../../schema/break-it.js';
import type { SessionClientMessage, SessionServerMessage } from '../../schema/wire.js';
import type { LabEndpoint } from './lab-harness.js';
import { SOCKET_PATHS } from '../../schema/wire-constants.js';

export class SessionSocketClient {
  readonly messages: SessionServerMessage[] = [];
  faults: FaultStatus[] = [];
  busy = false;
  readonly events: FaultEvent[] = [];
  tcp: TcpSocket[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as SessionServerMessage;
      this.messages.push(message);
      if (message.type === 'faults') [this.faults, this.busy] = [message.faults, message.busy];
      if (message.type === 'events') this.events.push(...message.events);
      if (message.type === 'tcp') this.tcp = message.sockets;
      for (const wake of this.waiters.splice(0)) wake();
    });
    ws.on('close', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(lab: LabEndpoint, session: string): Promise<SessionSocketClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}${SOCKET_PATHS.session}?session=${session}`, { headers: lab.headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new SessionSocketClient(ws)));
      ws.once('error', reject);
    });
  }

  send(message: SessionClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Switches a fault and waits until the server reports it settled (on, off, or failed). */
  async set(id: string, on: boolean, timeoutMs = 10_000): Promise<FaultStatus> {
    const before = this.messages.length;
    this.send({ type: 'fault.set', id, on });
    await this.waitFor(
      () => this.messages.slice(before).some((m) => m.type === 'faults' && !m.busy) || this.messages.slice(before).some((m) => m.type === 'error'),
      timeoutMs,
      `fault ${id} → ${on}`,
    );
    return this.faults.find((f) => f.id === id)!;
  }

  async waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last messages: ${JSON.stringify(this.messages.slice(-3))}`);
      if (this.ws.readyState !== WebSocket.OPEN) throw new Error(`session socket closed while waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}
