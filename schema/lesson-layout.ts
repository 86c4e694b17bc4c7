// The layout of a lesson folder, lessons/<id>/: the one module that spells its names. The lab
// (catalog, checks), the site build and the tests all find a lesson's parts through it.
import { join } from 'node:path';

/** The course's folder, under the project root. */
export const LESSONS_FOLDER = 'lessons';

export const LESSON_PARTS = {
  /** The lesson's text and frontmatter (the site's content collection reads it). */
  text: 'index.mdx',
  /** The lesson's text in Japanese: the same body translated, and only the frontmatter's words (schema/lesson-translation.ts). */
  textJa: 'index.ja.mdx',
  /** The Japanese words of the starter's and solution's comments and docstrings (schema/lesson-source.ts). */
  codeWordsJa: 'comments.ja.yaml',
  /** Starter files: what the editor opens, listed in the frontmatter's `files`. */
  starter: '_files',
  /** The reference solution: only the files the exercise changes, laid over the starter. */
  solution: '_solution',
  /** Deliberately broken programs, one folder each, with a TARGETS.md naming the checks they fail. */
  broken: '_broken',
  /** Correct programs written another way, one folder each: they must pass every check. */
  alternatives: '_alternatives',
  /** The exercise's checks (an exercise lesson has one). */
  checks: 'checks.ts',
} as const;

/** In a broken program's folder: the checks it must fail. */
export const BROKEN_TARGETS_FILE = 'TARGETS.md';

/** The paths of one lesson's parts, from its folder. */
export function lessonLayout(lessonDir: string) {
  return {
    text: join(lessonDir, LESSON_PARTS.text),
    textJa: join(lessonDir, LESSON_PARTS.textJa),
    codeWordsJa: join(lessonDir, LESSON_PARTS.codeWordsJa),
    starter: (path = '') => join(lessonDir, LESSON_PARTS.starter, path),
    solution: join(lessonDir, LESSON_PARTS.solution),
    broken: join(lessonDir, LESSON_PARTS.broken),
    alternatives: join(lessonDir, LESSON_PARTS.alternatives),
    checks: join(lessonDir, LESSON_PARTS.checks),
  };
}

/** A lesson's folder from the project root and its id. */
export const lessonDirOf = (root: string, lessonId: string) => join(root, LESSONS_FOLDER, lessonId);
