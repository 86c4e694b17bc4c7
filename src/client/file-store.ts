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

  forget(path: string): void {
    try {
      localStorage.removeItem(key(this.lessonId, path));
    } catch {
      // nothing stored
    }
  }
}
