// Progress as a file: only the lab's own keys are exported, and a file that is not ours (or is
// damaged) is refused with a sentence, before anything is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportProgress, importProgress, parseProgress } from '../../src/client/progress-file.js';

/** localStorage's interface over a Map (Node has no localStorage). */
class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
}

test('export takes completed lessons and edited files, nothing else, and import puts them back', () => {
  const from = new MemoryStorage();
  from.setItem('socketlab:completed:01-first-socket', '{"at":1}');
  from.setItem('socketlab:v1:file:01-first-socket:server.py', 'print(1)\n');
  from.setItem('socketlab:session:01-first-socket', 'not progress');
  from.setItem('socketlab:theme', 'dark');
  from.setItem('other-site', 'x');
  const file = exportProgress(from);
  assert.deepEqual(Object.keys(file.entries).sort(), ['socketlab:completed:01-first-socket', 'socketlab:v1:file:01-first-socket:server.py']);
  const parsed = parseProgress(JSON.stringify(file));
  assert.ok(parsed.ok);
  const to = new MemoryStorage();
  assert.equal(importProgress(parsed.entries, to), 2);
  assert.equal(to.getItem('socketlab:v1:file:01-first-socket:server.py'), 'print(1)\n');
});

test('a file that is not a progress file is refused with a reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['not json', /not JSON/],
    ['{"hello": 1}', /not a Socket Lab progress file/],
    ['{"format":"socket-lab-progress","version":2,"entries":{}}', /version 2/],
    ['{"format":"socket-lab-progress","version":1}', /no entries/],
    ['{"format":"socket-lab-progress","version":1,"entries":{"evil":"x"}}', /does not use \(evil\)/],
    ['{"format":"socket-lab-progress","version":1,"entries":{"socketlab:completed:x":5}}', /does not use/],
    ['x'.repeat(5 * 1024 * 1024 + 1), /larger than 5 MB/],
  ];
  for (const [text, error] of cases) {
    const parsed = parseProgress(text);
    assert.equal(parsed.ok, false, text.slice(0, 40));
    assert.match((parsed as { error: string }).error, error);
  }
});
