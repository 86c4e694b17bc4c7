// Build-time helper: reads a lesson's starter files so the page can embed them (for the editor
// and for "Reset file"). Paths were validated by the frontmatter schema.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { lessonDirOf, lessonLayout } from '../schema/lesson-layout';

const layout = (lessonId: string) => lessonLayout(lessonDirOf(process.cwd(), lessonId));

/** Lessons with a reference solution get a "Show solution" button (the solution itself is fetched on request). */
export function lessonHasSolution(lessonId: string): boolean {
  return existsSync(layout(lessonId).solution);
}

/** Exercise lessons have checks.ts: their page gets a Check button. */
export function lessonHasChecks(lessonId: string): boolean {
  return existsSync(layout(lessonId).checks);
}

export async function loadLessonFiles(lessonId: string, paths: string[]) {
  return Promise.all(paths.map(async (path) => ({ path, starter: await readFile(layout(lessonId).starter(path), 'utf8') })));
}
