// The lab runs code, so the browser is the attack surface (cross-site WebSocket hijacking, DNS
// rebinding: IPython CVE-2014-3429, code-server CVE-2023-26114). Every request must come to an
// allowed Host, from an allowed Origin, with the per-launch token cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SecurityOptions {
  port: number;
  /** Extra host names the lab may be reached as (besides localhost, 127.0.0.1 and [::1]). */
  extraHosts?: string[];
  token?: string;
}

export type GateResult = { ok: true } | { ok: false; status: 400 | 401 | 403; reason: string };

export class LabSecurity {
  readonly token: string;
  readonly cookieName: string;
  readonly allowedHosts: ReadonlySet<string>;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly port: number;

  constructor(options: SecurityOptions) {
    this.port = options.port;
    this.token = options.token ?? randomBytes(24).toString('base64url');
    // Cookies ignore ports: two labs on one machine must not overwrite each other's cookie.
    this.cookieName = `socketlab_token_${options.port}`;
    const names = ['localhost', '127.0.0.1', '[::1]', ...(options.extraHosts ?? [])];
    this.allowedHosts = new Set(names.map((n) => `${n}:${options.port}`.toLowerCase()));
    this.allowedOrigins = new Set([...this.allowedHosts].map((h) => `http://${h}`));
  }

  /** Host allow-list defeats DNS rebinding: a rebound name still sends its own Host header. */
  checkHost(req: IncomingMessage): GateResult {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.allowedHosts.has(host)) return { ok: false, status: 403, reason: `Host "${host}" is not allowed` };
    return { ok: true };
  }

  /** Exact Origin allow-list. `required` for WebSockets and state-changing requests. */
  checkOrigin(req: IncomingMessage, required: boolean): GateResult {
    const origin = req.headers.origin;
    if (origin === undefined) {
      return required ? { ok: false, status: 403, reason: 'missing Origin header' } : { ok: true };
    }
    if (!this.allowedOrigins.has(origin.toLowerCase())) return { ok: false, status: 403, reason: `Origin "${origin}" is not allowed` };
    return { ok: true };
  }

  hasValidCookie(req: IncomingMessage): boolean {
    const value = parseCookies(req.headers.cookie)[this.cookieName];
    return value !== undefined && this.isToken(value);
  }

  isToken(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Everything an API or WebSocket request must pass. */
  checkApiRequest(req: IncomingMessage, { originRequired }: { originRequired: boolean }): GateResult {
    for (const result of [this.checkHost(req), this.checkOrigin(req, originRequired)]) if (!result.ok) return result;
    if (!this.hasValidCookie(req)) {
      return { ok: false, status: 401, reason: 'missing or wrong lab token: open the URL that `npm start` printed' };
    }
    return { ok: true };
  }

  sessionCookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** The URL printed at start: it trades the token for the cookie (valid for this launch; a restart prints a new one). */
  loginUrl(host = '127.0.0.1'): string {
    return `http://${host}:${this.port}/?token=${this.token}`;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** Headers on every answer: no framing (clickjacking), no sniffing, and never leak the token URL. */
export function applySecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}
