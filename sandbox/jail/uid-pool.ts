// Host uids for sessions when the lab runs as root: each session's processes run as a uid of
// their own, far above real users, so sessions cannot signal or ptrace each other even in theory.
const FIRST = 200_000;
const COUNT = 50_000;

export class UidPool {
  private next = 0;
  private readonly inUse = new Set<number>();

  take(): number {
    for (let i = 0; i < COUNT; i++) {
      const uid = FIRST + ((this.next + i) % COUNT);
      if (!this.inUse.has(uid)) {
        this.inUse.add(uid);
        this.next = (this.next + i + 1) % COUNT;
        return uid;
      }
    }
    throw new Error('no free sandbox uid (too many sessions)');
  }

  give(uid: number): void {
    this.inUse.delete(uid);
  }
}
