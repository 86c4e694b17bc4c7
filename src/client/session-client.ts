// The browser side of a lab session: one per tab and lesson, id kept in sessionStorage so a reload
// reattaches to the same terminals. If the server forgot it (expired, restarted), make a new one.
import { fromServer, pageLang, t } from '../i18n/ui';
import type { ServerWords } from '../../schema/server-words';
import type { SandboxMode, SandboxNotice } from './wire-types';

export interface SessionInfo {
  id: string;
  mode: SandboxMode;
  notice?: SandboxNotice;
}

/** Why no session: the server is not there, this page is not signed in, or the server refused to start one. */
export type SessionFailure = 'unreachable' | 'signed-out' | 'refused';

export class SessionError extends Error {
  constructor(
    readonly failure: SessionFailure,
    message: string,
  ) {
    super(message);
  }
}

/** A server that answered but could not start a session is up: retrying in a loop would only hide why. */
export const isRefusal = (err: unknown): boolean => err instanceof SessionError && err.failure !== 'unreachable';

export class SessionClient {
  private pending: Promise<SessionInfo> | undefined;
  private readonly storageKey: string;
  private readonly createdListeners = new Set<(info: SessionInfo) => void>();

  constructor(private readonly lessonId: string) {
    this.storageKey = `socketlab:session:${lessonId}`;
  }

  /** The current session, creating one on the server when there is none. */
  current(): Promise<SessionInfo> {
    if (this.pending) return this.pending;
    const stored = this.read();
    this.pending = stored ? Promise.resolve(stored) : this.create();
    this.pending.catch(() => (this.pending = undefined));
    return this.pending;
  }

  /** Calls `listener` once, the next time a new session is created (e.g. a key press in a terminal). */
  onceCreated(listener: (info: SessionInfo) => void): void {
    this.createdListeners.add(listener);
  }

  /** Called when the server says the session is gone: every terminal then shares the new one. */
  renew(staleId: string): Promise<SessionInfo> {
    if (this.pending) {
      return this.pending.then((info) => (info.id === staleId ? this.replace() : info));
    }
    return this.replace();
  }

  private replace(): Promise<SessionInfo> {
    sessionStorage.removeItem(this.storageKey);
    this.pending = this.create();
    this.pending.catch(() => (this.pending = undefined));
    return this.pending;
  }

  private async create(): Promise<SessionInfo> {
    let response: Response;
    try {
      response = await fetch('/api/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ lesson: this.lessonId, lang: pageLang() }),
      });
    } catch {
      throw new SessionError('unreachable', t('session.unreachable'));
    }
    const body = (await response.json().catch(() => ({}))) as {
      session?: string;
      mode?: SandboxMode;
      notice?: SandboxNotice;
      error?: string;
      words?: ServerWords;
    };
    if (response.status === 401) {
      throw new SessionError('signed-out', t('session.signedOut'));
    }
    if (!response.ok || !body.session || !body.mode) {
      throw new SessionError('refused', t('session.cannotStart', { error: fromServer(body.error ?? response.statusText, body.words) }));
    }
    const info: SessionInfo = { id: body.session, mode: body.mode, notice: body.notice };
    sessionStorage.setItem(this.storageKey, JSON.stringify(info));
    const listeners = [...this.createdListeners];
    this.createdListeners.clear();
    for (const listener of listeners) listener(info);
    return info;
  }

  private read(): SessionInfo | undefined {
    try {
      const info = JSON.parse(sessionStorage.getItem(this.storageKey) ?? 'null') as SessionInfo | null;
      return info?.id ? info : undefined;
    } catch {
      return undefined;
    }
  }
}
