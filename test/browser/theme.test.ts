// Light and dark: the page follows the system until the learner picks with the toggle; the choice
// reaches the editor (Monaco's theme) and the terminals (xterm's colours), and survives a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { useBrowserLab, waitUntilConnected } from '../support/browser.js';

let lab: TestLab;
let page: Page;
useBrowserLab({}, (env) => ({ lab, page } = env));

const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
const editorIsDark = () =>
  page
    .locator('.monaco-editor')
    .first()
    .evaluate((e) => e.classList.contains('vs-dark'));
/** The colours xterm draws the Server terminal with. */
const terminalBackground = () =>
  page.evaluate(
    () =>
      (window as unknown as { socketLab: { terminals: Map<string, { term: { options: { theme?: { background?: string } } } }> } }).socketLab.terminals.get(
        'server',
      )!.term.options.theme?.background,
  );

async function openLesson() {
  await page.goto(`${lab.origin}/lessons/01-first-socket/?token=${lab.lab.security.token}`);
  await waitUntilConnected(page, 'Server');
  await page.locator('.editor-host[data-ready] .monaco-editor').waitFor();
}

test('with no choice made, the page follows the system', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openLesson();
  assert.equal(await theme(), 'dark');
  assert.equal(await editorIsDark(), true);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.equal(await editorIsDark(), false);
});

test('the toggle switches page, editor and terminals, and the choice survives a reload', async () => {
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await terminalBackground(), '#ffffff');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await theme(), 'dark');
  assert.equal(await editorIsDark(), true);
  assert.equal(await terminalBackground(), '#14161b');
  await openLesson(); // the system still says light: the learner's choice wins
  assert.equal(await theme(), 'dark');
  assert.equal(await editorIsDark(), true);
  await page.getByRole('button', { name: 'Dark mode' }).click();
  assert.equal(await theme(), 'light');
});
