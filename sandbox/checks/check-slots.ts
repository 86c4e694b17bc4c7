// How many checks run at once in this lab, whoever started them. A check measures time (a timeout
// of 2 s, waits between attempts); on an overloaded host every program is late and verdicts flip.
// So a busy lab queues checks instead of running them all together: a learner waits a little
// longer for the same, honest verdict.
import { availableParallelism } from 'node:os';

/** Checks at once per core: each check is mostly waiting on sockets, two per core keep the CPU honest. */
const CHECKS_PER_CORE = 2;

export class CheckSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  /** Resolves when a slot is free; call the returned function to give it back. */
  async acquire(): Promise<() => void> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next waiter
      else this.running -= 1;
    };
  }

  get queued(): number {
    return this.waiting.length;
  }
}

/** The lab's one set of slots (SOCKET_LAB_CHECKS_AT_ONCE overrides the size). */
export const checkSlots = new CheckSlots(Number(process.env.SOCKET_LAB_CHECKS_AT_ONCE) || Math.max(2, availableParallelism() * CHECKS_PER_CORE));
