// Every translated lesson (index.ja.mdx) says the same lesson in Japanese: its frontmatter names
// exactly the English one's terminals, runs and faults, and its body has the same sections, code
// blocks and click-to-run commands. A translation that drifted from its lesson fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFrontmatter } from '../../sandbox/lessons/catalog.js';
import { lessonFrontmatterSchema } from '../../schema/lesson.js';
import { lessonTranslationSchema, translationProblems } from '../../schema/lesson-translation.js';
import { LESSONS_FOLDER, lessonDirOf, lessonLayout } from '../../schema/lesson-layout.js';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { loadCheckSuite } from '../../sandbox/checks/runner.js';
import { hasChecks } from '../../sandbox/checks/sources.js';

const root = process.cwd();
const lessons = readdirSync(join(root, LESSONS_FOLDER)).filter((id) => /^\d\d-/.test(id));
const translated = lessons.filter((id) => existsSync(lessonLayout(lessonDirOf(root, id)).textJa));

/** What must be the same in both languages: sections, code blocks, components, click-to-run labels. */
function shape(file: string) {
  const body = readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  return {
    headings: [...body.matchAll(/^(#{2,4}) /gm)].map((m) => m[1]),
    codeBlocks: [...body.matchAll(/^```/gm)].length,
    components: [...body.matchAll(/<([A-Z]\w+)/g)].map((m) => m[1]).filter((name) => name !== 'ArticleBridge'),
    runIts: [...body.matchAll(/<RunIt label="([^"]+)"/g)].map((m) => m[1]),
  };
}

test('every lesson has its Japanese text: a lesson in one language only fails here', () => {
  assert.ok(lessons.length >= 12, 'the course has its twelve lessons');
  assert.deepEqual(
    lessons.filter((id) => !translated.includes(id)),
    [],
    'lessons without index.ja.mdx',
  );
});

for (const id of translated) {
  test(`${id}: the Japanese text matches its lesson`, () => {
    const layout = lessonLayout(lessonDirOf(root, id));
    const english = lessonFrontmatterSchema.parse(readFrontmatter(layout.text));
    const japanese = lessonTranslationSchema.parse(readFrontmatter(layout.textJa));
    assert.deepEqual(translationProblems(english, japanese), []);
    const [en, ja] = [shape(layout.text), shape(layout.textJa)];
    assert.deepEqual(ja, en, 'the same sections, code blocks, components and click-to-run commands');
    const text = readFileSync(layout.textJa, 'utf8');
    assert.match(text, /<ArticleBridge>/, 'it opens with the bridge to the articles');
    // docs/glossary-ja.md's words: the long-vowel mark, and one verb for catching an exception.
    assert.doesNotMatch(text, /サーバ(?!ー)|エディタ(?!ー)|ブラウザ(?!ー)|ユーザ(?!ー)/);
    assert.doesNotMatch(text, /捕捉|キャッチ/);
  });
}

for (const id of translated) {
  test(`${id}: every check's name and hints are in Japanese too`, async (t) => {
    const lesson = LessonCatalog.load(join(root, LESSONS_FOLDER)).get(id)!;
    if (!hasChecks(lesson)) return t.skip('no exercise');
    const english: string[] = [];
    for (const check of (await loadCheckSuite(lesson)).checks) {
      for (const words of [check.name, ...(check.hints ?? [])]) if (typeof words === 'string') english.push(words);
    }
    assert.deepEqual(english, [], 'words given in English only');
  });
}

test('a translation that misses a word, or names one the lesson lacks, is refused with the id', () => {
  const layout = lessonLayout(lessonDirOf(root, '01-first-socket'));
  const english = lessonFrontmatterSchema.parse(readFrontmatter(layout.text));
  const japanese = lessonTranslationSchema.parse(readFrontmatter(layout.textJa));
  const { client: _dropped, ...terminals } = japanese.terminals;
  assert.deepEqual(translationProblems(english, { ...japanese, terminals }), ['terminal "client" has no translation']);
  assert.deepEqual(translationProblems(english, { ...japanese, run: { ...japanese.run, 'Run twice': 'x' } }), ['run "Run twice" is not in the lesson']);
  const { expect: _gone, ...refuse } = japanese.faults.refuse;
  assert.deepEqual(translationProblems(english, { ...japanese, faults: { ...japanese.faults, refuse } }), [
    'fault "refuse": "expect" must be translated exactly when the lesson has one',
  ]);
  assert.throws(() => lessonTranslationSchema.parse({ ...japanese, files: ['server.py'] }), /files/, 'only words: files stay in the English frontmatter');
});
