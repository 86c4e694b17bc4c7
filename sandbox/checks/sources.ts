// Which program a check run grades: the starter, the reference solution, a folder, or the learner's
// own files. The solution holds only the files the exercise changes (the rest come from the starter).
// A folder is laid over a base: over the solution for a deliberately broken program ("the solution
// with one mistake"), over the starter for a learner's own folder (`npm run check -- --dir`), so
// nobody passes with code they did not write.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lesson } from '../lessons/catalog.js';
import { BROKEN_TARGETS_FILE, lessonLayout } from '../../schema/lesson-layout.js';
import { localizeLessonFile } from '../../schema/lesson-source.js';
import { DEFAULT_LANG, type Lang } from '../../schema/langs.js';

export type ProgramSource = 'starter' | 'solution' | { dir: string; over?: 'solution' | 'starter' };

function filesUnder(dir: string, root = dir): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of filesUnder(path, root)) files.set(k, v);
    else if (entry.isFile() && !entry.name.endsWith('.md')) files.set(relative(root, path), readFileSync(path));
  }
  return files;
}

export function programFiles(lesson: Lesson, source: ProgramSource, lang: Lang = DEFAULT_LANG): Map<string, Buffer> {
  return new Map([...programFilesWithOrigin(lesson, source, lang)].map(([path, { content }]) => [path, content]));
}

export type FileOrigin = 'starter' | 'solution' | 'folder';

/**
 * The program's files, each with where it came from (the check report says so). The starter's and
 * solution's comments are in `lang`; a folder's files are taken as they are.
 */
export function programFilesWithOrigin(lesson: Lesson, source: ProgramSource, lang: Lang = DEFAULT_LANG): Map<string, { content: Buffer; origin: FileOrigin }> {
  const files = new Map<string, { content: Buffer; origin: FileOrigin }>();
  const words = lesson.codeWords[lang];
  const starter = (path: string) => localizeLessonFile(path, readFileSync(lessonLayout(lesson.dir).starter(path)), words);
  for (const path of lesson.meta.files) files.set(path, { content: starter(path), origin: 'starter' });
  if (source === 'starter') return files;
  const overSolution = source === 'solution' || (source.over ?? 'solution') === 'solution';
  if (overSolution) for (const [path, content] of solutionFiles(lesson, lang)) files.set(path, { content, origin: 'solution' });
  if (typeof source === 'object') {
    if (!existsSync(source.dir) || !statSync(source.dir).isDirectory()) throw new Error(`${source.dir} is not a folder`);
    for (const [path, content] of filesUnder(source.dir)) files.set(path, { content, origin: 'folder' });
  }
  return files;
}

/** The reference solution's own files (only those the exercise changes) with comments in `lang`, for "Show solution". */
export function solutionFiles(lesson: Lesson, lang: Lang = DEFAULT_LANG): Map<string, Buffer> {
  const dir = lessonLayout(lesson.dir).solution;
  if (!existsSync(dir)) return new Map();
  const words = lesson.codeWords[lang];
  return new Map([...filesUnder(dir)].map(([path, content]) => [path, localizeLessonFile(path, content, words)]));
}

/**
 * The lesson's deliberately broken programs: _broken/<what-is-wrong>/, each with a TARGETS.md that
 * lists the checks it fails every time, and under a "# May also fail" heading those its mistake
 * fails only when timing goes one way (a client that retries without a pause may or may not
 * outrun a restarting server).
 */
export function brokenPrograms(lesson: Lesson): Array<{ name: string; dir: string; targets: string[]; mayAlsoFail: string[] }> {
  const root = lessonLayout(lesson.dir).broken;
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = join(root, e.name);
      const targetsFile = join(dir, BROKEN_TARGETS_FILE);
      const targets: string[] = [];
      const mayAlsoFail: string[] = [];
      let list = targets;
      for (const line of existsSync(targetsFile) ? readFileSync(targetsFile, 'utf8').split('\n') : []) {
        if (/^#+\s*may also fail/i.test(line)) list = mayAlsoFail;
        const item = line.replace(/^[-*]\s*/, '').trim();
        if (item && !line.startsWith('#')) list.push(item);
      }
      return { name: e.name, dir, targets, mayAlsoFail };
    });
}

/**
 * Correct programs written differently from the reference (another structure, library or
 * wording): _alternatives/<how-it-differs>/ holds the files it writes its own way, laid over the
 * solution like a broken program. Every one must pass every check.
 */
export function alternativePrograms(lesson: Lesson): Array<{ name: string; dir: string }> {
  const root = lessonLayout(lesson.dir).alternatives;
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ name: e.name, dir: join(root, e.name) }));
}

export function hasChecks(lesson: Lesson): boolean {
  return existsSync(lessonLayout(lesson.dir).checks);
}
