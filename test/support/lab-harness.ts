// Starts a real lab (real HTTP server, real ptys, real Python) on a free loopback port for tests
// and the bench. The site must have been built (scripts/test.ts and bench/run.ts make sure).
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLab, type Lab, type LabOptions } from '../../sandbox/lab.js';
import { chooseSandbox } from '../../sandbox/jail/choose-sandbox.js';
import type { JailLimits } from '../../sandbox/jail/limits.js';
import { resolvePython } from '../../sandbox/process/python.js';
import type { Lang } from '../../schema/langs.js';
import { createLabServer } from '../../sandbox/server/http-server.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A running lab as a client sees it: in this process (startTestLab) or another (spawnLab). */
export interface LabEndpoint {
  port: number;
  origin: string;
  /** Cookie header value that carries the token. */
  cookie: string;
  /** Headers a same-origin browser request would send. */
  headers: Record<string, string>;
  createSession(lesson?: string, lang?: Lang): Promise<string>;
  close(): Promise<void>;
}

export interface TestLab extends LabEndpoint {
  lab: Lab;
}

/** POST /api/sessions as the page does. */
export async function createSessionAt(origin: string, headers: Record<string, string>, lesson = '01-first-socket', lang?: Lang): Promise<string> {
  const res = await fetch(`${origin}/api/sessions`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ lesson, lang }),
  });
  if (res.status !== 201) throw new Error(`session not created: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { session: string }).session;
}

const quietLog = { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) };

/** Picks a free port by binding port 0 first; the lab needs its port up front (Host/Origin allow-lists). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface TestLabOptions extends Partial<LabOptions> {
  /** Jail limits for this lab (tests lower them to see each limit bite quickly). */
  jailLimits?: Partial<JailLimits>;
}

/**
 * A lab as `npm start` would make it: sandboxed where this machine allows it (set
 * SOCKET_LAB_SANDBOX=off to test the unsandboxed mode), unless the test passes its own sandbox.
 */
export async function startTestLab({ jailLimits, ...options }: TestLabOptions = {}): Promise<TestLab> {
  const port = await freePort();
  const python = options.python ?? resolvePython();
  const sandbox = options.sandbox ?? (await chooseSandbox(python, quietLog, process.env, jailLimits)).provider;
  const lab = createLab({ lessonsDir: `${repoRoot}lessons`, port, log: quietLog, python, sandbox, ...options });
  const server = await createLabServer(lab, `${repoRoot}dist`);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${port}`;
  const cookie = `${lab.security.cookieName}=${lab.security.token}`;
  const headers = { Origin: origin, Cookie: cookie };
  return {
    lab,
    port,
    origin,
    cookie,
    headers,
    createSession: (lesson, lang) => createSessionAt(origin, headers, lesson, lang),
    async close() {
      await lab.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
