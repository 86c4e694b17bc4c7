// The wire's fixed numbers and names, in a module without zod so the browser can import them too
// (schema/wire.ts re-exports them for the server).

/** Where the two WebSockets live. */
export const SOCKET_PATHS = {
  /** One terminal: /ws/terminal?session=…&terminal=…&cols=…&rows=… */
  terminal: '/ws/terminal',
  /** The session's Break-it and Check channel: /ws/session?session=… */
  session: '/ws/session',
} as const;

/** WebSocket close codes (4000–4999 are the application's own) and what the page does on each. */
export const CLOSE_CODES = {
  /** The page dropped the link on purpose (a test, a reconnect button): reconnect at once. */
  droppedByPage: 4000,
  /** The request can never succeed (bad address, no such terminal): do not retry. */
  badRequest: 4400,
  /** The server does not know the session (it restarted or expired it): get a new one and reconnect. */
  unknownSession: 4404,
  /** The session ended (idle, lab shutdown): a new one starts only on the learner's next action. */
  sessionEnded: 4410,
} as const;

/** Error codes on a terminal's socket (and of the session's HTTP API). */
export const TERMINAL_ERROR_CODES = [
  'bad-message',
  'too-large',
  'unknown-session',
  'unknown-lesson',
  'unknown-terminal',
  'unknown-run',
  'terminal-not-open',
  'too-many-terminals',
  'bad-path',
  'file-error',
  'spawn-failed',
] as const;

/** Errors about a Check run: the Check panel reports them, the Break-it panel leaves them to it. */
export const CHECK_ERROR_CODES = ['no-checks', 'check-busy', 'check-failed'] as const;
export type CheckErrorCode = (typeof CHECK_ERROR_CODES)[number];
export const isCheckError = (code: string): code is CheckErrorCode => (CHECK_ERROR_CODES as readonly string[]).includes(code);

/** Error codes on the session socket. */
export const SESSION_ERROR_CODES = ['bad-message', 'unknown-session', 'unknown-fault', 'fault-failed', ...CHECK_ERROR_CODES] as const;
