// Build-time helper: reads a lesson's starter files so the page can embed them (for the editor
// and for "Reset file"). Paths were validated by the frontmatter schema.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function loadLessonFiles(lessonId: string, paths: string[]) {
  return Promise.all(
    paths.map(async (path) => ({ path, starter: await readFile(join(process.cwd(), 'lessons', lessonId, '_files', path), 'utf8') })),
  );
}
