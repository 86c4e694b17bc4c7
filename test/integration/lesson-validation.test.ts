// A lesson with bad frontmatter must stop both the site build and the server, naming the file
// and the field. Runs Astro's real content sync on a scratch project that links to this one.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LessonCatalog, LessonError } from '../../sandbox/lessons/catalog.js';
import { repoRoot } from '../support/lab-harness.js';
import { lessonDirOf, lessonLayout } from '../../schema/lesson-layout.js';

const scratch: string[] = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function projectWithLesson(frontmatter: string, files: Record<string, string> = { 'a.py': 'x = 1\n' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab-lesson-check-'));
  scratch.push(dir);
  for (const link of ['src', 'schema', 'sandbox', 'public', 'node_modules']) symlinkSync(join(repoRoot, link), join(dir, link));
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) copyFileSync(join(repoRoot, file), join(dir, file));
  const lesson = lessonLayout(lessonDirOf(dir, '01-broken'));
  mkdirSync(lesson.starter(), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(lesson.starter(name), content);
  writeFileSync(lesson.text, `---\n${frontmatter}\n---\nBody.\n`);
  return dir;
}

function astroSync(dir: string) {
  const result = spawnSync('npx', ['astro', 'sync'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const GOOD = 'title: Broken\nsummary: s\norder: 1\nfiles: [a.py]\nterminals:\n  - { id: server, title: Server }';

test('the build fails on a wrongly typed field, naming the file and the field', () => {
  const dir = projectWithLesson(GOOD.replace('order: 1', 'order: first'));
  const { status, output } = astroSync(dir);
  assert.notEqual(status, 0);
  assert.match(output, /lessons\/01-broken\/index\.mdx/);
  assert.match(output, /order/);
});

test('the build fails on a run command for a terminal the lesson lacks', () => {
  const dir = projectWithLesson(`${GOOD}\nrun:\n  - { label: Go, terminal: client, command: ls }`);
  const { status, output } = astroSync(dir);
  assert.notEqual(status, 0);
  assert.match(output, /01-broken/);
  assert.match(output, /run\.0\.terminal/);
});

// Lesson 7 and lesson 2 once shipped these: YAML split an unquoted comma into a stray key.
const SPLIT_COMMAND = `${GOOD}\nrun:\n  - { label: Old client, terminal: server, command: python3 old_client.py 'hello, server' }`;
const SPLIT_LABEL = `${GOOD}\nrun:\n  - { label: Silent host, no timeout, terminal: server, command: ls }`;

test('the build fails on a value YAML split at a comma (a stray key), naming the file and the field', () => {
  for (const frontmatter of [SPLIT_COMMAND, SPLIT_LABEL]) {
    const { status, output } = astroSync(projectWithLesson(frontmatter));
    assert.notEqual(status, 0);
    assert.match(output, /01-broken/);
    assert.match(output, /run\.0/);
    assert.match(output, /[Uu]nrecognized key/);
  }
});

test('the server refuses stray keys, duplicate Run labels and commands bash cannot parse', () => {
  for (const frontmatter of [SPLIT_COMMAND, SPLIT_LABEL]) {
    assert.throws(() => LessonCatalog.load(join(projectWithLesson(frontmatter), 'lessons')), /run\.0: Unrecognized key/);
  }
  const twice = projectWithLesson(`${GOOD}\nrun:\n  - { label: Go, terminal: server, command: ls }\n  - { label: Go, terminal: server, command: pwd }`);
  assert.throws(() => LessonCatalog.load(join(twice, 'lessons')), /run\.1\.label: "Go" is used by two Run buttons/);
  const quote = projectWithLesson(`${GOOD}\nrun:\n  - { label: Go, terminal: server, command: "python3 a.py 'hello" }`);
  assert.throws(() => LessonCatalog.load(join(quote, 'lessons')), /run\.0\.command: bash cannot parse/);
});

test('the server refuses the same lessons with the file and field in its message', () => {
  const typed = projectWithLesson(GOOD.replace('order: 1', 'order: first'));
  assert.throws(
    () => LessonCatalog.load(join(typed, 'lessons')),
    (err: Error) => err instanceof LessonError && /01-broken\/index\.mdx/.test(err.message) && /- order:/.test(err.message),
  );
  const missing = projectWithLesson(GOOD.replace('[a.py]', '[a.py, b.py]'));
  assert.throws(() => LessonCatalog.load(join(missing, 'lessons')), /files lists "b\.py" but .* does not exist/);
  const yaml = projectWithLesson('title: [unclosed');
  assert.throws(() => LessonCatalog.load(join(yaml, 'lessons')), /not valid YAML/);
});

test('the real course loads', () => {
  const catalog = LessonCatalog.load(join(repoRoot, 'lessons'));
  assert.ok(catalog.get('01-first-socket'));
});
