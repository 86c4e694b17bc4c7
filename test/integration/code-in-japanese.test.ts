// A Japanese page's starter and solution files are the English program with Japanese comments:
// Python itself parses both and finds the same program once comments and docstrings are set aside
// (so a scanner mistake that touched code, a string or an indent cannot pass).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { resolvePython } from '../../sandbox/process/python.js';
import { lessonLayout } from '../../schema/lesson-layout.js';
import { codeWordsTable, hasCodeWords, localizeLessonFile } from '../../schema/lesson-source.js';
import { repoRoot } from '../support/lab-harness.js';

const python = resolvePython().executable;

// Reads pairs of sources as JSON on stdin; prints, for each, whether the two parse to the same tree
// with every bare string statement (docstrings) emptied.
const SAME_PROGRAM = `
import ast, json, sys
def shape(source):
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            node.value.value = ""
    return ast.dump(tree)
print(json.dumps([shape(a) == shape(b) for a, b in json.load(sys.stdin)]))
`;

const samePrograms = (pairs: string[][]): boolean[] => {
  const run = spawnSync(python, ['-c', SAME_PROGRAM], { input: JSON.stringify(pairs), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as boolean[];
};

test('the comparison sees a changed string, but not a changed docstring or comment', () => {
  const pairs = [
    ['x = "#a"', 'x = "#b"'],
    ['"""a"""\nx = 1  # one', '"""b"""\nx = 1  # two'],
  ];
  assert.deepEqual(samePrograms(pairs), [false, true]);
});

const lessons = LessonCatalog.load(`${repoRoot}lessons`).list();

for (const lesson of lessons) {
  test(`${lesson.id}: the Japanese starter and solution are the same program as the English ones`, () => {
    const table = codeWordsTable(lesson.dir, 'ja');
    const { starter, solution } = lessonLayout(lesson.dir);
    const files = [starter(), solution]
      .filter((folder) => existsSync(folder))
      .flatMap((folder) =>
        readdirSync(folder)
          .filter(hasCodeWords)
          .map((name) => join(folder, name)),
      );
    const pairs = files.map((file) => {
      const english = readFileSync(file);
      return [english.toString('utf8'), localizeLessonFile(file, english, table).toString('utf8')];
    });
    const same = samePrograms(pairs);
    assert.deepEqual(
      files.filter((_, i) => !same[i]),
      [],
      'these files differ in code, not only in words',
    );
    // And the words did change: a table that swapped nothing would pass the line above.
    assert.ok(pairs.every(([en, ja]) => en !== ja) || Object.keys(table).length === 0);
  });
}
