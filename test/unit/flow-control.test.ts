import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlowControl } from '../../sandbox/terminals/flow-control.js';

test('pauses once above the high watermark, only once', () => {
  const flow = new FlowControl(100, 10);
  assert.equal(flow.sent(60), 'none');
  assert.equal(flow.sent(60), 'pause');
  assert.equal(flow.sent(60), 'none');
  assert.equal(flow.isPaused, true);
  assert.equal(flow.unackedBytes, 180);
});

test('resumes only below the low watermark', () => {
  const flow = new FlowControl(100, 10);
  flow.sent(150);
  assert.equal(flow.acked(100), 'none'); // 50 left: still above low
  assert.equal(flow.acked(45), 'resume'); // 5 left
  assert.equal(flow.isPaused, false);
});

test('over-acking clamps at zero', () => {
  const flow = new FlowControl(100, 10);
  flow.sent(20);
  flow.acked(1000);
  assert.equal(flow.unackedBytes, 0);
});

test('a new browser resets the count and resumes', () => {
  const flow = new FlowControl(100, 10);
  flow.sent(500);
  assert.equal(flow.reset(), 'resume');
  assert.equal(flow.unackedBytes, 0);
  assert.equal(flow.reset(), 'none');
});

test('watermarks must make sense', () => {
  assert.throws(() => new FlowControl(10, 10));
});
