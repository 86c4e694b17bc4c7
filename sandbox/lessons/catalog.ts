// The server's view of the course: every lesson folder under lessons/, its validated frontmatter
// and its starter files. Loaded once at start; a bad lesson stops the server with a precise message.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { describeLessonErrors, lessonFrontmatterSchema, lessonIdSchema, type LessonFrontmatter } from '../../schema/lesson.js';
import { lessonLayout } from '../../schema/lesson-layout.js';
import { codeWordsTable, localizeLessonFile, type CodeWordsTable } from '../../schema/lesson-source.js';
import { DEFAULT_LANG, LANGS, type Lang } from '../../schema/langs.js';

export interface Lesson {
  id: string;
  dir: string;
  meta: LessonFrontmatter;
  /** Per language, the words of its starter's and solution's comments (read once, here). */
  codeWords: Record<Lang, CodeWordsTable>;
}

export class LessonError extends Error {}

/** Splits `---\nyaml\n---\nbody` and returns the YAML part parsed. */
export function readFrontmatter(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) throw new LessonError(`${file}: missing frontmatter (the file must start with a --- block)`);
  try {
    return parseYaml(match[1]);
  } catch (err) {
    throw new LessonError(`${file}: frontmatter is not valid YAML: ${(err as Error).message}`);
  }
}

export function loadLesson(root: string, id: string): Lesson {
  const dir = join(root, id);
  const file = lessonLayout(dir).text;
  const parsed = lessonFrontmatterSchema.safeParse(readFrontmatter(file));
  if (!parsed.success) throw new LessonError(describeLessonErrors(file, parsed.error));
  for (const path of parsed.data.files) {
    if (!existsSync(lessonLayout(dir).starter(path))) {
      throw new LessonError(`${file}: files lists "${path}" but ${lessonLayout(dir).starter(path)} does not exist`);
    }
  }
  parsed.data.run.forEach((run, i) => {
    // A command bash would not run as one line (an unclosed quote) makes the terminal wait for
    // more input and swallows the next buttons: refuse it here, with the file and field.
    const syntax = spawnSync('/bin/bash', ['-n', '-c', run.command], { encoding: 'utf8' });
    if (syntax.status !== 0) {
      throw new LessonError(
        `Invalid lesson frontmatter in ${file}:\n  - run.${i}.command: bash cannot parse ${JSON.stringify(run.command)}: ${syntax.stderr.trim().split('\n').pop()}`,
      );
    }
  });
  let codeWords: Lesson['codeWords'];
  try {
    // A malformed translation table stops the lab here, not at a learner's first session.
    codeWords = Object.fromEntries(LANGS.map((lang) => [lang, codeWordsTable(dir, lang)])) as Lesson['codeWords'];
  } catch (err) {
    throw new LessonError((err as Error).message);
  }
  return { id, dir, meta: parsed.data, codeWords };
}

export class LessonCatalog {
  private constructor(private readonly lessons: Map<string, Lesson>) {}

  static load(root: string): LessonCatalog {
    const lessons = new Map<string, Lesson>();
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || !lessonIdSchema.safeParse(entry.name).success) continue;
      lessons.set(entry.name, loadLesson(root, entry.name));
    }
    return new LessonCatalog(lessons);
  }

  get(id: string): Lesson | undefined {
    return this.lessons.get(id);
  }

  list(): Lesson[] {
    return [...this.lessons.values()].sort((a, b) => a.meta.order - b.meta.order);
  }

  /** The lesson's starter files (what a fresh workspace holds) with comments in `lang`, keyed by workspace path. */
  starterFiles(lesson: Lesson, lang: Lang = DEFAULT_LANG): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const words = lesson.codeWords[lang];
    for (const path of lesson.meta.files) files.set(path, localizeLessonFile(path, readFileSync(lessonLayout(lesson.dir).starter(path)), words));
    return files;
  }
}
