// The comments and docstrings of lesson files in another language: the scanner finds exactly the
// words (never a `#` inside a string, never code), the swap keeps every byte of code, and every
// lesson's table covers its files' words with none left over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCodeWords, translateCodeWords } from '../../schema/code-comments.js';
import { codeWordsTable, hasCodeWords, localizeLessonFile } from '../../schema/lesson-source.js';
import { lessonLayout } from '../../schema/lesson-layout.js';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { repoRoot } from '../support/lab-harness.js';

const keys = (source: string) => findCodeWords(source).map((w) => `${w.kind}: ${w.key}`);

test('a # inside a string is code, not a comment', () => {
  const source = ['print(f"connect #{i} done")  # real one', "x = '#'", 's = "it\'s \\" # still a string"', "t = 'a' '#b'  # two"].join('\n');
  assert.deepEqual(keys(source), ['comment: real one', 'comment: two']);
});

test('consecutive comment lines with one indent are one comment; a different indent or a code line starts another', () => {
  const source = ['# one', '# sentence', 'x = 1', '    # indented', '    # too', '# back out', ''].join('\n');
  assert.deepEqual(keys(source), ['comment: one sentence', 'comment: indented too', 'comment: back out']);
});

test('a triple-quoted string standing alone is a docstring; one inside an expression is code', () => {
  const source = ['"""Module', '', 'usage: x"""', 'def f():', "    '''Short.'''", '    return """not a docstring"""', 'y = """also', 'code"""', ''].join('\n');
  assert.deepEqual(keys(source), ['docstring: Module usage: x', 'docstring: Short.']);
});

test('the swap changes only the words and keeps indent, quotes and code', () => {
  const source = [
    '"""An echo server.',
    '',
    'usage: python3 server.py',
    '"""',
    'def f():',
    "    '''One line.'''",
    '    # two lines',
    '    # of comment',
    '    return 1  # one',
    '',
  ].join('\n');
  const table = {
    'An echo server. usage: python3 server.py': 'エコー。\n\n使い方: python3 server.py',
    'One line.': '一行。',
    'two lines of comment': '二行の\nコメント',
    one: 'いち',
  };
  const { text, missing } = translateCodeWords(source, table);
  assert.deepEqual(missing, []);
  assert.equal(
    text,
    ['"""エコー。', '', '使い方: python3 server.py', '"""', 'def f():', "    '''一行。'''", '    # 二行の', '    # コメント', '    return 1  # いち', ''].join(
      '\n',
    ),
  );
});

test('words without a translation stay in English and are reported', () => {
  const { text, missing } = translateCodeWords('x = 1  # keep me\n', {});
  assert.equal(text, 'x = 1  # keep me\n');
  assert.deepEqual(missing, ['keep me']);
});

test('a comment after code cannot take two lines', () => {
  assert.throws(() => translateCodeWords('x = 1  # one\n', { one: 'a\nb' }), /one line/);
});

// Every lesson: its shown files (starter and solution) are fully translated, and its table has nothing stale.
const lessons = LessonCatalog.load(`${repoRoot}lessons`).list();
const shownFiles = (dir: string) => {
  const { starter, solution } = lessonLayout(dir);
  return [starter(), solution]
    .filter((folder) => existsSync(folder))
    .flatMap((folder) =>
      readdirSync(folder)
        .filter(hasCodeWords)
        .map((name) => join(folder, name)),
    );
};

for (const lesson of lessons.filter((l) => existsSync(lessonLayout(l.dir).textJa))) {
  test(`${lesson.id}: every comment and docstring of its starter and solution has Japanese words, and none is stale`, () => {
    const table = codeWordsTable(lesson.dir, 'ja');
    const used = new Set<string>();
    const missing: string[] = [];
    for (const file of shownFiles(lesson.dir)) {
      const source = readFileSync(file, 'utf8');
      for (const words of findCodeWords(source)) used.add(words.key);
      missing.push(...translateCodeWords(source, table).missing.map((key) => `${file}: ${key}`));
      const shown = localizeLessonFile(file, Buffer.from(source), table).toString('utf8');
      assert.match(shown, /[\u3040-\u30ff\u4e00-\u9fff]/, `${file} shows no Japanese`);
    }
    assert.deepEqual(missing, []);
    assert.deepEqual(
      Object.keys(table).filter((key) => !used.has(key)),
      [],
      'entries in comments.ja.yaml that no file has (the English changed?)',
    );
  });
}

test('English pages get the files as they are', () => {
  const lesson = lessons[0];
  const file = lessonLayout(lesson.dir).starter(lesson.meta.files[0]);
  const content = readFileSync(file);
  assert.equal(localizeLessonFile(file, content, codeWordsTable(lesson.dir, 'en')), content);
});

test('a malformed comments.ja.yaml is refused with its file and the entry at fault, and English needs none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lesson-'));
  try {
    const file = lessonLayout(dir).codeWordsJa;
    writeFileSync(file, 'key: [not closed\n');
    assert.throws(
      () => codeWordsTable(dir, 'ja'),
      (err: Error) => err.message.startsWith(`${file} is not valid YAML`),
    );
    writeFileSync(file, '"waits until a client connects": 42\n');
    assert.throws(
      () => codeWordsTable(dir, 'ja'),
      (err: Error) => err.message.startsWith(`${file}: waits until a client connects: Expected string`),
    );
    assert.deepEqual(codeWordsTable(dir, 'en'), {});
    rmSync(file);
    assert.deepEqual(codeWordsTable(dir, 'ja'), {}, 'a lesson without a table shows its English comments');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
