// One terminal's link: raw bytes both ways, JSON control messages and acks for flow control, over
// a ReconnectingSocket. Knows nothing about xterm.
import { LIMITS } from '../../schema/limits';
import { SOCKET_PATHS } from '../../schema/wire-constants';
import { ReconnectingSocket, type LinkState } from './reconnecting-socket';
import type { SessionClient } from './session-client';
import type { ClientMessage, ServerMessage } from './wire-types';

export interface ConnectionEvents {
  onBytes(data: Uint8Array): void;
  onMessage(message: ServerMessage): void;
  onState(state: LinkState, detail?: string): void;
}

export class TerminalConnection {
  private readonly socket: ReconnectingSocket;
  private parsedSinceAck = 0;

  constructor(
    sessions: SessionClient,
    terminalId: string,
    size: () => { cols: number; rows: number },
    private readonly events: ConnectionEvents,
  ) {
    this.socket = new ReconnectingSocket(sessions, {
      path: SOCKET_PATHS.terminal,
      query: (session) => {
        const { cols, rows } = size();
        return { session, terminal: terminalId, cols: String(cols), rows: String(rows) };
      },
      onData: (data) => (typeof data === 'string' ? this.onText(data) : events.onBytes(new Uint8Array(data))),
      onState: (state, detail) => events.onState(state, detail),
      openOnConnect: false,
    });
  }

  get isOpen(): boolean {
    return this.socket.isOpen;
  }

  connect(): Promise<void> {
    return this.socket.connect();
  }

  send(message: ClientMessage): boolean {
    return this.socket.send(JSON.stringify(message));
  }

  sendBytes(data: Uint8Array): void {
    this.socket.send(data);
  }

  /** xterm has parsed `bytes` more bytes: ack them in batches so the server can resume a paused pty. */
  parsed(bytes: number): void {
    this.parsedSinceAck += bytes;
    if (this.parsedSinceAck >= LIMITS.flowAckEvery && this.send({ type: 'ack', bytes: this.parsedSinceAck })) {
      this.parsedSinceAck = 0;
    }
  }

  drop(): void {
    this.socket.drop();
  }

  close(): void {
    this.socket.close();
  }

  private onText(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'ready') {
      this.parsedSinceAck = 0; // a new link starts a new count on the server too
      this.socket.linkUp();
    }
    this.events.onMessage(message);
  }
}
