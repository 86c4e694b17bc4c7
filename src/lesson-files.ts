// Build-time helper: reads a lesson's starter files so the page can embed them (for the editor
// and for "Reset file"). Paths were validated by the frontmatter schema.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { lessonDirOf, lessonLayout } from '../schema/lesson-layout';
import { codeWordsTable, localizeLessonFile } from '../schema/lesson-source';
import type { Lang } from '../schema/langs';

const layout = (lessonId: string) => lessonLayout(lessonDirOf(process.cwd(), lessonId));

/** Lessons with a reference solution get a "Show solution" button (the solution itself is fetched on request). */
export function lessonHasSolution(lessonId: string): boolean {
  return existsSync(layout(lessonId).solution);
}

/** Exercise lessons have checks.ts: their page gets a Check button. */
export function lessonHasChecks(lessonId: string): boolean {
  return existsSync(layout(lessonId).checks);
}

/** The starter files as the page in `lang` shows them (their comments in its language). */
export async function loadLessonFiles(lessonId: string, paths: string[], lang: Lang) {
  const words = codeWordsTable(lessonDirOf(process.cwd(), lessonId), lang);
  return Promise.all(
    paths.map(async (path) => ({ path, starter: localizeLessonFile(path, await readFile(layout(lessonId).starter(path)), words).toString('utf8') })),
  );
}
