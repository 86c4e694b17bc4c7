// Feedback names the cause: when a learner's program crashes during a failing check, the result
// carries the end of its traceback (lesson 1's likeliest mistake is a str + bytes TypeError, which
// "closed the connection without answering" alone does not explain).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecks } from '../../sandbox/checks/runner.js';
import { programFiles } from '../../sandbox/checks/sources.js';
import { chooseSandbox } from '../../sandbox/jail/choose-sandbox.js';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { resolvePython } from '../../sandbox/process/python.js';
import { repoRoot } from '../support/lab-harness.js';
import { lessonLayout } from '../../schema/lesson-layout.js';

const python = resolvePython();
const sandbox = await chooseSandbox(python, { info: () => {}, warn: () => {}, error: console.error });
after(() => sandbox.provider.close?.());

test('lesson 1 with "ECHO: " + data.upper(): the failing check shows the TypeError and where it happened', async () => {
  const lesson = LessonCatalog.load(`${repoRoot}lessons`).get('01-first-socket')!;
  const files = programFiles(lesson, 'solution');
  const server = readFileSync(join(lessonLayout(lesson.dir).solution, 'server.py'), 'utf8');
  assert.match(server, /b"ECHO: "/);
  files.set('server.py', Buffer.from(server.replace('b"ECHO: "', '"ECHO: "')));
  const summary = await runChecks({ lesson, files, provider: sandbox.provider, python: python.executable });
  const failed = summary.results.find((r) => r.outcome === 'failed');
  assert.ok(failed, 'the mistake fails a check');
  assert.match(failed.traceback ?? '', /^server\.py:\nTraceback[\s\S]*TypeError: can only concatenate str \(not "bytes"\) to str/);
  assert.match(failed.traceback ?? '', /"ECHO: " \+ data\.upper\(\)/);
  // The first hint is about the crash (the failure seen), not the check's general advice.
  assert.match(failed.hints[0], /^Your program crashed with TypeError: can only concatenate str .* \(server\.py, line \d+\)/);
});
