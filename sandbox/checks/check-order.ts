// The order a lesson's checks start in: longest first, from how long each took the last times it
// ran in this lab. Lanes take the next check as they free up, so starting the long ones first makes
// a run last about as long as its longest check (list scheduling, longest processing time first).
// A check not seen yet keeps its place in the lesson, ahead of the ones known to be short.

/** How much a new duration moves the estimate: recent runs count most, one odd run does not decide. */
const WEIGHT_OF_NEW = 0.5;

export class CheckOrder {
  private readonly estimates = new Map<string, number>();

  /** Indexes into `names`, longest expected first; unknown checks first, in lesson order. */
  order(lesson: string, names: string[]): number[] {
    const estimate = (i: number) => this.estimates.get(key(lesson, names[i])) ?? Infinity;
    return names.map((_, i) => i).sort((a, b) => estimate(b) - estimate(a) || a - b);
  }

  record(lesson: string, name: string, durationMs: number): void {
    const previous = this.estimates.get(key(lesson, name));
    this.estimates.set(key(lesson, name), previous === undefined ? durationMs : previous + WEIGHT_OF_NEW * (durationMs - previous));
  }
}

const key = (lesson: string, name: string) => `${lesson}\n${name}`;

/** The lab's one memory of check durations. */
export const checkOrder = new CheckOrder();
