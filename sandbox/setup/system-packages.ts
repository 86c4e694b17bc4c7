// System packages the project needs from the OS (not from npm). On a fresh Debian machine, as
// root with apt, we install them ourselves and say so in one line; otherwise we stop with the
// exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface SystemPackage {
  /** Debian package name. */
  name: string;
  /** A file whose presence means the package is installed. */
  provides: string;
  why: string;
}

export const CHROMIUM: SystemPackage = { name: 'chromium', provides: '/usr/bin/chromium', why: 'the browser tests drive it' };
export const BUBBLEWRAP: SystemPackage = { name: 'bubblewrap', provides: '/usr/bin/bwrap', why: 'the sandbox runs every program in it' };
export const NFTABLES: SystemPackage = { name: 'nftables', provides: '/usr/sbin/nft', why: 'the lab network uses it to break connections' };
export const NETCAT: SystemPackage = { name: 'netcat-openbsd', provides: '/usr/bin/nc.openbsd', why: 'learners use nc in the terminals' };
/** What the sandbox and its terminals use from the OS. */
export const SANDBOX_PACKAGES = [BUBBLEWRAP, NFTABLES, NETCAT];

/** SOCKET_LAB_INSTALL=never: a host whose admin installs packages by hand (the lab then only says what is missing). */
export function canUseApt(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SOCKET_LAB_INSTALL !== 'never' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

export function ensureSystemPackages(packages: SystemPackage[]): void {
  const missing = packages.filter((p) => !existsSync(p.provides));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name).join(' ');
  if (!canUseApt()) {
    const reasons = missing.map((p) => `${p.name} (${p.why})`).join(', ');
    throw new Error(`missing system packages: ${reasons}. Install them with:\n  sudo apt-get update && sudo apt-get install -y ${names}`);
  }
  console.log(`[setup] installing ${names} with apt-get (${missing.map((p) => p.why).join('; ')})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((p) => p.name)],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
  }
  for (const p of missing) if (!existsSync(p.provides)) throw new Error(`${p.name} was installed but ${p.provides} is still missing`);
}

export function commandVersion(command: string): string | undefined {
  try {
    return execFileSync(command, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}
