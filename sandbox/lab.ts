// Builds the lab: lesson catalog, Python, sandbox, sessions, security, and the handlers that
// plug into any Node HTTP server (our own in production, Vite's in `astro dev`).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { LessonCatalog } from './lessons/catalog.js';
import { noConfinement, type ConfinementProvider } from './process/launch.js';
import { pythonBinDir, resolvePython, type PythonInfo } from './process/python.js';
import { SessionRegistry } from './sessions/registry.js';
import { handleApi } from './server/api.js';
import type { LabContext } from './server/lab-context.js';
import type { LabLogger } from './logger.js';
import type { SandboxNotice } from '../schema/wire.js';
import { LabSecurity } from './server/security.js';
import { createTerminalSocketServer } from './server/terminal-socket.js';
import { createSessionSocketServer } from './server/session-socket.js';
import type { OutputRateLimit } from './terminals/output-rate.js';

export interface LabOptions {
  lessonsDir: string;
  port: number;
  token?: string;
  graceMs?: number;
  idleMs?: number;
  outputRate?: OutputRateLimit;
  workRoot?: string;
  sandbox?: ConfinementProvider;
  sandboxOff?: SandboxNotice;
  python?: PythonInfo;
  log?: LabLogger;
  /** Sessions at once; beyond it a new one is refused with "the lab is full". */
  maxSessions?: number;
  /** Sessions kept built ahead of demand, so a new one is ready at once (SOCKET_LAB_WARM_SESSIONS). */
  warmSessions?: number;
}

export interface Lab extends LabContext {
  /** Handles /api/* requests; returns false for anything else. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles our WebSocket upgrades; returns false for anything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  attach(server: Server): void;
  close(): Promise<void>;
}

export { consoleLogger } from './logger.js';
import { consoleLogger } from './logger.js';

export function createLab(options: LabOptions): Lab {
  const log = options.log ?? consoleLogger;
  const catalog = LessonCatalog.load(options.lessonsDir);
  const python = options.python ?? resolvePython();
  const sandbox = options.sandbox ?? noConfinement;
  if (sandbox.mode === 'unsandboxed') log.warn("sandbox OFF: unsandboxed local mode — learners' programs run as this user; the lab listens on loopback only.");
  const registry = new SessionRegistry({
    catalog,
    sandbox,
    pythonBinDir: pythonBinDir(python),
    python: python.executable,
    graceMs: options.graceMs,
    idleMs: options.idleMs,
    outputRate: options.outputRate,
    root: options.workRoot,
    maxSessions: options.maxSessions,
    warmSessions: options.warmSessions,
    log,
  });
  const security = new LabSecurity({ port: options.port, token: options.token });
  const context: LabContext = { security, catalog, registry, sandbox, sandboxOff: options.sandboxOff, python, log };
  const terminalSockets = createTerminalSocketServer(context);
  const sessionSockets = createSessionSocketServer(context);

  return {
    ...context,
    handleRequest(req, res) {
      if (!(req.url ?? '').startsWith('/api/')) return false;
      void handleApi(context, req, res);
      return true;
    },
    handleUpgrade: (req, socket, head) => terminalSockets.handleUpgrade(req, socket, head) || sessionSockets.handleUpgrade(req, socket, head),
    attach(server) {
      server.on('upgrade', (req, socket, head) => {
        if (!this.handleUpgrade(req, socket, head)) socket.destroy();
      });
    },
    async close() {
      terminalSockets.close();
      sessionSockets.close();
      await registry.endAll();
      sandbox.close?.();
    },
  };
}
