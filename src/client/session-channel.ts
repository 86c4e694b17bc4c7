// The page's link to the session WebSocket, shared by the Break-it panel and the Check panel: JSON
// both ways over a ReconnectingSocket, which follows the session when the server replaced it.
import { SOCKET_PATHS } from '../../schema/wire-constants';
import { ReconnectingSocket, type LinkState } from './reconnecting-socket';
import type { SessionClient } from './session-client';
import type { SessionClientMessage, SessionServerMessage } from './wire-types';

export class SessionChannel {
  private readonly socket: ReconnectingSocket;
  private readonly messageListeners: Array<(message: SessionServerMessage) => void> = [];
  private readonly stateListeners: Array<(state: LinkState, detail?: string) => void> = [];

  constructor(sessions: SessionClient) {
    this.socket = new ReconnectingSocket(sessions, {
      path: SOCKET_PATHS.session,
      query: (session) => ({ session }),
      onData: (data) => this.onData(data),
      onState: (state, detail) => this.stateListeners.forEach((listener) => listener(state, detail)),
      openOnConnect: true,
    });
  }

  onMessage(listener: (message: SessionServerMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onState(listener: (state: LinkState, detail?: string) => void): void {
    this.stateListeners.push(listener);
  }

  connect(): Promise<void> {
    return this.socket.connect();
  }

  send(message: SessionClientMessage): boolean {
    return this.socket.send(JSON.stringify(message));
  }

  private onData(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') return;
    let message: SessionServerMessage;
    try {
      message = JSON.parse(data) as SessionServerMessage;
    } catch {
      return; // not JSON: nothing a panel could show
    }
    for (const listener of this.messageListeners) listener(message);
  }
}
