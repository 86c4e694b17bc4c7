// The page's link to the session WebSocket (/ws/session), shared by the Break-it panel and the
// Check panel. JSON both ways; reconnects with backoff, and follows the session when the server
// replaced it.
import { t } from '../i18n/ui';
import { backoffDelay } from './backoff';
import { isRefusal, type SessionClient } from './session-client';
import type { SessionClientMessage, SessionServerMessage } from './wire-types';

export type ChannelState = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'ended';

export class SessionChannel {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private sessionId = '';
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly messageListeners: Array<(message: SessionServerMessage) => void> = [];
  private readonly stateListeners: Array<(state: ChannelState, detail?: string) => void> = [];

  constructor(private readonly sessions: SessionClient) {}

  onMessage(listener: (message: SessionServerMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onState(listener: (state: ChannelState, detail?: string) => void): void {
    this.stateListeners.push(listener);
  }

  private setState(state: ChannelState, detail?: string): void {
    for (const listener of this.stateListeners) listener(state, detail);
  }

  async connect(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      this.sessionId = (await this.sessions.current()).id;
    } catch (err) {
      // The server answered but could not start a session: the terminals say why; no retry loop.
      if (isRefusal(err)) return this.setState('refused', (err as Error).message);
      return this.retry((err as Error).message);
    }
    const url = new URL('/ws/session', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ session: this.sessionId }).toString();
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('open');
    };
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        const message = JSON.parse(event.data) as SessionServerMessage;
        for (const listener of this.messageListeners) listener(message);
      } catch {
        // not JSON: nothing the panel could show
      }
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      // 4410: the session ended (idle, or the lab stopped): a new one starts only on the learner's
      // action (a key in a terminal), so a forgotten tab does not keep a sandbox alive for ever.
      if (event.code === 4410) {
        this.setState('ended');
        this.sessions.onceCreated(() => void this.connect());
        return;
      }
      // 4404: the server forgot the session (restarted): a new one takes its place.
      if (event.code === 4404) {
        void this.sessions.renew(this.sessionId).then(
          () => this.connect(),
          (err: Error) => this.retry(err.message),
        );
      } else {
        this.retry(t('session.dropped'));
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
    this.setState('reconnecting', t('session.retrying', { why, seconds: (delay / 1000).toFixed(1) }));
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
