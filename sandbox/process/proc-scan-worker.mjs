// The /proc scans that find a session's processes, in a worker thread of their own. A scan reads
// two files per process on the host (stat, and environ for the session marker): with a class on
// one machine that is hundreds of synchronous reads, which on the lab's main thread would stall
// every terminal's echo. process-tree.ts is the main thread's side.
import { readdirSync, readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

function readProc(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), sid: Number(fields[3]) };
  } catch {
    return undefined;
  }
}

function liveProcs() {
  return readdirSync('/proc')
    .filter((name) => /^[0-9]+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p) => p !== undefined);
}

/** True when the process's environment carries the session marker (survives setsid and reparenting). */
function hasMarker(pid, marker) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
  } catch {
    return false;
  }
}

/** The seeds and all their descendants, each with its depth below the seed it descends from. */
function withDescendants(procs, seeds) {
  const depth = new Map(seeds.map((pid) => [pid, 0]));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!depth.has(p.pid) && depth.has(p.ppid)) {
        depth.set(p.pid, depth.get(p.ppid) + 1);
        grew = true;
      }
    }
  }
  return depth;
}

/** Descendants and session members of the roots, and every process carrying the marker (`lab`: the lab's own pid, never included). */
function sessionProcesses({ roots, marker, lab }) {
  const procs = liveProcs();
  const rootSet = new Set(roots);
  const seeds = [];
  for (const p of procs) {
    if (rootSet.has(p.pid) || rootSet.has(p.sid)) seeds.push(p.pid);
    else if (marker && p.pid !== lab && hasMarker(p.pid, marker)) seeds.push(p.pid);
  }
  const found = withDescendants(procs, seeds);
  found.delete(lab);
  return [...found.keys()];
}

/** The root and its descendants, deepest first. */
function insideOut({ root }) {
  return [...withDescendants(liveProcs(), [root])].sort((a, b) => b[1] - a[1]).map(([pid]) => pid);
}

const OPS = { sessionProcesses, insideOut };

parentPort.on('message', ({ id, op, args }) => {
  try {
    parentPort.postMessage({ id, pids: OPS[op](args) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.message ?? err) });
  }
});
