// Which lessons this browser has completed (all checks passed), kept in localStorage.
const key = (lesson: string) => `socketlab:completed:${lesson}`;

export function markCompleted(lesson: string, at = Date.now()): void {
  localStorage.setItem(key(lesson), JSON.stringify({ at }));
}

/** When the lesson was completed, or undefined. */
export function completedAt(lesson: string): number | undefined {
  try {
    const at = (JSON.parse(localStorage.getItem(key(lesson)) ?? 'null') as { at?: number } | null)?.at;
    return typeof at === 'number' ? at : undefined;
  } catch {
    return undefined; // a hand-edited value: treat as not completed
  }
}
