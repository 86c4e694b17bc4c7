// The words inside a lesson's Python files (comments and docstrings), found so they can be shown
// in another language. Only those words are swapped: every byte of code between them is copied as
// it is, so a learner runs the same program in either language. A `#` inside a string (as in
// f"connect #{i}") is code, not a comment.

/** One comment (consecutive comment-only lines with the same indent count as one) or docstring. */
export interface CodeWords {
  kind: 'comment' | 'docstring';
  /** The English words, white space folded: the key of the translation table. */
  key: string;
  /** Where it stands in the source: from its `#` or opening quotes to the end of its last line or closing quotes. */
  start: number;
  end: number;
  /** The white space before it on its line (lines after the first are indented by it). */
  indent: string;
  /** A comment after code on the same line (its translation must be one line). */
  trailing: boolean;
  /** A docstring whose closing quotes stand on their own line. */
  closesOnOwnLine?: boolean;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim();
const lineStartOf = (source: string, at: number) => source.lastIndexOf('\n', at - 1) + 1;
const lineEndOf = (source: string, at: number) => (source.indexOf('\n', at) + 1 || source.length + 1) - 1;

/** Every comment and docstring of `source`, in order. */
export function findCodeWords(source: string): CodeWords[] {
  const found: CodeWords[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '#') {
      const end = lineEndOf(source, i);
      const before = source.slice(lineStartOf(source, i), i);
      const words = fold(source.slice(i + 1, end));
      const previous = found.at(-1);
      const joinsBlock = previous?.kind === 'comment' && !previous.trailing && before.trim() === '' && previous.indent === before;
      if (joinsBlock && source.slice(previous.end, i) === `\n${before}`) {
        previous.key = fold(`${previous.key} ${words}`);
        previous.end = end;
      } else found.push({ kind: 'comment', key: words, start: i, end, indent: before.trim() === '' ? before : '', trailing: before.trim() !== '' });
      i = end;
    } else if (c === '"' || c === "'") {
      i = skipString(source, i, found);
    } else i++;
  }
  return found;
}

/** Skips the string literal opening at `at`; records it when it is a docstring (a triple-quoted string standing alone). */
function skipString(source: string, at: number, found: CodeWords[]): number {
  const quote = source.startsWith(source[at].repeat(3), at) ? source[at].repeat(3) : source[at];
  let j = at + quote.length;
  while (j < source.length && !source.startsWith(quote, j)) {
    if (source[j] === '\\') j++;
    else if (quote.length === 1 && source[j] === '\n') return j; // unterminated: Python refuses it anyway
    j++;
  }
  const end = Math.min(source.length, j + quote.length);
  const lineStart = lineStartOf(source, at);
  const before = source.slice(lineStart, at);
  const alone = before.trim() === '' && source.slice(end, lineEndOf(source, end)).trim() === '';
  if (quote.length === 3 && alone) {
    const content = source.slice(at + 3, j);
    found.push({ kind: 'docstring', key: fold(content), start: at, end, indent: before, trailing: false, closesOnOwnLine: /\n[ \t]*$/.test(content) });
  }
  return end;
}

/** The source with each comment and docstring in `table`'s words; `missing` lists the keys it lacks (kept in English). */
export function translateCodeWords(source: string, table: Record<string, string>): { text: string; missing: string[] } {
  const missing: string[] = [];
  let text = '';
  let copied = 0;
  for (const words of findCodeWords(source)) {
    const translation = table[words.key];
    if (translation === undefined) {
      if (words.key) missing.push(words.key);
      continue;
    }
    text += source.slice(copied, words.start) + render(words, source.slice(words.start, words.start + 3), translation);
    copied = words.end;
  }
  return { text: text + source.slice(copied), missing };
}

function render(words: CodeWords, opening: string, translation: string): string {
  const lines = translation.replace(/^\n+|\s+$/g, '').split('\n');
  if (words.kind === 'comment') {
    if (words.trailing && lines.length > 1) throw new Error(`a comment after code takes one line: "${words.key}"`);
    return lines.map((line, k) => `${k ? words.indent : ''}# ${line.trim()}`.trimEnd()).join('\n');
  }
  const quote = opening; // the docstring's own quotes, """ or '''
  if (lines.length === 1 && !words.closesOnOwnLine) return `${quote}${lines[0]}${quote}`;
  // The translation's own line breaks and alignment (a usage table) are kept; the docstring's indent is added.
  const body = lines.map((line, k) => (k && line.trim() ? words.indent + line.trimEnd() : line.trimEnd())).join('\n');
  return `${quote}${body}\n${words.indent}${quote}`;
}
