// "Show solution" opens the reference solution beside the learner's code as a diff, and never
// overwrites what the learner wrote. The solution is not in the page until asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { clickIntoEditor, editorText, useBrowserLab } from '../support/browser.js';

let lab: TestLab;
let page: Page;
useBrowserLab({ open: '/lessons/01-first-socket/', connected: ['Server'], editor: true }, (env) => ({ lab, page } = env));

test('the page does not carry the solution', async () => {
  assert.doesNotMatch(await page.content(), /sendall\(b(&quot;|\\?")ECHO: (&quot;|\\?") \+ data\.upper\(\)\)/);
});

test('Show solution shows a diff of my code and the solution, and my code stays mine', async () => {
  await clickIntoEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# my note');
  await page.locator('.editor-host .view-lines').getByText('# my note').waitFor();

  await page.getByRole('button', { name: 'Show solution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Solution' });
  await dialog.waitFor();
  const diff = dialog.getByRole('region', { name: 'Your code compared with the solution' });
  await diff.locator('.modified-in-monaco-diff-editor .view-lines, .editor.modified .view-lines').first().waitFor();
  const text = (await diff.innerText()).replace(/\u00a0/g, ' ');
  assert.match(text, /b"ECHO: " \+ data\.upper\(\)/, 'the solution side');
  assert.match(text, /# my note/, 'my side');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const mine = await editorText(page);
  assert.match(mine, /# my note/);
  assert.doesNotMatch(mine, /ECHO/);
});

test('the solution API is behind the token, and says when there is none', async () => {
  const anonymous = await fetch(`${lab.origin}/api/lessons/01-first-socket/solution`);
  assert.equal(anonymous.status, 401);
  const missing = await fetch(`${lab.origin}/api/lessons/no-such-lesson/solution`, { headers: lab.headers });
  assert.equal(missing.status, 404);
  assert.match((await missing.json()).error, /no reference solution/);
});
