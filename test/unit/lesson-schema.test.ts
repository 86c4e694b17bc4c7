import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeLessonErrors, lessonFrontmatterSchema, lessonIdSchema } from '../../schema/lesson.js';

const valid = {
  title: 'Your first socket',
  summary: 'Echo server and client.',
  order: 1,
  files: ['server.py', 'client.py'],
  terminals: [
    { id: 'server', title: 'Server' },
    { id: 'client', title: 'Client' },
  ],
  run: [{ label: 'Run server', terminal: 'server', command: 'python3 server.py' }],
};

test('a complete lesson frontmatter is accepted', () => {
  assert.equal(lessonFrontmatterSchema.safeParse(valid).success, true);
});

test('run defaults to no commands', () => {
  const { run: _run, ...rest } = valid;
  const parsed = lessonFrontmatterSchema.parse(rest);
  assert.deepEqual(parsed.run, []);
});

test('a run command aimed at a terminal the lesson lacks is rejected at that field', () => {
  const result = lessonFrontmatterSchema.safeParse({ ...valid, run: [{ label: 'Run', terminal: 'nope', command: 'ls' }] });
  assert.equal(result.success, false);
  assert.deepEqual(result.error!.issues[0].path, ['run', 0, 'terminal']);
  assert.match(result.error!.issues[0].message, /server, client/);
});

test('duplicate terminal ids, unknown keys and missing fields are rejected', () => {
  assert.equal(lessonFrontmatterSchema.safeParse({ ...valid, terminals: [valid.terminals[0], valid.terminals[0]] }).success, false);
  assert.equal(lessonFrontmatterSchema.safeParse({ ...valid, colour: 'red' }).success, false);
  const { title: _t, ...noTitle } = valid;
  assert.equal(lessonFrontmatterSchema.safeParse(noTitle).success, false);
});

test('lesson file paths must stay inside the workspace', () => {
  for (const bad of ['../etc/passwd', '/etc/passwd', 'a/../../b', '.', 'a b.py', '']) {
    assert.equal(lessonFrontmatterSchema.safeParse({ ...valid, files: [bad] }).success, false, bad);
  }
  assert.equal(lessonFrontmatterSchema.safeParse({ ...valid, files: ['pkg/util.py', '.env'] }).success, true);
});

test('error description names the file and each bad field', () => {
  const result = lessonFrontmatterSchema.safeParse({ ...valid, order: 'first', terminals: [] });
  assert.equal(result.success, false);
  const text = describeLessonErrors('lessons/01-x/index.mdx', result.error!);
  assert.match(text, /lessons\/01-x\/index\.mdx/);
  assert.match(text, /- order: /);
  assert.match(text, /- terminals: /);
});

test('lesson ids look like 01-first-socket', () => {
  assert.equal(lessonIdSchema.safeParse('01-first-socket').success, true);
  for (const bad of ['first-socket', '1-x', '01_x', '01-../x', '01-X']) assert.equal(lessonIdSchema.safeParse(bad).success, false, bad);
});

test('experiment steps do one thing each and name real Run labels, faults and terminals', () => {
  const base = {
    title: 'T',
    summary: 'S',
    order: 1,
    files: ['a.py'],
    terminals: [{ id: 'server', title: 'Server' }],
    run: [{ label: 'Go', terminal: 'server', command: 'ls' }],
  };
  const withSteps = (steps: unknown[]) => lessonFrontmatterSchema.safeParse({ ...base, experiments: [{ name: 'e', steps }] });
  assert.equal(withSteps([{ run: 'Go', shows: 'a.py' }]).success, true);
  const issues = (steps: unknown[]) =>
    withSteps(steps)
      .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
      .join(' | ') ?? '';
  assert.match(issues([{ run: 'Go', keys: 'x', terminal: 'server' }]), /exactly one of run, fault, keys/);
  assert.match(issues([{ run: 'Stop' }]), /experiments\.0\.steps\.0\.run: "Stop" is not one of this lesson's Run labels/);
  assert.match(issues([{ fault: 'drop' }]), /"drop" is not one of this lesson's faults/);
  assert.match(issues([{ keys: '\u0003' }]), /keys need the terminal/);
  assert.match(issues([{ run: 'Go', shows: '(' }]), /not a regular expression/);
  assert.match(issues([{ run: 'Go', shows: 'x', within: 60_000 }]), /within/);
});

test('at most 8 Run buttons in the toolbar; commands shown only in the text (inText) do not count', () => {
  const runs = (n: number, inText = false) =>
    Array.from({ length: n }, (_, i) => ({ label: `Run ${i}${inText ? ' in text' : ''}`, terminal: 'server', command: 'true', ...(inText ? { inText } : {}) }));
  assert.equal(lessonFrontmatterSchema.safeParse({ ...valid, run: runs(8) }).success, true);
  const nine = lessonFrontmatterSchema.safeParse({ ...valid, run: runs(9) });
  assert.equal(nine.success, false);
  assert.match(JSON.stringify(nine.error?.issues), /at most 8 Run buttons in the toolbar .*inText: true/);
  assert.equal(lessonFrontmatterSchema.safeParse({ ...valid, run: [...runs(8), ...runs(4, true)] }).success, true);
});
