// A few sessions built ahead of demand: folder, confinement (namespaces, lab network, cgroups) and
// two idle shells. Building one takes 150–300 ms of process starts; taking a warm one leaves only
// the lesson's starter files to write, so a learner's new session is ready in a few milliseconds.
// What a warm session holds is the same for every lesson; the lesson is chosen when it is taken.
import type { LabTerminal } from '../terminals/lab-terminal.js';
import type { Confinement } from '../process/launch.js';

/** Enough for a few learners arriving together; each costs an idle session's memory (npm run bench -- sessions). */
export const DEFAULT_WARM_SESSIONS = 2;
/** Shells a warm session starts: most lessons have two terminals (others start or end theirs on take). */
export const WARM_SHELLS = 2;

export interface WarmSession {
  id: string;
  workspace: string;
  confinement: Confinement;
  shells: LabTerminal[];
}

export interface WarmPoolOptions {
  /** How many to keep ready (0: none; every session is built when asked for). */
  size: number;
  build(): Promise<WarmSession>;
  discard(session: WarmSession): Promise<void>;
  log?: { warn(message: string): void };
}

export class WarmSessionPool {
  private readonly ready: WarmSession[] = [];
  /** The one build under way: the pool refills one at a time, so it never competes with learners in bursts. */
  private building: Promise<void> | undefined;
  /** The last build failed: build again only when a learner's own request has succeeded. */
  private failing = false;
  private closed = false;

  constructor(private readonly options: WarmPoolOptions) {
    this.refill();
  }

  get readyCount(): number {
    return this.ready.length;
  }

  /** The session ids of the warm sessions (for the tests that prove none outlives the lab). */
  get readyIds(): string[] {
    return this.ready.map((s) => s.id);
  }

  /** A warm session, or one built now (its error is the learner's to see); the pool refills behind it. */
  async take(): Promise<WarmSession> {
    const warm = this.takeLive();
    const session = warm ?? (await this.options.build());
    this.failing = false;
    this.refill();
    return session;
  }

  /** Ends what the pool holds (lab exit); later takes build on demand. */
  async close(): Promise<void> {
    this.closed = true;
    await this.building;
    await Promise.all(this.ready.splice(0).map((s) => this.options.discard(s)));
  }

  /** Skips warm sessions whose shells died while waiting (e.g. the host killed them): they are discarded. */
  private takeLive(): WarmSession | undefined {
    for (let warm = this.ready.shift(); warm; warm = this.ready.shift()) {
      if (warm.shells.every((shell) => !shell.exited)) return warm;
      void this.options.discard(warm);
    }
    return undefined;
  }

  private refill(): void {
    if (this.building || this.closed || this.failing || this.ready.length >= this.options.size) return;
    this.building = this.options
      .build()
      .then(
        async (session) => {
          if (this.closed) await this.options.discard(session);
          else this.ready.push(session);
        },
        (err: Error) => {
          this.failing = true;
          this.options.log?.warn(`could not prepare a session ahead (the next one is built when asked for): ${err.message}`);
        },
      )
      .finally(() => {
        this.building = undefined;
        this.refill();
      });
  }
}
