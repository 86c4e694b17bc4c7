// Which program a check run grades: the starter, the reference solution, a folder (a deliberately
// broken program, an author's draft), or the learner's own files. The solution holds only the files
// the exercise changes (the rest come from the starter); a folder holds only the files it changes
// from the solution, so a broken program is "the solution with one mistake".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lesson } from '../lessons/catalog.js';

export type ProgramSource = 'starter' | 'solution' | { dir: string };

function filesUnder(dir: string, root = dir): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of filesUnder(path, root)) files.set(k, v);
    else if (entry.isFile() && !entry.name.endsWith('.md')) files.set(relative(root, path), readFileSync(path));
  }
  return files;
}

export function programFiles(lesson: Lesson, source: ProgramSource): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const path of lesson.meta.files) files.set(path, readFileSync(join(lesson.dir, '_files', path)));
  if (source === 'starter') return files;
  const solution = join(lesson.dir, '_solution');
  if (existsSync(solution)) for (const [path, content] of filesUnder(solution)) files.set(path, content);
  if (typeof source === 'object') {
    if (!existsSync(source.dir) || !statSync(source.dir).isDirectory()) throw new Error(`${source.dir} is not a folder`);
    for (const [path, content] of filesUnder(source.dir)) files.set(path, content);
  }
  return files;
}

/** The reference solution's own files (only those the exercise changes), for "Show solution". */
export function solutionFiles(lesson: Lesson): Map<string, Buffer> {
  const dir = join(lesson.dir, '_solution');
  return existsSync(dir) ? filesUnder(dir) : new Map();
}

/** The lesson's deliberately broken programs: _broken/<what-is-wrong>/, each with the checks it must fail in TARGETS. */
export function brokenPrograms(lesson: Lesson): Array<{ name: string; dir: string; targets: string[] }> {
  const root = join(lesson.dir, '_broken');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = join(root, e.name);
      const targetsFile = join(dir, 'TARGETS.md');
      const targets = existsSync(targetsFile)
        ? readFileSync(targetsFile, 'utf8').split('\n').map((l) => l.replace(/^[-*]\s*/, '').trim()).filter((l) => l && !l.startsWith('#'))
        : [];
      return { name: e.name, dir, targets };
    });
}

export function hasChecks(lesson: Lesson): boolean {
  return existsSync(join(lesson.dir, 'checks.ts'));
}
