// Host uids for sessions when the lab runs as root: each session's processes run as a uid of
// their own, far above real users, so sessions cannot signal or ptrace each other even in theory.
// Leases are host-wide (one file per uid, created with O_EXCL and naming its lab), so two labs on
// one host, or a restarted lab while the old one's sessions live, never hand out the same uid.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isOwnerAlive, LAB_OWNER } from '../host/lab-instance.js';

const FIRST = 200_000;
const COUNT = 50_000;
/** Root-only: /run is a tmpfs, so leases never outlive a reboot. */
export const UID_LEASE_DIR = '/run/socket-lab/uids';

export class UidPool {
  private next = Math.floor(Math.random() * COUNT);

  constructor(private readonly dir = UID_LEASE_DIR) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  take(): number {
    for (let i = 0; i < COUNT; i++) {
      const uid = FIRST + ((this.next + i) % COUNT);
      if (this.lease(uid)) {
        this.next = (this.next + i + 1) % COUNT;
        return uid;
      }
    }
    throw new Error('no free sandbox uid (too many sessions on this host)');
  }

  give(uid: number): void {
    try {
      if (readFileSync(join(this.dir, String(uid)), 'utf8') === LAB_OWNER) unlinkSync(join(this.dir, String(uid)));
    } catch {
      // never leased or already freed
    }
  }

  private lease(uid: number): boolean {
    const file = join(this.dir, String(uid));
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, LAB_OWNER);
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return false;
  }
}

/** Frees the leases of labs that are no longer running; returns how many. */
export function freeDeadLeases(dir = UID_LEASE_DIR): number {
  let freed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    try {
      const owner = readFileSync(join(dir, name), 'utf8');
      if (!isOwnerAlive(owner)) {
        unlinkSync(join(dir, name));
        freed++;
      }
    } catch {
      // raced with its owner
    }
  }
  return freed;
}
