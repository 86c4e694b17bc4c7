// Pure logic of Check my code: how a run's end is told, the text report, and which files a
// check run grades (starter, solution overlay, broken programs and their targets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastTracebackLine, tracebackComplete, tracebackTail } from '../../sandbox/checks/program.js';
import { reportText } from '../../sandbox/checks/report-text.js';
import { brokenPrograms, programFiles, programFilesWithOrigin } from '../../sandbox/checks/sources.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { defineChecks } from '../../sandbox/checks/check-api.js';
import { repoRoot } from '../support/lab-harness.js';
import { lessonLayout } from '../../schema/lesson-layout.js';

test('the last line of a Python traceback names the exception; other stderr is not a crash', () => {
  const traceback =
    'Traceback (most recent call last):\n  File "client.py", line 9, in <module>\n    sock.connect((HOST, PORT))\nConnectionRefusedError: [Errno 111] Connection refused\n';
  assert.equal(lastTracebackLine(traceback), 'ConnectionRefusedError: [Errno 111] Connection refused');
  const syntax = '  File "/lab/main.py", line 1\n    print("hello"\n         ^\nSyntaxError: \'(\' was never closed\n';
  assert.equal(lastTracebackLine(syntax), "SyntaxError: '(' was never closed");
  assert.equal(lastTracebackLine('Traceback (most recent call last):\n  File "s.py", line 3\nKeyboardInterrupt\n'), 'KeyboardInterrupt');
  assert.equal(lastTracebackLine('warning: something odd\n'), undefined);
  assert.equal(lastTracebackLine(''), undefined);
});

test('the text report shows each check, the details of failures, and the verdict', () => {
  const text = reportText(
    {
      lesson: 'x',
      passed: false,
      durationMs: 1500,
      results: [
        { name: 'one', outcome: 'passed', durationMs: 100, hints: [] },
        { name: 'two', outcome: 'failed', durationMs: 200, expected: 'A', actual: 'B', hints: ['try C', 'then D'] },
      ],
    },
    'starter',
  );
  assert.match(text, /✓ one/);
  assert.match(text, /✗ two[\s\S]*expected: A[\s\S]*actual: {3}B[\s\S]*hint: {5}try C/);
  assert.doesNotMatch(text, /then D/, 'one hint at a time');
  assert.match(text, /1\/2 passed in 1\.50 s — NOT all passed/);
});

const lesson = LessonCatalog.load(`${repoRoot}lessons`).get('01-first-socket')!;

test('the solution overlays the starter: unchanged files come from _files', () => {
  const starter = programFiles(lesson, 'starter');
  const solution = programFiles(lesson, 'solution');
  assert.deepEqual([...solution.keys()].sort(), ['client.py', 'server.py']);
  assert.equal(solution.get('client.py')!.toString(), starter.get('client.py')!.toString());
  assert.notEqual(solution.get('server.py')!.toString(), starter.get('server.py')!.toString());
  assert.throws(() => programFiles(lesson, { dir: '/no/such/folder' }), /is not a folder/);
});

test('a broken program is the solution with its own files on top', () => {
  const chat = LessonCatalog.load(`${repoRoot}lessons`).get('12-capstone-chat')!;
  const solution = programFiles(chat, 'solution');
  const program = brokenPrograms(chat).find((p) => p.name === 'dies-on-reset')!;
  const broken = programFiles(chat, { dir: program.dir });
  assert.equal(broken.get('client.py')!.toString(), solution.get('client.py')!.toString(), 'client.py comes from the solution, not the starter');
  assert.notEqual(broken.get('server.py')!.toString(), solution.get('server.py')!.toString());
});

test('broken programs list the checks they target, and their TARGETS.md is not a program file', () => {
  const broken = brokenPrograms(lesson);
  assert.ok(broken.length >= 2);
  for (const program of broken) {
    assert.ok(program.targets.length > 0, program.name);
    assert.ok(
      program.targets.every((t) => !t.startsWith('#') && !t.startsWith('-')),
      program.targets.join('|'),
    );
    assert.equal(
      [...programFiles(lesson, { dir: program.dir }).keys()].some((p) => p.endsWith('.md')),
      false,
    );
  }
});

test('two checks with one name are an author mistake caught at load', () => {
  const run = async () => {};
  assert.throws(
    () =>
      defineChecks([
        { name: 'same', covers: ['a'], run },
        { name: 'same', covers: ['a'], run },
      ]),
    /two checks are named "same"/,
  );
});

test("a learner's folder is laid over the starter: a file it lacks never comes from the solution", () => {
  const first = LessonCatalog.load(`${repoRoot}lessons`).get('01-first-socket')!;
  const empty = mkdtempSync(join(tmpdir(), 'empty-program-'));
  try {
    const files = programFilesWithOrigin(first, { dir: empty, over: 'starter' });
    for (const [path, file] of files) {
      assert.equal(file.origin, 'starter', path);
      assert.deepEqual(file.content, readFileSync(lessonLayout(first.dir).starter(path)));
    }
    // Broken programs stay "the solution with one mistake".
    const over = programFilesWithOrigin(first, { dir: empty });
    assert.ok([...over.values()].some((f) => f.origin === 'solution'));
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('a failure of a crashed program shows the end of its traceback; the text report prints it', () => {
  const stderr =
    'Traceback (most recent call last):\n  File "/lab/server.py", line 20, in <module>\n    conn.sendall("ECHO: " + data.upper())\n                 ~~~~~~~~^~~~~~~~~~~~~~\nTypeError: can only concatenate str (not "bytes") to str\n';
  assert.match(tracebackTail(stderr)!, /^Traceback[\s\S]*TypeError: can only concatenate str/);
  assert.equal(tracebackTail('just a warning\n'), undefined);
  // A traceback is complete once its error line is there, not while its frames are still being printed.
  assert.equal(tracebackComplete(stderr), true);
  assert.equal(tracebackComplete(stderr.slice(0, stderr.indexOf('TypeError'))), false);
  assert.equal(tracebackComplete('Traceback (most recent call last):\n'), false);
  assert.equal(tracebackComplete('Traceback (most recent call last):\n  File "/lab/s.py", line 3, in <module>\n    serve()\nKeyboardInterrupt\n'), true);
  const text = reportText(
    {
      lesson: 'l',
      passed: false,
      durationMs: 10,
      results: [{ name: 'c', outcome: 'failed', durationMs: 5, expected: 'e', actual: 'a', hints: [], traceback: `server.py:\n${tracebackTail(stderr)}` }],
    },
    'x',
  );
  assert.match(text, /traceback:\n {8}server\.py:\n {8}Traceback/);
});

test('check slots: at most their size at once, the rest wait their turn in order', async () => {
  const { CheckSlots } = await import('../../sandbox/checks/check-slots.js');
  const slots = new CheckSlots(2);
  const first = await slots.acquire();
  const second = await slots.acquire();
  const order: string[] = [];
  const third = slots.acquire().then((release) => (order.push('third'), release));
  const fourth = slots.acquire().then((release) => (order.push('fourth'), release));
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(order, [], 'two slots are taken: the others wait');
  assert.equal(slots.queued, 2);
  first();
  first(); // giving a slot back twice frees it once
  (await third)();
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(order, ['third', 'fourth']);
  second();
  (await fourth)();
  const again = await Promise.race([slots.acquire(), new Promise((r) => setTimeout(() => r('blocked'), 50))]);
  assert.notEqual(again, 'blocked', 'every slot came back');
});

test("a crash hint names the exception and the learner's own file and line", async () => {
  const { crashHint } = await import('../../sandbox/checks/program.js');
  const traceback = [
    'server.py:',
    'Traceback (most recent call last):',
    '  File "/lab/server.py", line 30, in <module>',
    '    serve()',
    '  File "/lab/server.py", line 24, in serve',
    '    conn.sendall("ECHO: " + data.upper())',
    '  File "/usr/lib/python3.11/socket.py", line 1, in helper',
    'TypeError: can only concatenate str (not "bytes") to str',
  ].join('\n');
  assert.equal(
    crashHint(traceback),
    'Your program crashed with TypeError: can only concatenate str (not "bytes") to str (server.py, line 24): the traceback shows where. Fix that first; the other hints assume it runs.',
  );
  assert.match(crashHint('client.py:\nTraceback (most recent call last):\nKeyboardInterrupt'), /crashed with KeyboardInterrupt \(client\.py\)/);
});

test('every lesson of the course says about how long it takes (the course page adds them up)', () => {
  const lessons = LessonCatalog.load(`${repoRoot}lessons`).list();
  assert.ok(lessons.length >= 12);
  for (const lesson of lessons) assert.ok(lesson.meta.minutes && lesson.meta.minutes >= 5, `${lesson.id} has no minutes`);
});

test('check order: longest known first, unknown checks ahead in lesson order, estimates follow recent runs', async () => {
  const { CheckOrder } = await import('../../sandbox/checks/check-order.js');
  const order = new CheckOrder();
  const names = ['a', 'b', 'c', 'd'];
  assert.deepEqual(order.order('l', names), [0, 1, 2, 3], 'nothing known: the lesson order');
  order.record('l', 'a', 100);
  order.record('l', 'b', 3000);
  order.record('l', 'd', 1200);
  assert.deepEqual(order.order('l', names), [2, 1, 3, 0], 'c unknown first, then 3000, 1200, 100');
  order.record('l', 'c', 500);
  order.record('l', 'a', 4000);
  order.record('l', 'a', 4000); // a got slow: after two runs it leads
  assert.deepEqual(order.order('l', names), [0, 1, 3, 2]);
  assert.deepEqual(order.order('other lesson', names), [0, 1, 2, 3], 'lessons do not share estimates');
});
