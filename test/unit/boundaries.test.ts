// The layering rules of CONTRIBUTING.md, read from the import graph: the browser code and the
// sandbox never import each other, the shared schema imports neither, a lesson's checks use only
// the check API, and no module imports itself round a cycle.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dirname } from 'node:path';
import { LESSON_PARTS, LESSONS_FOLDER } from '../../schema/lesson-layout.js';
import { importCycles, readModuleGraph } from '../support/module-graph.js';
import { repoRoot } from '../support/lab-harness.js';

const graph = readModuleGraph(repoRoot, ['src', 'sandbox', 'schema', LESSONS_FOLDER, 'test', 'bench', 'scripts']);
const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);

/** Imports from files under `from` into files under `into`, as "a → b" lines. */
function crossings(from: string, into: string[]): string[] {
  return [...graph.files]
    .filter(([file]) => under(from)(file))
    .flatMap(([file, { local }]) => local.filter((target) => into.some((folder) => under(folder)(target))).map((target) => `${file} → ${target}`));
}

test('the graph is read: each layer has files and imports', () => {
  for (const folder of ['src', 'sandbox', 'schema']) {
    const files = [...graph.files.keys()].filter(under(folder));
    assert.ok(files.length > 5, `${folder}/ has ${files.length} modules`);
    assert.ok(
      files.some((f) => graph.files.get(f)!.local.length > 0),
      `${folder}/ has local imports`,
    );
  }
  // A known edge, so a broken reader cannot pass the rules below by seeing nothing.
  assert.ok(graph.files.get('sandbox/server/terminal-socket.ts')!.local.includes('schema/wire.ts'));
});

test('sandbox/ never imports src/, and src/ never imports sandbox/', () => {
  assert.deepEqual(crossings('sandbox', ['src']), []);
  assert.deepEqual(crossings('src', ['sandbox']), []);
});

test('schema/ imports neither src/ nor sandbox/', () => {
  assert.deepEqual(crossings('schema', ['src', 'sandbox']), []);
});

test("a lesson's checks import only the check API, their own lesson's modules and Node's own modules", () => {
  const lessonModules = [...graph.files.keys()].filter((f) => under(LESSONS_FOLDER)(f) && f.endsWith('.ts'));
  assert.ok(lessonModules.filter((f) => f.endsWith(`/${LESSON_PARTS.checks}`)).length >= 12, 'every lesson has checks.ts');
  for (const file of lessonModules) {
    const { local, packages } = graph.files.get(file)!;
    const ownFolder = `${dirname(file)}/`;
    assert.deepEqual(
      local.filter((f) => f !== 'sandbox/checks/check-api.ts' && !(f.startsWith(ownFolder) && !f.slice(ownFolder.length).includes('/'))),
      [],
      `${file} imports ${local.join(', ')}`,
    );
    assert.deepEqual(
      packages.filter((p) => !p.startsWith('node:')),
      [],
      `${file} imports packages`,
    );
  }
});

test('no import cycles', () => {
  const cycles = importCycles(graph).map((cycle) => cycle.join(' → '));
  assert.deepEqual(cycles, []);
});
