// Killing a jailed command from the inside out lets its root reap the child it waits for: a root
// (nsenter, outside the session's pid namespace) killed in the same burst as its child leaves that
// child to the host's init, and the namespace cannot end until that init reaps it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { killInsideOut } from '../../sandbox/process/process-tree.js';

test('killInsideOut: the child dies first, and its parent exits by itself after reaping it', async () => {
  // sh stands in for nsenter: it waits for its child, then exits with a status of its own.
  const root = spawn('/bin/sh', ['-c', 'sleep 60; exit 7'], { stdio: 'ignore' });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    root.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise((r) => setTimeout(r, 200)); // sh has started sleep
  await killInsideOut(root.pid!);
  assert.deepEqual(await ended, { code: 7, signal: null }, 'the root was not killed: it reaped its child and went on');
});

test('killInsideOut: a root that does not exit after its child died is killed', async () => {
  const root = spawn('/bin/sh', ['-c', 'sleep 60; exec sleep 61'], { stdio: 'ignore' });
  const ended = new Promise<NodeJS.Signals | null>((resolve) => root.once('exit', (_code, signal) => resolve(signal)));
  await new Promise((r) => setTimeout(r, 200));
  await killInsideOut(root.pid!, 300);
  assert.equal(await ended, 'SIGKILL');
});
