import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWorkspacePath, WorkspacePathError } from '../../sandbox/sessions/workspace.js';

test('plain relative paths are split into parts', () => {
  assert.deepEqual(checkWorkspacePath('client.py'), ['client.py']);
  assert.deepEqual(checkWorkspacePath('pkg/sub/mod.py'), ['pkg', 'sub', 'mod.py']);
});

test('escaping, absolute and odd paths are refused with a reason', () => {
  for (const bad of ['..', '../x', 'a/../b', '/abs', './x', 'a//../b', 'x\0y', 'a b', '~/x', 'a\\b', 'x'.repeat(201)]) {
    assert.throws(() => checkWorkspacePath(bad), WorkspacePathError, bad);
  }
});
