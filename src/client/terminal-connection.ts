// One terminal's WebSocket: raw bytes both ways, JSON control messages, acks for flow control, and
// reconnection with exponential backoff when the link drops. Knows nothing about xterm.
import { LIMITS } from '../../schema/limits';
import { backoffDelay } from './backoff';
import { isRefusal, type SessionClient } from './session-client';
import type { ClientMessage, ServerMessage } from './wire-types';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'failed' | 'refused';

export interface ConnectionEvents {
  onBytes(data: Uint8Array): void;
  onMessage(message: ServerMessage): void;
  onState(state: ConnectionState, detail?: string): void;
}

export class TerminalConnection {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private parsedSinceAck = 0;
  private closedByUs = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private sessionId = '';

  constructor(
    private readonly sessions: SessionClient,
    private readonly terminalId: string,
    private readonly size: () => { cols: number; rows: number },
    private readonly events: ConnectionEvents,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  async connect(): Promise<void> {
    this.closedByUs = false;
    clearTimeout(this.retryTimer);
    this.events.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let session;
    try {
      session = await this.sessions.current();
    } catch (err) {
      // The server is up but refused (or this page is signed out): say why, once, and do not pretend to reconnect.
      if (isRefusal(err)) return this.events.onState('refused', (err as Error).message);
      this.events.onState('failed', (err as Error).message);
      return this.scheduleRetry();
    }
    this.sessionId = session.id;
    const { cols, rows } = this.size();
    const url = new URL('/ws/terminal', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ session: session.id, terminal: this.terminalId, cols: String(cols), rows: String(rows) }).toString();
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') this.onText(event.data);
      else this.events.onBytes(new Uint8Array(event.data as ArrayBuffer));
    };
    ws.onclose = (event) => this.onClose(ws, event);
  }

  send(message: ClientMessage): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(JSON.stringify(message));
    return true;
  }

  sendBytes(data: Uint8Array): void {
    if (this.isOpen) this.ws!.send(data);
  }

  /** xterm has parsed `bytes` more bytes: ack them in batches so the server can resume a paused pty. */
  parsed(bytes: number): void {
    this.parsedSinceAck += bytes;
    if (this.parsedSinceAck >= LIMITS.flowAckEvery && this.send({ type: 'ack', bytes: this.parsedSinceAck })) {
      this.parsedSinceAck = 0;
    }
  }

  /** Drops the link on purpose (tests, "reconnect" button); it comes back by itself. */
  drop(): void {
    this.ws?.close(4000, 'dropped by the page');
  }

  close(): void {
    this.closedByUs = true;
    clearTimeout(this.retryTimer);
    this.ws?.close(1000, 'closed');
  }

  private onText(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'ready') {
      this.attempt = 0;
      this.parsedSinceAck = 0; // a new link starts a new count on the server too
      this.events.onState('open');
    }
    this.events.onMessage(message);
  }

  private onClose(ws: WebSocket, event: CloseEvent): void {
    if (this.ws !== ws || this.closedByUs) return;
    if (event.code === 4404) {
      // The server no longer knows the session: get a new one and come straight back.
      void this.sessions.renew(this.sessionId).then(
        () => this.connect(),
        () => this.scheduleRetry(),
      );
      return;
    }
    if (event.code === 4400) {
      this.events.onState('failed', event.reason);
      return; // a request the server refused will be refused again
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closedByUs) return;
    this.attempt++;
    const delay = backoffDelay(this.attempt);
    this.events.onState('reconnecting', `retrying in ${(delay / 1000).toFixed(1)} s`);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
