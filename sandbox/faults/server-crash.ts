// "Server crash": SIGKILL for whatever listens on a port in the session's namespace, the way a
// crash or the OOM killer ends a server (no cleanup, no goodbye). Owners are found by socket
// inode: the namespace's /proc/net/tcp names the listening socket, /proc/<pid>/fd links name it too.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { listenerInodes } from './tcp-table.js';

/** Pids holding any of the given socket inodes open. */
async function socketOwners(inodes: Set<number>): Promise<number[]> {
  const owners: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]); // gone, or not ours to see
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(Number(inode))) {
        owners.push(Number(entry));
        break;
      }
    }
  }
  return owners;
}

/** Kills every process listening on `port` in the namespace whose tables are in `procNetDir`; returns their pids. */
export async function crashListeners(procNetDir: string, port: number): Promise<number[]> {
  const tables = await Promise.all(['tcp', 'tcp6'].map((f) => readFile(`${procNetDir}/${f}`, 'utf8').catch(() => '')));
  const inodes = new Set(tables.flatMap((text) => listenerInodes(text, port)).filter((inode) => inode > 0));
  if (!inodes.size) return [];
  const owners = await socketOwners(inodes);
  for (const pid of owners) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // it exited on its own meanwhile
    }
  }
  return owners;
}
