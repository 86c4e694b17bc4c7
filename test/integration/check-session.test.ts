// The Check button's path through the server: check.run on the session socket saves the editor's
// files, grades them in a fresh sandbox (the learner's own server, still running in a terminal,
// does not interfere) and streams progress; a second run while one is going, a lesson without
// checks and malformed requests each get a clear error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixtureLessons, FIXTURE_LESSON } from '../support/fixtures.js';
import { repoRoot, startTestLab, type TestLab } from '../support/lab-harness.js';
import { SessionSocketClient } from '../support/session-socket-client.js';
import { TerminalClient } from '../support/terminal-client.js';

const LESSON = '01-first-socket';
const solution = readFileSync(`${repoRoot}lessons/${LESSON}/_solution/server.py`, 'utf8');
let lab: TestLab;
let session: string;
let socket: SessionSocketClient;
let terminal: TerminalClient;

before(async () => {
  lab = await startTestLab();
  session = await lab.createSession(LESSON);
  socket = await SessionSocketClient.open(lab, session);
  // The learner's starter server (plain echo) keeps running on 65432 in their own terminal.
  terminal = await TerminalClient.connect(lab, { session, terminal: 'server' });
  await terminal.waitForOutput('$ ');
  terminal.send({ type: 'run', label: 'Run server' });
  await terminal.waitForOutput(/Listening on 127\.0\.0\.1:65432/);
});
after(async () => {
  await terminal?.close();
  socket?.close();
  await lab?.close();
});

const progress = (from: number) => socket.messages.slice(from).filter((m) => m.type.startsWith('check.'));
const errors = (from: number) => socket.messages.slice(from).filter((m) => m.type === 'error');

test('check.run saves the files, grades them in a fresh sandbox and streams every step', async () => {
  const from = socket.messages.length;
  socket.send({ type: 'check.run', files: [{ path: 'server.py', content: solution }] });
  await socket.waitFor(() => progress(from).some((m) => m.type === 'check.done'), 30_000, 'check.done');
  // Three checks, side by side: each announced as running, each with a result, then done.
  const types = progress(from)
    .map((m) => m.type)
    .sort();
  assert.deepEqual(types, ['check.done', 'check.result', 'check.result', 'check.result', 'check.running', 'check.running', 'check.running', 'check.started']);
  assert.equal(progress(from)[0].type, 'check.started');
  const done = progress(from).at(-1)!;
  assert.ok(done.type === 'check.done' && done.summary.passed, JSON.stringify(done));
  // Saved where the learner's terminal sees it, as Run does.
  assert.equal(readFileSync(`${lab.lab.registry.get(session)!.workspace}/server.py`, 'utf8'), solution);
  // And the learner's own server was left alone.
  assert.doesNotMatch(terminal.output, /Server stopped|Traceback/);
});

test('a second check while one runs is refused with a clear message', async () => {
  const from = socket.messages.length;
  socket.send({ type: 'check.run' });
  socket.send({ type: 'check.run' });
  await socket.waitFor(() => progress(from).some((m) => m.type === 'check.done'), 30_000, 'check.done');
  const busy = errors(from);
  assert.equal(busy.length, 1);
  assert.ok(busy[0].type === 'error' && busy[0].code === 'check-busy', JSON.stringify(busy));
  assert.equal(progress(from).filter((m) => m.type === 'check.done').length, 1);
});

test('malformed check requests change nothing', async () => {
  const from = socket.messages.length;
  socket.send({ type: 'check.run', files: [{ path: '../escape.py', content: 'x' }] });
  socket.send({ type: 'check.run', files: 'server.py' });
  socket.send({ type: 'check.run', files: [], lang: 'fr' }); // a language the lab does not have
  await socket.waitFor(() => errors(from).length >= 3, 3000, 'three errors');
  assert.deepEqual(
    errors(from).map((m) => m.type === 'error' && m.code),
    ['bad-message', 'bad-message', 'bad-message'],
  );
  assert.equal(progress(from).length, 0);
});

test('a lesson without an exercise says so', async () => {
  const plain = await startTestLab({ lessonsDir: fixtureLessons });
  try {
    const own = await SessionSocketClient.open(plain, await plain.createSession(FIXTURE_LESSON));
    own.send({ type: 'check.run' });
    await own.waitFor(() => own.messages.some((m) => m.type === 'error'), 3000, 'an error');
    assert.deepEqual(
      own.messages.filter((m) => m.type === 'error').map((m) => m.type === 'error' && [m.code, m.message]),
      [['no-checks', 'This lesson has no exercise to check.']],
    );
    own.close();
  } finally {
    await plain.close();
  }
});
