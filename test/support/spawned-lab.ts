// A lab started as `npm start` starts it, in a process of its own, on a host made different on
// purpose: a prefix (unshare + mounts, setpriv) changes what the process sees, env changes what it
// is told. For the hostile-host tests: the machine CI runs on is not the machine users have.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSessionAt, freePort, repoRoot, type LabEndpoint } from './lab-harness.js';

export interface HostVariant {
  /** argv put before `node …` (e.g. unshare --mount … sh -c '…' sh). */
  prefix?: string[];
  env?: Record<string, string>;
}

export interface SpawnedLab extends LabEndpoint {
  /** Everything the lab printed so far. */
  log(): string;
  health(): Promise<{ mode: string; capabilities: Array<{ id: string; ok: boolean; reason?: string }> }>;
  /** The lab process (without a prefix: the node process itself). */
  pid: number;
  /** Sends a signal and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const baseEnv = () => ({ ...process.env, ASTRO_TELEMETRY_DISABLED: '1', SOCKET_LAB_INSTALL: 'never' });

export async function spawnLab(variant: HostVariant = {}, timeoutMs = 60_000): Promise<SpawnedLab> {
  const port = await freePort();
  const argv = [...(variant.prefix ?? []), process.execPath, '--import', 'tsx', 'sandbox/main.ts', '--port', String(port)];
  const child: ChildProcess = spawn(argv[0], argv.slice(1), { cwd: repoRoot, env: { ...baseEnv(), ...variant.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the lab did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const look = () => {
      const m = /\?token=([A-Za-z0-9_-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the lab exited with ${code}:\n${output}`));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  const cookie = `socketlab_token_${port}=${token}`;
  const headers = { Origin: origin, Cookie: cookie };
  return {
    port,
    origin,
    cookie,
    headers,
    createSession: (lesson) => createSessionAt(origin, headers, lesson),
    log: () => output,
    pid: child.pid!,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
    async health() {
      return (await (await fetch(`${origin}/api/health`, { headers })).json()) as Awaited<ReturnType<SpawnedLab['health']>>;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** `npm run doctor` under the same host variant. */
export function runDoctor(variant: HostVariant = {}): { status: number | null; output: string } {
  const argv = [...(variant.prefix ?? []), process.execPath, '--import', 'tsx', 'scripts/doctor.ts'];
  const r = spawnSync(argv[0], argv.slice(1), { cwd: repoRoot, env: { ...baseEnv(), ...variant.env }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** A prefix that runs the lab in a private mount namespace after `setup` (shell lines, as root). */
export function inMountNamespace(setup: string): string[] {
  return ['unshare', '--mount', '--propagation', 'private', '--', '/bin/sh', '-c', `set -e; ${setup}; exec "$@"`, 'sh'];
}
