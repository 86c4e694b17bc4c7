// A Node-side client of the terminal WebSocket, speaking the same protocol as the browser:
// used by integration tests and the bench to drive real terminals without a browser.
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../schema/wire.js';
import type { LabEndpoint } from './lab-harness.js';
import { LIMITS } from '../../schema/limits.js';
import { SOCKET_PATHS } from '../../schema/wire-constants.js';

export interface TerminalClientOptions {
  session: string;
  terminal: string;
  cols?: number;
  rows?: number;
  /** Ack received bytes automatically, as the browser does after xterm parses them. */
  autoAck?: boolean;
  /** Keep only this many characters of output (floods would otherwise build huge strings). */
  tailChars?: number;
}

export class TerminalClient {
  readonly messages: ServerMessage[] = [];
  output = '';
  bytesReceived = 0;
  private unacked = 0;
  private waiters: Array<() => void> = [];

  private constructor(
    readonly ws: WebSocket,
    private readonly autoAck: boolean,
    private readonly tailChars = Infinity,
  ) {
    ws.on('message', (data, isBinary) => {
      const buf = data as Buffer;
      if (isBinary) {
        this.output += buf.toString('utf8');
        if (this.output.length > this.tailChars) this.output = this.output.slice(-this.tailChars);
        this.bytesReceived += buf.length;
        // Ack in batches, as the browser does once xterm has parsed the bytes.
        this.unacked += buf.length;
        if (this.autoAck && this.unacked >= LIMITS.flowAckEvery) {
          this.send({ type: 'ack', bytes: this.unacked });
          this.unacked = 0;
        }
      } else {
        const message = JSON.parse(buf.toString('utf8')) as ServerMessage;
        this.messages.push(message);
        if (message.type === 'replay') this.output += message.data;
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static connect(lab: LabEndpoint, options: TerminalClientOptions, headers: Record<string, string> = lab.headers): Promise<TerminalClient> {
    const query = new URLSearchParams({
      session: options.session,
      terminal: options.terminal,
      cols: String(options.cols ?? 80),
      rows: String(options.rows ?? 24),
    });
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}${SOCKET_PATHS.terminal}?${query}`, { headers });
    const client = new TerminalClient(ws, options.autoAck ?? true, options.tailChars);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  type(text: string): void {
    this.ws.send(Buffer.from(text), { binary: true });
  }

  /** Waits until `predicate` holds, re-checking on every message; fails with the output so far. */
  async waitFor(predicate: (client: TerminalClient) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; output so far:\n${this.output.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void> {
    const matches = (c: TerminalClient) => (typeof text === 'string' ? c.output.includes(text) : text.test(c.output));
    return this.waitFor(matches, timeoutMs, `output ${text}`);
  }

  waitForMessage<T extends ServerMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<ServerMessage, { type: T }>> {
    return this.waitFor((c) => c.messages.some((m) => m.type === type), timeoutMs, `message ${type}`).then(
      () => this.messages.find((m) => m.type === type) as Extract<ServerMessage, { type: T }>,
    );
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
