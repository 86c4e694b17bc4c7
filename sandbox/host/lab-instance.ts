// Who this lab is on the host, so that what it leaves behind can be told from another live lab's:
// every temp folder, cgroup and uid lease of a lab carries its owner tag, `<pid>.<start time>`
// (a pid alone can be reused). A lab killed with SIGKILL cannot clean up; the next one that starts
// finds its tag dead and removes what it left (sandbox/host/leftovers.ts).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Clock ticks since boot when `pid` started (field 22 of /proc/<pid>/stat), or undefined if it is gone. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export const LAB_OWNER = `${process.pid}.${startTime(process.pid) ?? '0'}`;

/** Prefix of every host name a lab creates (temp folders, cgroups). */
export const LAB_PREFIX = 'socket-lab-';
/** `socket-lab-<pid>.<start>-…`: the owner tag of a name, if it has one. */
export const OWNED_NAME = /^socket-lab-(\d+\.\d+)-/;

export function isOwnerAlive(owner: string): boolean {
  const [pid, start] = owner.split('.');
  return startTime(Number(pid)) === start;
}

/** A fresh temp folder owned by this lab, e.g. labTempDir('jail') → /tmp/socket-lab-123.456-jail-Ab12Cd. */
export function labTempDir(kind: string, parent = tmpdir()): string {
  return mkdtempSync(join(parent, `${LAB_PREFIX}${LAB_OWNER}-${kind}-`));
}

/** A cgroup name owned by this lab. */
export function labCgroupName(n: number): string {
  return `${LAB_PREFIX}${LAB_OWNER}-${n}`;
}
