// Finding Python: a missing interpreter is a sentence saying what was tried and how to fix it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PythonMissingError, pythonCandidates, resolvePython } from '../../sandbox/process/python.js';

test('no Python anywhere: a clear error naming what was tried and the fix', () => {
  assert.throws(
    () => resolvePython({}, ['/nonexistent/python3', 'no-such-python-here']),
    (err: Error) =>
      err instanceof PythonMissingError &&
      /tried \/nonexistent\/python3, no-such-python-here/.test(err.message) &&
      /apt-get install python3/.test(err.message) &&
      /SOCKET_LAB_PYTHON/.test(err.message),
  );
});

test('a program that is not Python 3 is skipped, and SOCKET_LAB_PYTHON is tried first', () => {
  assert.throws(() => resolvePython({}, ['/bin/true']), PythonMissingError);
  assert.deepEqual(pythonCandidates({ SOCKET_LAB_PYTHON: '/opt/py/bin/python3' }), ['/opt/py/bin/python3', '/usr/bin/python3', 'python3']);
});
