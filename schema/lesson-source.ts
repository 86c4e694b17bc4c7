// A lesson's starter and solution files as a page in one language shows them. The files are
// written once, in English; for another language a Python file's comments and docstrings come from
// the lesson's comments.<lang>.yaml (keyed by the English words) and its code stays byte for byte
// the same, so both languages run, and are graded on, one program. Other files are shared as they are.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { translateCodeWords } from './code-comments.js';
import { DEFAULT_LANG, type Lang } from './langs.js';
import { lessonLayout } from './lesson-layout.js';

/** English words (white space folded) → their translation. */
export const codeWordsTableSchema = z.record(z.string().min(1), z.string().min(1));
export type CodeWordsTable = z.infer<typeof codeWordsTableSchema>;

/** Only Python files have their words translated. */
export const hasCodeWords = (path: string) => path.endsWith('.py');

/** The lesson's table for `lang` (empty for English, or when the lesson has none yet). A malformed table throws, naming its file. */
export function codeWordsTable(lessonDir: string, lang: Lang): CodeWordsTable {
  if (lang === DEFAULT_LANG) return {};
  const file = lessonLayout(lessonDir).codeWordsJa;
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const table = codeWordsTableSchema.safeParse(parsed ?? {});
  if (!table.success) throw new Error(`${file}: ${table.error.issues[0].path.join('.')}: ${table.error.issues[0].message}`);
  return table.data;
}

/** `content` of the lesson file `path` in `table`'s words (unchanged for a file that is not Python, or for English). */
export function localizeLessonFile(path: string, content: Buffer, table: CodeWordsTable): Buffer {
  if (!hasCodeWords(path) || Object.keys(table).length === 0) return content;
  return Buffer.from(translateCodeWords(content.toString('utf8'), table).text, 'utf8');
}
