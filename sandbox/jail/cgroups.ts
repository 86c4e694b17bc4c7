// Memory and process-count limits per session through cgroups, where the host lets us create
// them (root, or a delegated subtree). Supports cgroup v1 (memory + pids hierarchies, as on this
// kind of machine) and v2. Session cgroups are made under the lab's own cgroup, never above it.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';

export interface CgroupLimits {
  memoryBytes: number;
  pids: number;
}

/** A session's CPU: equal weight with every other session, and never more than one core. */
const CPU_PERIOD_US = 100_000;
const CPU_QUOTA_US = 100_000;

export interface CgroupSupport {
  version: 1 | 2;
  /** Parent folders for session cgroups, one per hierarchy (v1: memory and pids; v2: one). */
  parents: string[];
  /** v1: the cpu hierarchy's parent, when this host lets us use it; v2: whether +cpu was enabled. */
  cpu?: string | true;
  /** Why there is no CPU share, when there is none. */
  cpuUnavailable?: string;
}

/** Our own cgroup path in each hierarchy, from /proc/self/cgroup. */
function ownPaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, controllers, path] = line.split(':');
    for (const c of controllers.split(',')) paths.set(c, path);
  }
  return paths;
}

function tryMkdir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * All sessions together may use at most this share of the host's memory: 200 sessions of 512 MiB each
 * would promise far more than a 24 GB machine has, so a class that fills every session still leaves
 * the host (and the lab server, outside these cgroups) room to run. Sessions then compete inside it.
 */
export const LAB_MEMORY_SHARE = 0.75;

function capLabMemory(file: string): void {
  try {
    writeFileSync(file, String(Math.floor(totalmem() * LAB_MEMORY_SHARE)));
  } catch {
    // a host that will not take the cap still gets the per-session limits
  }
}

/** Finds a place where this process may create session cgroups, or explains why not. */
export function detectCgroups(labId: string): CgroupSupport | { unavailable: string } {
  const own = ownPaths();
  const v1Memory = '/sys/fs/cgroup/memory';
  const v1Pids = '/sys/fs/cgroup/pids';
  if (existsSync(join(v1Memory, 'memory.limit_in_bytes')) || existsSync(join(v1Memory, own.get('memory') ?? '/', 'memory.limit_in_bytes'))) {
    const parents = [join(v1Memory, own.get('memory') ?? '/', labId), join(v1Pids, own.get('pids') ?? '/', labId)];
    if (parents.every(tryMkdir)) {
      capLabMemory(join(parents[0], 'memory.limit_in_bytes'));
      const cpu = join('/sys/fs/cgroup/cpu', own.get('cpu') ?? '/', labId);
      const cpuOk = existsSync('/sys/fs/cgroup/cpu/cpu.shares') && tryMkdir(cpu);
      return { version: 1, parents, ...(cpuOk ? { cpu } : { cpuUnavailable: 'the cgroup v1 cpu controller is not mounted or not writable' }) };
    }
    return { unavailable: 'cgroup v1 is present but this user may not create cgroups (run as root for memory limits)' };
  }
  const v2Root = '/sys/fs/cgroup';
  if (existsSync(join(v2Root, 'cgroup.controllers'))) {
    const parent = join(v2Root, own.get('') ?? '/', labId);
    if (!tryMkdir(parent)) return { unavailable: 'cgroup v2 is present but not delegated to this user' };
    try {
      writeFileSync(join(parent, 'cgroup.subtree_control'), '+memory +pids');
      capLabMemory(join(parent, 'memory.max'));
      try {
        writeFileSync(join(parent, 'cgroup.subtree_control'), '+cpu');
        return { version: 2, parents: [parent], cpu: true };
      } catch {
        return { version: 2, parents: [parent], cpuUnavailable: 'cgroup v2: the cpu controller is not delegated to the lab' };
      }
    } catch {
      return { unavailable: 'cgroup v2: the memory and pids controllers are not available to this user' };
    }
  }
  return { unavailable: 'no cgroup filesystem found' };
}

export class SessionCgroup {
  readonly dirs: string[];

  constructor(
    private readonly support: CgroupSupport,
    sessionName: string,
    limits: CgroupLimits,
  ) {
    this.dirs = [...support.parents, ...(typeof support.cpu === 'string' ? [support.cpu] : [])].map((p) => join(p, sessionName));
    for (const dir of this.dirs) mkdirSync(dir);
    if (support.version === 1) {
      writeFileSync(join(this.dirs[0], 'memory.limit_in_bytes'), String(limits.memoryBytes));
      // Without swap accounting a process could swap past the limit; set it where the kernel offers it.
      const memsw = join(this.dirs[0], 'memory.memsw.limit_in_bytes');
      if (existsSync(memsw)) writeFileSync(memsw, String(limits.memoryBytes));
      // v1 does not count socket buffers against memory.limit_in_bytes: unread TCP data would
      // escape the limit (and exhaust the host's tcp_mem). Setting this turns that accounting on.
      const tcp = join(this.dirs[0], 'memory.kmem.tcp.limit_in_bytes');
      if (existsSync(tcp)) writeFileSync(tcp, String(limits.memoryBytes));
      writeFileSync(join(this.dirs[1], 'pids.max'), String(limits.pids));
      if (this.dirs[2]) {
        writeFileSync(join(this.dirs[2], 'cpu.cfs_period_us'), String(CPU_PERIOD_US));
        writeFileSync(join(this.dirs[2], 'cpu.cfs_quota_us'), String(CPU_QUOTA_US));
      }
    } else {
      writeFileSync(join(this.dirs[0], 'memory.max'), String(limits.memoryBytes));
      writeFileSync(join(this.dirs[0], 'memory.swap.max'), '0');
      writeFileSync(join(this.dirs[0], 'pids.max'), String(limits.pids));
      if (support.cpu) writeFileSync(join(this.dirs[0], 'cpu.max'), `${CPU_QUOTA_US} ${CPU_PERIOD_US}`);
    }
  }

  /** Files a process writes its pid into to join every hierarchy. */
  get procsFiles(): string[] {
    return this.dirs.map((d) => join(d, 'cgroup.procs'));
  }

  pids(): number[] {
    const all = new Set<number>();
    for (const file of this.procsFiles) {
      try {
        for (const pid of readFileSync(file, 'utf8').split('\n').filter(Boolean)) all.add(Number(pid));
      } catch {
        // already removed
      }
    }
    return [...all];
  }

  /** Kills every process in the session's cgroups, waits for them to go, and removes the cgroups. */
  async destroy(): Promise<void> {
    for (let round = 0; round < 40; round++) {
      const pids = this.pids();
      if (pids.length === 0) break;
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    for (const dir of this.dirs) {
      try {
        rmdirSync(dir);
      } catch {
        // a process is still exiting; the parent folder is removed at lab exit
      }
    }
  }
}
