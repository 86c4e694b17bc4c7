// Two sandboxed labs in one process (as in tests and the bench): closing one must not break the
// other. Its own file, so no other lab keeps the shared cgroup folder alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestLab } from '../support/lab-harness.js';
import { FIXTURE_LESSON, fixtureLessons } from '../support/fixtures.js';
import { jailSkip } from '../support/jail.js';

test('closing one sandboxed lab does not break another in the same process', { skip: jailSkip }, async () => {
  const idle = await startTestLab({ lessonsDir: fixtureLessons });
  const other = await startTestLab({ lessonsDir: fixtureLessons });
  await other.close();
  try {
    assert.ok(await idle.createSession(FIXTURE_LESSON));
  } finally {
    await idle.close();
  }
});
