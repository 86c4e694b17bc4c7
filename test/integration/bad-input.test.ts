// Bad input gets a clear error and changes nothing; the terminal keeps working afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { LIMITS } from '../../schema/limits.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import { FIXTURE_LESSON, fixtureLessons } from '../support/fixtures.js';
import { CLOSE_CODES, SOCKET_PATHS } from '../../schema/wire-constants.js';

let lab: TestLab;
before(async () => {
  lab = await startTestLab({ lessonsDir: fixtureLessons });
});
after(() => lab.close());

async function open() {
  const session = await lab.createSession(FIXTURE_LESSON);
  const client = await TerminalClient.connect(lab, { session, terminal: 'server' });
  await client.waitForOutput('$ ');
  return { session, client, workspace: lab.lab.registry.get(session)!.workspace };
}

async function expectError(client: TerminalClient, send: () => void, code: string, text: RegExp) {
  const seen = client.messages.length;
  send();
  await client.waitFor((c) => c.messages.slice(seen).some((m) => m.type === 'error'), 5000, `error ${code}`);
  const error = client.messages.slice(seen).find((m) => m.type === 'error') as { code: string; message: string };
  assert.equal(error.code, code);
  assert.match(error.message, text);
}

async function stillWorks(client: TerminalClient, tag: string) {
  client.type(`echo alive-${tag}\r`);
  await client.waitForOutput(`alive-${tag}\r\n`);
}

test('malformed, unknown and out-of-range messages are answered with an error', async () => {
  const { client } = await open();
  await expectError(client, () => client.ws.send('{oops'), 'bad-message', /not valid JSON/);
  await expectError(client, () => client.send({ type: 'format-disk' }), 'bad-message', /invalid message/);
  await expectError(client, () => client.send({ type: 'resize', cols: 1e9, rows: 2 }), 'bad-message', /cols/);
  await expectError(client, () => client.send({ type: 'run', label: 'Run everything' }), 'unknown-run', /Run server/);
  await stillWorks(client, 'after-bad-messages');
  await client.close();
});

test('oversized frames: an error below the hard cap, a closed socket above it; the terminal survives both', async () => {
  const { session, client } = await open();
  await expectError(client, () => client.type('x'.repeat(LIMITS.maxInputBytes + 1)), 'too-large', /at most/);
  await expectError(client, () => client.ws.send('x'.repeat(LIMITS.maxMessageBytes + 10)), 'too-large', /refused/);
  await stillWorks(client, 'after-big-frames');
  const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
  client.ws.send(Buffer.alloc(4 * LIMITS.maxMessageBytes + 1), { binary: true });
  assert.equal(await closed, 1009); // "message too big"
  const again = await TerminalClient.connect(lab, { session, terminal: 'server' });
  await stillWorks(again, 'after-reconnect');
  await again.close();
});

test('bad file paths and oversized files are refused and nothing is written', async () => {
  const { client, workspace } = await open();
  for (const path of ['../escape.py', '/tmp/abs.py', 'a/../../b.py']) {
    await expectError(client, () => client.send({ type: 'files.save', files: [{ path, content: 'x' }] }), 'bad-message', /relative path/);
  }
  const big = 'y'.repeat(LIMITS.maxFileBytes + 1);
  await expectError(client, () => client.send({ type: 'files.save', files: [{ path: 'big.py', content: big }] }), 'bad-message', /larger than/);
  client.send({ type: 'files.save', files: [{ path: 'pkg/ok.py', content: 'print("ok")\n' }] });
  assert.deepEqual((await client.waitForMessage('files.saved')).paths, ['pkg/ok.py']);
  assert.equal(readFileSync(join(workspace, 'pkg/ok.py'), 'utf8'), 'print("ok")\n');
  await stillWorks(client, 'after-bad-paths');
  await client.close();
});

test('a symlink planted in the workspace never makes the server write outside it', async () => {
  const { client, workspace } = await open();
  const outside = mkdtempSync(join(tmpdir(), 'lab-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'untouched');
  symlinkSync(join(outside, 'secret.txt'), join(workspace, 'planted.py'));
  await expectError(client, () => client.send({ type: 'files.save', files: [{ path: 'planted.py', content: 'owned' }] }), 'bad-path', /symlink/);
  symlinkSync(outside, join(workspace, 'linkdir'));
  await expectError(
    client,
    () => client.send({ type: 'files.save', files: [{ path: 'linkdir/secret.txt', content: 'owned' }] }),
    'bad-path',
    /not a plain folder/,
  );
  assert.equal(readFileSync(join(outside, 'secret.txt'), 'utf8'), 'untouched');
  await client.close();
});

test('unknown sessions and terminals are refused with a reason and a close code', async () => {
  const { session } = await open();
  const unknownTerminal = await TerminalClient.connect(lab, { session, terminal: 'database' });
  const error = await unknownTerminal.waitForMessage('error');
  assert.equal(error.code, 'unknown-terminal');
  assert.match(error.message, /server, client/);
  const ghost = await TerminalClient.connect(lab, { session: 'A'.repeat(22), terminal: 'server' });
  const closeCode = await new Promise<number>((resolve) => ghost.ws.once('close', (code) => resolve(code)));
  assert.equal(closeCode, CLOSE_CODES.unknownSession);
  assert.equal(ghost.messages[0]?.type === 'error' && ghost.messages[0].code, 'unknown-session');
});

test('the API answers bad requests with clear errors', async () => {
  const post = (body: string, type = 'application/json') =>
    fetch(`${lab.origin}/api/sessions`, { method: 'POST', headers: { ...lab.headers, 'Content-Type': type }, body });
  let res = await post('{"lesson":"99-nope"}');
  assert.equal(res.status, 404);
  assert.match(((await res.json()) as { error: string }).error, /no lesson "99-nope"/);
  res = await post('{"lesson":"../../etc"}');
  assert.equal(res.status, 400);
  res = await post('not json');
  assert.equal(res.status, 400);
  res = await post('{"lesson":"01-fixture","lang":"fr"}');
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { error: string }).error, /lang/);
  res = await fetch(`${lab.origin}/api/lessons/01-fixture/solution?lang=fr`, { headers: lab.headers });
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { error: string }).error, /no language "fr"/);
  res = await post('{"lesson":"01-fixture"}', 'text/plain');
  assert.equal(res.status, 415);
  res = await post(JSON.stringify({ lesson: '01-fixture', pad: 'x'.repeat(20_000) }));
  assert.equal(res.status, 413);
  res = await fetch(`${lab.origin}/api/nothing-here`, { headers: lab.headers });
  assert.equal(res.status, 404);
});

test('a raw WebSocket without our protocol cannot crash the server', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${lab.port}${SOCKET_PATHS.terminal}`, { headers: lab.headers });
  const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
  assert.equal(code, CLOSE_CODES.badRequest);
  const health = await fetch(`${lab.origin}/api/health`, { headers: lab.headers });
  assert.equal(health.status, 200);
});

test('a full lab says so: a burst of session requests beyond the cap gets a clear 503, and the lab keeps serving', async () => {
  const small = await startTestLab({ lessonsDir: fixtureLessons, maxSessions: 2 });
  try {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${small.origin}/api/sessions`, {
          method: 'POST',
          headers: { ...small.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ lesson: FIXTURE_LESSON }),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [201, 201, 503, 503, 503]);
    const refused = (await answers.find((a) => a.status === 503)!.json()) as { error: string; code: string };
    assert.equal(refused.code, 'lab-full');
    assert.match(refused.error, /the lab is full: it runs at most 2 sessions at once/);
    assert.equal((await fetch(`${small.origin}/api/health`, { headers: small.headers })).status, 200);
  } finally {
    await small.close();
  }
});
