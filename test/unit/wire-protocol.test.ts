import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../schema/limits.js';
import { parseClientMessage, serverMessageSchema, terminalQuerySchema } from '../../schema/wire.js';

test('valid client messages parse', () => {
  for (const message of [
    { type: 'resize', cols: 100, rows: 30 },
    { type: 'ack', bytes: 5000 },
    { type: 'files.save', files: [{ path: 'client.py', content: 'print(1)\n' }] },
    { type: 'run', label: 'Run client', files: [] },
  ]) {
    const parsed = parseClientMessage(JSON.stringify(message));
    assert.equal(parsed.ok, true, JSON.stringify(message));
  }
});

test('run without files gets an empty list', () => {
  const parsed = parseClientMessage('{"type":"run","label":"Run server"}');
  assert.ok(parsed.ok && parsed.message.type === 'run' && parsed.message.files.length === 0);
});

test('malformed and unknown messages are explained, not thrown', () => {
  const cases: Array<[string, RegExp]> = [
    ['{not json', /not valid JSON/],
    ['{"type":"launch-missiles"}', /invalid message/],
    ['{"type":"resize","cols":0,"rows":24}', /at cols/],
    ['{"type":"resize","cols":80.5,"rows":24}', /at cols/],
    ['{"type":"ack","bytes":-1}', /at bytes/],
    ['[]', /invalid message/],
    ['null', /invalid message/],
  ];
  for (const [text, error] of cases) {
    const parsed = parseClientMessage(text);
    assert.equal(parsed.ok, false, text);
    assert.match((parsed as { error: string }).error, error, text);
  }
});

test('saving files refuses escaping paths and oversized content', () => {
  for (const path of ['../x.py', '/etc/passwd', 'a/../../x', 'a\\b.py']) {
    const parsed = parseClientMessage(JSON.stringify({ type: 'files.save', files: [{ path, content: '' }] }));
    assert.equal(parsed.ok, false, path);
  }
  const big = 'x'.repeat(LIMITS.maxFileBytes + 1);
  const parsed = parseClientMessage(JSON.stringify({ type: 'files.save', files: [{ path: 'a.py', content: big }] }));
  assert.equal(parsed.ok, false);
  assert.match((parsed as { error: string }).error, /larger than/);
});

test('multi-byte content is measured in bytes, not characters', () => {
  const snakes = '🐍'.repeat(LIMITS.maxFileBytes / 4 + 1); // 4 bytes each: just over the limit
  const parsed = parseClientMessage(JSON.stringify({ type: 'files.save', files: [{ path: 'a.py', content: snakes }] }));
  assert.equal(parsed.ok, false);
});

test('terminal query coerces sizes and rejects bad ids', () => {
  const ok = terminalQuerySchema.safeParse({ session: 'A'.repeat(22), terminal: 'server', cols: '120', rows: '40' });
  assert.ok(ok.success && ok.data.cols === 120 && ok.data.rows === 40);
  assert.equal(terminalQuerySchema.safeParse({ session: 'short', terminal: 'server' }).success, false);
  assert.equal(terminalQuerySchema.safeParse({ session: 'A'.repeat(22), terminal: '../x' }).success, false);
  assert.equal(terminalQuerySchema.safeParse({ session: 'A'.repeat(22), terminal: 'server', cols: '99999' }).success, false);
});

test('server messages are described by the shared schema', () => {
  assert.equal(serverMessageSchema.safeParse({ type: 'error', code: 'bad-path', message: 'x' }).success, true);
  assert.equal(serverMessageSchema.safeParse({ type: 'error', code: 'made-up', message: 'x' }).success, false);
});
