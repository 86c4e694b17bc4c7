// The learner's edits, kept in the browser per lesson so a reload (or a week away) loses nothing.
const key = (lessonId: string, path: string) => `socketlab:v1:file:${lessonId}:${path}`;

export class FileStore {
  constructor(private readonly lessonId: string) {}

  /** The saved edit, or undefined when the learner never changed the starter. */
  load(path: string): string | undefined {
    try {
      return localStorage.getItem(key(this.lessonId, path)) ?? undefined;
    } catch {
      return undefined; // storage disabled: edits then live only in the open tab
    }
  }

  save(path: string, content: string): void {
    try {
      localStorage.setItem(key(this.lessonId, path), content);
    } catch {
      // quota exceeded or storage disabled: the editor still holds the text
    }
  }

  /**
   * Calls `listener` when another tab of this browser saves or resets a file of this lesson
   * (the storage event fires in every other tab, never in the one that wrote).
   */
  onOtherTabChange(listener: (path: string, content: string | undefined) => void): void {
    const prefix = key(this.lessonId, '');
    addEventListener('storage', (event) => {
      if (event.key?.startsWith(prefix)) listener(event.key.slice(prefix.length), event.newValue ?? undefined);
    });
  }

  forget(path: string): void {
    try {
      localStorage.removeItem(key(this.lessonId, path));
    } catch {
      // nothing stored
    }
  }
}
