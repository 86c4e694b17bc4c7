// Command-line options of `npm start`. The lab only listens on loopback: it runs code, and the
// sandbox that would make anything else thinkable is not active in this mode.
import { parseArgs } from 'node:util';
import { LIMITS } from '../../schema/limits.js';
import { DEFAULT_WARM_SESSIONS } from '../sessions/warm-pool.js';

export class StartOptionsError extends Error {
  override name = 'StartOptionsError';
}

export interface StartOptions {
  port: number;
  host: string;
  rebuild: boolean;
  /** `--help`: print START_USAGE and exit. */
  help: boolean;
  /** Sessions the lab runs at once (SOCKET_LAB_MAX_SESSIONS); a new one beyond it gets "the lab is full". */
  maxSessions: number;
  /** Sessions kept built ahead of demand (SOCKET_LAB_WARM_SESSIONS); each costs an idle session's memory. */
  warmSessions: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const START_USAGE = `Usage: npm start -- [options]

Serves the lab and prints its URL (with the sign-in token).

Options:
  --port N       port to listen on (default 4321, or $PORT)
  --host ADDR    loopback address to listen on: 127.0.0.1 (default, or $HOST), localhost or ::1
  --rebuild      build the site again even if it looks up to date
  -h, --help     show this text

Environment:
  SOCKET_LAB_MAX_SESSIONS   sessions at once (default ${LIMITS.maxSessions})
  SOCKET_LAB_WARM_SESSIONS  sessions kept ready ahead of demand (default ${DEFAULT_WARM_SESSIONS}; 0 for none)`;

export function parseStartOptions(args: string[], env: NodeJS.ProcessEnv): StartOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        rebuild: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    // parseArgs says e.g. "Unknown option '--bogus'": add what the options are.
    throw new StartOptionsError(`${(err as Error).message.replace(/\. To specify.*$/s, '')}. See npm start -- --help`);
  }
  const options: StartOptions = {
    port: Number(values.port ?? env.PORT ?? 4321),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    rebuild: values.rebuild,
    help: values.help,
    maxSessions: Number(env.SOCKET_LAB_MAX_SESSIONS ?? LIMITS.maxSessions),
    warmSessions: Number(env.SOCKET_LAB_WARM_SESSIONS ?? DEFAULT_WARM_SESSIONS),
  };
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw new StartOptionsError(`--port must be a number from 1 to 65535`);
  }
  if (!Number.isInteger(options.maxSessions) || options.maxSessions < 1) {
    throw new StartOptionsError('SOCKET_LAB_MAX_SESSIONS must be a whole number of at least 1');
  }
  if (!Number.isInteger(options.warmSessions) || options.warmSessions < 0 || options.warmSessions > 20) {
    throw new StartOptionsError('SOCKET_LAB_WARM_SESSIONS must be a whole number from 0 to 20');
  }
  if (!LOOPBACK.has(options.host)) {
    throw new StartOptionsError(
      `refusing to listen on ${options.host}: without the sandbox the lab runs learners' code as this user, so it only listens on loopback (127.0.0.1).`,
    );
  }
  return options;
}
