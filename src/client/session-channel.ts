// The Break-it panel's link to the server: the session WebSocket (/ws/session). JSON both ways;
// reconnects with backoff, and follows the session when the server replaced it.
import { backoffDelay } from './backoff';
import type { SessionClient } from './session-client';
import type { SessionClientMessage, SessionServerMessage } from './wire-types';

export type ChannelState = 'connecting' | 'open' | 'reconnecting';

export class SessionChannel {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private sessionId = '';
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sessions: SessionClient,
    private readonly onMessage: (message: SessionServerMessage) => void,
    private readonly onState: (state: ChannelState, detail?: string) => void,
  ) {}

  async connect(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      this.sessionId = (await this.sessions.current()).id;
    } catch (err) {
      return this.retry((err as Error).message);
    }
    const url = new URL('/ws/session', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ session: this.sessionId }).toString();
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.onState('open');
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        this.onMessage(JSON.parse(event.data) as SessionServerMessage);
      } catch {
        // not JSON: nothing the panel could show
      }
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      // 4404: the server forgot the session; 4410: it ended. Either way a new one takes its place.
      if (event.code === 4404 || event.code === 4410) {
        void this.sessions.renew(this.sessionId).then(() => this.connect(), (err: Error) => this.retry(err.message));
      } else {
        this.retry('the link to the lab dropped');
      }
    };
  }

  send(message: SessionClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  private retry(why: string): void {
    this.attempt++;
    const delay = backoffDelay(this.attempt);
    this.onState('reconnecting', `${why}; retrying in ${(delay / 1000).toFixed(1)} s`);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
