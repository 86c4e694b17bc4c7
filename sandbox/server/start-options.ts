// Command-line options of `npm start`. The lab only listens on loopback: it runs code, and the
// sandbox that would make anything else thinkable is not active in this mode.
import { LIMITS } from '../../schema/limits.js';

export class StartOptionsError extends Error {
  override name = 'StartOptionsError';
}

export interface StartOptions {
  port: number;
  host: string;
  rebuild: boolean;
  /** Sessions the lab runs at once (SOCKET_LAB_MAX_SESSIONS); a new one beyond it gets "the lab is full". */
  maxSessions: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function parseStartOptions(args: string[], env: NodeJS.ProcessEnv): StartOptions {
  const options: StartOptions = {
    port: Number(env.PORT ?? 4321),
    host: env.HOST ?? '127.0.0.1',
    rebuild: false,
    maxSessions: Number(env.SOCKET_LAB_MAX_SESSIONS ?? LIMITS.maxSessions),
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--port') options.port = Number(args[++i]);
    else if (arg === '--host') options.host = args[++i] ?? '';
    else if (arg === '--rebuild') options.rebuild = true;
    else throw new StartOptionsError(`unknown option ${arg}. Options: --port N, --host 127.0.0.1, --rebuild`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new StartOptionsError(`--port must be a number from 1 to 65535`);
  }
  if (!Number.isInteger(options.maxSessions) || options.maxSessions < 1) {
    throw new StartOptionsError('SOCKET_LAB_MAX_SESSIONS must be a whole number of at least 1');
  }
  if (!LOOPBACK.has(options.host)) {
    throw new StartOptionsError(
      `refusing to listen on ${options.host}: without the sandbox the lab runs learners' code as this user, so it only listens on loopback (127.0.0.1).`,
    );
  }
  return options;
}
