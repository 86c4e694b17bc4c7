// A WebSocket to the lab that comes back by itself: backoff with jitter when the link drops, a new
// session when the server forgot ours, no retry loop for a request refused for good. The terminal
// links and the session channel are each one of these; they differ only in path, query and data.
import { t } from '../i18n/ui';
import { CLOSE_CODES } from '../../schema/wire-constants';
import { backoffDelay } from './backoff';
import { isRefusal, type SessionClient } from './session-client';

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'failed' | 'refused' | 'ended';

export interface LinkOptions {
  /** One of SOCKET_PATHS. */
  path: string;
  /** The query string's parameters for this session. */
  query(sessionId: string): Record<string, string>;
  onData(data: string | ArrayBuffer): void;
  onState(state: LinkState, detail?: string): void;
  /**
   * true: the link counts as open when the socket opens. false: when the owner calls linkUp()
   * (a terminal is open only once the server said `ready`).
   */
  openOnConnect: boolean;
}

export class ReconnectingSocket {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private closedByUs = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private sessionId = '';

  constructor(
    private readonly sessions: SessionClient,
    private readonly options: LinkOptions,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  async connect(): Promise<void> {
    this.closedByUs = false;
    clearTimeout(this.retryTimer);
    this.options.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      this.sessionId = (await this.sessions.current()).id;
    } catch (err) {
      // The server is up but refused (or this page is signed out): say why, once, and do not pretend to reconnect.
      if (isRefusal(err)) return this.options.onState('refused', (err as Error).message);
      return this.retry((err as Error).message);
    }
    const url = new URL(this.options.path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams(this.options.query(this.sessionId)).toString();
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      if (this.options.openOnConnect) this.linkUp();
    };
    ws.onmessage = (event) => this.options.onData(event.data as string | ArrayBuffer);
    ws.onclose = (event) => this.onClose(ws, event);
  }

  /** The link works: the next drop starts the backoff from the beginning. */
  linkUp(): void {
    this.attempt = 0;
    this.options.onState('open');
  }

  send(data: string | Uint8Array): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(data);
    return true;
  }

  /** Drops the link on purpose (tests, a reconnect button); it comes back by itself. */
  drop(): void {
    this.ws?.close(CLOSE_CODES.droppedByPage, 'dropped by the page');
  }

  close(): void {
    this.closedByUs = true;
    clearTimeout(this.retryTimer);
    this.ws?.close(1000, 'closed');
  }

  private onClose(ws: WebSocket, event: CloseEvent): void {
    if (this.ws !== ws || this.closedByUs) return;
    switch (event.code) {
      case CLOSE_CODES.unknownSession:
        // The server no longer knows the session: get a new one (shared by every link) and come straight back.
        void this.sessions.renew(this.sessionId).then(
          () => this.connect(),
          (err: Error) => this.retry(err.message),
        );
        return;
      case CLOSE_CODES.badRequest:
        // A request the server refused will be refused again.
        return this.options.onState('failed', event.reason);
      case CLOSE_CODES.sessionEnded:
        // A new session starts only on the learner's action (a key in a terminal), so a forgotten
        // tab does not keep a sandbox alive for ever.
        this.options.onState('ended');
        this.sessions.onceCreated(() => void this.connect());
        return;
      default:
        this.retry(t('session.dropped'));
    }
  }

  private retry(why: string): void {
    if (this.closedByUs) return;
    this.attempt++;
    const delay = backoffDelay(this.attempt);
    this.options.onState('reconnecting', t('session.retrying', { why, seconds: (delay / 1000).toFixed(1) }));
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
}
