// Statement ↔ checks, bullet by bullet: every bullet of every exercise statement is quoted by at
// least one check, and every quote names exactly one bullet (a check asserts what the text asks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCheckSuite } from '../../sandbox/checks/runner.js';
import { hasChecks } from '../../sandbox/checks/sources.js';
import { bulletsQuoted, exerciseBullets, lessonExerciseBullets } from '../../sandbox/checks/statement.js';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { repoRoot } from '../support/lab-harness.js';

test('an exercise statement splits into its bullets, emphasis and code marks removed', () => {
  const mdx = [
    '## Exercise',
    '',
    'Make it retry:',
    '',
    '- up to **5 attempts**, a new socket',
    '  for each;',
    '- print `attempt N failed:` to stderr.',
    '',
    'Press **Check**.',
    '',
    '- not a bullet of the statement list? yes it is, a second list',
    '## Read more',
    '- a link',
  ].join('\n');
  const bullets = exerciseBullets(mdx);
  assert.deepEqual(
    bullets.map((b) => b.text),
    ['up to 5 attempts, a new socket for each;', 'print attempt N failed: to stderr.', 'not a bullet of the statement list? yes it is, a second list'],
  );
  assert.deepEqual(
    bulletsQuoted(bullets, 'up to **5 attempts**').map((b) => b.index),
    [1],
  );
  assert.deepEqual(bulletsQuoted(bullets, 'a link'), []);
});

const lessons = LessonCatalog.load(`${repoRoot}lessons`).list().filter(hasChecks);

for (const lesson of lessons) {
  test(`${lesson.id}: every statement bullet is asserted by a check, and every check quotes the statement`, async () => {
    const bullets = lessonExerciseBullets(lesson.dir);
    assert.ok(bullets.length >= 2, `${lesson.id}: the exercise should list what it asks as bullets (found ${bullets.length})`);
    const covered = new Set<number>();
    const suite = await loadCheckSuite(lesson);
    for (const check of suite.checks) {
      assert.ok(check.covers.length > 0, `"${check.name}" quotes no bullet of the statement`);
      for (const quote of check.covers) {
        const found = bulletsQuoted(bullets, quote);
        assert.equal(found.length, 1, `"${check.name}" quotes "${quote}", which names ${found.length} bullets of ${lesson.id}'s statement`);
        covered.add(found[0].index);
      }
    }
    const gaps = new Set<number>();
    for (const quote of suite.notYetChecked) {
      const found = bulletsQuoted(bullets, quote);
      assert.equal(found.length, 1, `notYetChecked quotes "${quote}", which names ${found.length} bullets of ${lesson.id}'s statement`);
      assert.ok(!covered.has(found[0].index), `"${quote}" is checked now: take it out of notYetChecked`);
      gaps.add(found[0].index);
    }
    const missing = bullets.filter((b) => !covered.has(b.index) && !gaps.has(b.index)).map((b) => `${b.index}: ${b.text}`);
    assert.deepEqual(missing, [], `${lesson.id}: bullets no check asserts`);
  });
}
