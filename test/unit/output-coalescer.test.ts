import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COALESCE_WINDOW_MS, FLOOD_BYTES, OutputCoalescer } from '../../sandbox/terminals/output-coalescer.js';

test('small output (keystroke echo) goes out at once, chunk by chunk', () => {
  const sent: number[] = [];
  const c = new OutputCoalescer((d) => sent.push(d.length));
  for (let i = 0; i < 20; i++) c.push(new Uint8Array(1));
  assert.equal(sent.length, 20);
});

test('a flood is gathered into few large frames, in order, and nothing is lost', async () => {
  const sent: Uint8Array[] = [];
  const c = new OutputCoalescer((d) => sent.push(d));
  const chunks = Array.from({ length: 100 }, (_, i) => new Uint8Array(3000).fill(i));
  for (const chunk of chunks) c.push(chunk);
  await new Promise((r) => setTimeout(r, COALESCE_WINDOW_MS * 3));
  const all = Buffer.concat(sent);
  assert.equal(all.length, 300_000);
  assert.deepEqual(all, Buffer.concat(chunks));
  assert.ok(sent.length < 20, `${sent.length} frames for 100 chunks`);
  assert.ok(sent[0].length <= FLOOD_BYTES, 'the start of a flood is not delayed');
});

test('drain sends what is gathered immediately', () => {
  const sent: number[] = [];
  const c = new OutputCoalescer((d) => sent.push(d.length));
  for (let i = 0; i < 10; i++) c.push(new Uint8Array(4096));
  const before = sent.reduce((a, b) => a + b, 0);
  c.drain();
  assert.equal(
    sent.reduce((a, b) => a + b, 0),
    40960,
  );
  assert.ok(before < 40960);
});
