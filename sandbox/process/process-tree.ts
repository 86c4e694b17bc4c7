// Ending everything a session started. An interactive bash forwards SIGHUP to its jobs; what is
// left (children that ignore HUP, daemons that called setsid) is found through /proc and killed.
// The /proc scans run in a worker thread (proc-scan-worker.mjs): the main thread only signals.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

type ScanRequest = { op: 'sessionProcesses'; args: { roots: number[]; marker?: string; lab: number } } | { op: 'insideOut'; args: { root: number } };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (pids: number[]) => void; reject: (err: Error) => void }>();

/** The shared scan worker, started on first use and again after a failure. */
function theWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./proc-scan-worker.mjs', import.meta.url));
  started.on('message', ({ id, pids, error }: { id: number; pids?: number[]; error?: string }) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) started.unref();
    if (error !== undefined) waiter?.reject(new Error(`process scan failed: ${error}`));
    else waiter?.resolve(pids!);
  });
  const fail = (why: string) => {
    if (worker !== started) return;
    worker = undefined;
    for (const waiter of pending.values()) waiter.reject(new Error(`the process scan worker stopped (${why})`));
    pending.clear();
  };
  started.on('error', (err) => fail(err.message));
  started.on('exit', (code) => fail(`exit ${code}`));
  started.unref(); // kept alive only while a scan is awaited (a shutdown's last sweep must finish)
  worker = started;
  return started;
}

function scan(request: ScanRequest): Promise<number[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const scanner = theWorker();
    scanner.ref();
    scanner.postMessage({ id, ...request });
  });
}

/**
 * Every live process that belongs to `rootPids`: their descendants, members of their sessions, and
 * any process whose environment has `marker` (e.g. SOCKET_LAB_SESSION=…), which catches double-forked daemons.
 */
export function findSessionProcesses(rootPids: number[], marker?: string): Promise<number[]> {
  return scan({ op: 'sessionProcesses', args: { roots: rootPids, marker, lab: process.pid } });
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

/**
 * SIGHUP the tree as a closed terminal would, wait up to `graceMs` for it to end, then SIGKILL what
 * remains. The processes below the roots go first, the roots once those are gone: a jailed shell is
 * not its terminal's session leader (nsenter and bwrap are), so it never saw a hangup sent to the
 * roots alone (each session end waited out the whole grace); and a root (nsenter, outside the
 * session's pid namespace) that dies before its jailed child leaves that child to the host's init to
 * reap, which on some hosts takes seconds, and the session's namespace cannot end until it does.
 */
export async function killProcessTree(rootPids: number[], marker?: string, graceMs = 1500): Promise<void> {
  const tree = await findSessionProcesses(rootPids, marker);
  const inner = tree.filter((pid) => !rootPids.includes(pid));
  const deadline = Date.now() + graceMs;
  const waitFor = async (pids: number[]) => {
    while (Date.now() < deadline && pids.some(isAlive)) await new Promise((r) => setTimeout(r, 20));
  };
  for (const pid of inner) signal(pid, 'SIGHUP');
  await waitFor(inner);
  for (const pid of rootPids) signal(pid, 'SIGHUP');
  await waitFor(tree);
  // Look again: processes may have forked while we waited.
  for (const pid of new Set([...tree, ...(await findSessionProcesses(rootPids, marker))])) {
    if (isAlive(pid)) signal(pid, 'SIGKILL');
  }
}

/**
 * SIGKILLs a jailed command from the inside out: its deepest descendants first, its root last.
 * Killed from the outside in, the processes inside the session's pid namespace lose their parent
 * (nsenter, outside) and go to the host's init, which may reap them late; until it does, the
 * session's namespace cannot end (seen: about 2 s per sandbox on a host whose pid 1 reaps lazily).
 */
export async function killInsideOut(rootPid: number, graceMs = 500): Promise<void> {
  const order = await scan({ op: 'insideOut', args: { root: rootPid } }).catch(() => [rootPid]);
  const inner = order.filter((pid) => pid !== rootPid);
  for (const pid of inner) signal(pid, 'SIGKILL');
  // Signals sent in one burst arrive together: the root could die before it reaped its child. So the
  // root (nsenter) gets a moment to reap and exit by itself; it is killed only if it does not.
  const deadline = Date.now() + graceMs;
  while (inner.length && Date.now() < deadline && [...inner, rootPid].some(isAlive)) await new Promise((r) => setTimeout(r, 10));
  signal(rootPid, 'SIGKILL');
}
