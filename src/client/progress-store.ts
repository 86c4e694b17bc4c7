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

const LAST_LESSON_KEY = 'socketlab:last-lesson';

/** Remembers the lesson open now, so the course page can offer to continue there. */
export function rememberLesson(lesson: string): void {
  try {
    localStorage.setItem(LAST_LESSON_KEY, lesson);
  } catch {
    // storage disabled: no resume link, nothing else lost
  }
}

export function lastLesson(): string | undefined {
  try {
    return localStorage.getItem(LAST_LESSON_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
