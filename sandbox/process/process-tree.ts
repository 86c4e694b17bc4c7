// Ending everything a session started. An interactive bash forwards SIGHUP to its jobs; what is
// left (children that ignore HUP, daemons that called setsid) is found through /proc and killed.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcInfo {
  pid: number;
  ppid: number;
  sid: number;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), sid: Number(fields[3]) };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^[0-9]+$/.test(name))
    .map(Number);
}

/** True when the process's environment carries our session marker (survives setsid and reparenting). */
function hasMarker(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
  } catch {
    return false;
  }
}

/**
 * Every live process that belongs to `rootPid`: its descendants, members of its session, and any
 * process whose environment has `marker` (e.g. SOCKET_LAB_SESSION=…), which catches double-forked daemons.
 */
export function findSessionProcesses(rootPids: number[], marker?: string): number[] {
  const procs = liveProcs();
  const seeds: number[] = [];
  const roots = new Set(rootPids);
  for (const p of procs) {
    if (roots.has(p.pid) || roots.has(p.sid)) seeds.push(p.pid);
    else if (marker && p.pid !== process.pid && hasMarker(p.pid, marker)) seeds.push(p.pid);
  }
  // Descendants of anything found so far (children may have their own sessions).
  const found = withDescendants(procs, seeds);
  found.delete(process.pid);
  return [...found.keys()];
}

function liveProcs(): ProcInfo[] {
  return allPids()
    .map(readProc)
    .filter((p): p is ProcInfo => !!p);
}

/** The seeds and all their descendants, each with its depth below the seed it descends from. */
function withDescendants(procs: ProcInfo[], seeds: number[]): Map<number, number> {
  const depth = new Map(seeds.map((pid) => [pid, 0]));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!depth.has(p.pid) && depth.has(p.ppid)) {
        depth.set(p.pid, depth.get(p.ppid)! + 1);
        grew = true;
      }
    }
  }
  return depth;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers kill(0); treat it as gone.
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** SIGHUP the roots, wait up to `graceMs` for them to end, then SIGKILL whatever of the tree remains. */
export async function killProcessTree(rootPids: number[], marker?: string, graceMs = 1500): Promise<void> {
  const tree = findSessionProcesses(rootPids, marker);
  for (const pid of rootPids) signal(pid, 'SIGHUP');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(isAlive)) {
    await new Promise((r) => setTimeout(r, 50));
  }
  // Look again: processes may have forked while we waited.
  for (const pid of new Set([...tree, ...findSessionProcesses(rootPids, marker)])) {
    if (isAlive(pid)) signal(pid, 'SIGKILL');
  }
}

/**
 * SIGKILLs a jailed command from the inside out: its deepest descendants first, its root last.
 * Killed from the outside in, the processes inside the session's pid namespace lose their parent
 * (nsenter, outside) and go to the host's init, which may reap them late; until it does, the
 * session's namespace cannot end (seen: about 2 s per sandbox on a host whose pid 1 reaps lazily).
 */
export function killInsideOut(rootPid: number): void {
  const depth = withDescendants(liveProcs(), [rootPid]);
  for (const [pid] of [...depth].sort((a, b) => b[1] - a[1])) signal(pid, 'SIGKILL');
}
