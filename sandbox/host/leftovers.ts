// What a dead lab left behind, found by its owner tag (sandbox/host/lab-instance.ts) and removed
// when the next lab starts: tmpfs mounts and temp folders (workspaces, jail files, check runs),
// session cgroups (their processes killed first) and uid leases. A lab stopped with SIGTERM or
// SIGINT cleans up itself; this is for SIGKILL, a crash or a power cut.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeDeadLeases } from '../jail/uid-pool.js';
import type { LabLogger } from '../logger.js';
import { isOwnerAlive, OWNED_NAME } from './lab-instance.js';

const deadOwner = (name: string) => {
  const owner = OWNED_NAME.exec(name)?.[1];
  return owner !== undefined && !isOwnerAlive(owner);
};

/** Mount points at or under `dir`, deepest first (so each unmount finds its parent still there). */
function mountsUnder(dir: string): string[] {
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4]?.replace(/\\040/g, ' '))
    .filter((p): p is string => !!p && (p === dir || p.startsWith(`${dir}/`)));
  return points.sort((a, b) => b.length - a.length);
}

function removeFolder(dir: string): void {
  for (const point of mountsUnder(dir)) {
    try {
      execFileSync('umount', ['-l', point], { stdio: 'ignore' });
    } catch {
      // not ours to unmount (not root): the rm below then fails loudly enough
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Session cgroups under a dead lab's parent: kill what is in them, then remove them. */
function removeCgroup(parent: string): void {
  for (const child of readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const dir = join(parent, child.name);
    for (const pid of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone
      }
    }
    for (let i = 0; i < 40 && readFileSync(join(dir, 'cgroup.procs'), 'utf8').trim(); i++) execFileSync('sleep', ['0.025']);
    rmdirSync(dir);
  }
  rmdirSync(parent);
}

/** Where lab cgroup parents live: every mounted hierarchy's folder for our own cgroup. */
function cgroupParents(): string[] {
  const dirs: string[] = [];
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, controllers, path] = line.split(':');
    const base = controllers === '' ? '/sys/fs/cgroup' : join('/sys/fs/cgroup', controllers.split(',')[0].replace(/^name=/, ''));
    const dir = join(base, path);
    if (existsSync(dir) && statSync(dir).isDirectory()) dirs.push(dir);
  }
  return dirs;
}

export function sweepDeadLabs(log: LabLogger): void {
  const removed: string[] = [];
  const attempt = (what: string, step: () => void) => {
    try {
      step();
      removed.push(what);
    } catch (err) {
      log.warn(`could not remove ${what}, left by a lab that is no longer running: ${(err as Error).message}`);
    }
  };
  for (const name of readdirSync(tmpdir()).filter(deadOwner)) attempt(join(tmpdir(), name), () => removeFolder(join(tmpdir(), name)));
  for (const parent of cgroupParents()) {
    let names: string[];
    try {
      names = readdirSync(parent).filter(deadOwner);
    } catch {
      continue;
    }
    for (const name of names) attempt(join(parent, name), () => removeCgroup(join(parent, name)));
  }
  const leases = freeDeadLeases();
  if (removed.length || leases) {
    log.info(
      `removed what labs that are no longer running left behind: ${removed.length} folders and cgroups${leases ? `, ${leases} uid leases` : ''}${removed.length ? ` (${removed.slice(0, 4).join(', ')}${removed.length > 4 ? ', …' : ''})` : ''}`,
    );
  }
}
