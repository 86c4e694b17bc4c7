// A lesson's frontmatter in another language: only its words. Files, terminals, runs, faults and
// checks stay in the English frontmatter, shared by both languages, so the two cannot drift; this
// names each translated word by the id it belongs to, and translationProblems() refuses a
// translation that misses one or names one the lesson does not have.
import { z } from 'zod';
import type { LessonFrontmatter, RunCommand } from './lesson.js';

export const lessonTranslationSchema = z
  .object({
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(400),
    /** Terminal id → its title. */
    terminals: z.record(z.string(), z.string().min(1).max(40)).default({}),
    /** Run label (the English one, which stays the button's id) → the button's text. */
    run: z.record(z.string(), z.string().min(1).max(40)).default({}),
    /** Fault id → its switch's label and what it makes happen. */
    faults: z.record(z.string(), z.object({ label: z.string().min(1).max(60), expect: z.string().min(1).max(300).optional() }).strict()).default({}),
  })
  .strict();

export type LessonTranslation = z.infer<typeof lessonTranslationSchema>;

/** Every word of `lesson` that `translation` misses, and every id it names that the lesson does not have. */
export function translationProblems(lesson: LessonFrontmatter, translation: LessonTranslation): string[] {
  const problems: string[] = [];
  const compare = (what: string, wanted: string[], given: string[]) => {
    for (const id of wanted) if (!given.includes(id)) problems.push(`${what} "${id}" has no translation`);
    for (const id of given) if (!wanted.includes(id)) problems.push(`${what} "${id}" is not in the lesson`);
  };
  compare(
    'terminal',
    lesson.terminals.map((t) => t.id),
    Object.keys(translation.terminals),
  );
  compare(
    'run',
    lesson.run.map((r) => r.label),
    Object.keys(translation.run),
  );
  const faults = lesson.breakIt?.faults ?? [];
  compare(
    'fault',
    faults.map((f) => f.id),
    Object.keys(translation.faults),
  );
  for (const fault of faults) {
    const words = translation.faults[fault.id];
    if (words && Boolean(fault.expect) !== Boolean(words.expect))
      problems.push(`fault "${fault.id}": "expect" must be translated exactly when the lesson has one`);
  }
  return problems;
}

/** A Run button as a page shows it: `label` stays its id (the wire and the tests use it), `text` is what it says. */
export type ShownRun = RunCommand & { text: string };
export type ShownLesson = Omit<LessonFrontmatter, 'run'> & { run: ShownRun[] };

/** The lesson's frontmatter with its words in the translation's language (ids, commands and faults unchanged); without one, as written. */
export function showLesson(lesson: LessonFrontmatter, translation?: LessonTranslation): ShownLesson {
  if (!translation) return { ...lesson, run: lesson.run.map((r) => ({ ...r, text: r.label })) };
  return {
    ...lesson,
    title: translation.title,
    summary: translation.summary,
    terminals: lesson.terminals.map((t) => ({ ...t, title: translation.terminals[t.id] ?? t.title })),
    run: lesson.run.map((r) => ({ ...r, text: translation.run[r.label] ?? r.label })),
    breakIt: lesson.breakIt && {
      ...lesson.breakIt,
      faults: lesson.breakIt.faults.map((f) => ({ ...f, ...translation.faults[f.id] })),
    },
  };
}
