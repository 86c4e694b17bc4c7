// The workbench's controls as a person uses them: editor suggestions, a flood stopped with Ctrl-C
// while the page stays responsive, another shell, and resizing panes from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { clickIntoEditor, terminalPane, useBrowserLab, waitForTerminalText } from '../support/browser.js';

let page: Page;
useBrowserLab({ open: '/lessons/01-first-socket/', connected: ['Server'], editor: true }, (env) => ({ page } = env));

test('the editor suggests completions (Ctrl+Space)', async () => {
  await page.getByRole('tab', { name: 'server.py' }).click();
  await clickIntoEditor(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('sock');
  await page.keyboard.press('Control+Space');
  const suggestions = page.locator('.suggest-widget .monaco-list-row');
  await suggestions.first().waitFor({ timeout: 5000 });
  assert.match((await suggestions.allInnerTexts()).join(' '), /socket/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Z');
});

test('`yes` does not freeze the tab and Ctrl-C stops it at once', async () => {
  const server = terminalPane(page, 'Server');
  await server.locator('.xterm').click();
  await page.keyboard.type('yes flooding-the-terminal\n');
  await waitForTerminalText(page, 'Server', /flooding-the-terminal\s+flooding-the-terminal/);
  // The page still answers while the flood runs (how fast is the bench's business, not a test's).
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await page.keyboard.press('Control+C');
  // The ^C may land mid-line (the terminal echoes it over the flood's last, partial line): what matters
  // is that the flood stopped and the prompt came back.
  await waitForTerminalText(page, 'Server', /\^C[^\n]*\n(lab:~\$\s*)$/, 10_000);
});

test('New shell opens Shell 1, then Shell 2, in the same session; a closed shell ends and its pane goes', async () => {
  await page.getByRole('button', { name: 'New shell' }).click();
  const shell = terminalPane(page, 'Shell 1');
  await shell
    .getByRole('status')
    .filter({ hasText: /^connected$/ })
    .waitFor({ timeout: 10_000 });
  await page.keyboard.type('ls\n');
  await waitForTerminalText(page, 'Shell 1', /client\.py\s+server\.py/);
  await page.getByRole('button', { name: 'New shell' }).click();
  await terminalPane(page, 'Shell 2')
    .getByRole('status')
    .filter({ hasText: /^connected$/ })
    .waitFor({ timeout: 10_000 });

  await page.getByRole('button', { name: 'Close Shell 1' }).click();
  await shell.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'New shell');
  // The lesson's terminals cannot be closed; the other shell stays.
  assert.equal(await page.getByRole('button', { name: /^Close (Server|Client)/ }).count(), 0);
  await page.getByRole('button', { name: 'Close Shell 2' }).click();
  await terminalPane(page, 'Shell 2').waitFor({ state: 'detached' });
});

test('panes resize from the keyboard', async () => {
  const splitter = page.getByRole('separator', { name: 'Resize lesson text and lab' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  const text = page.locator('.lesson-text');
  const widthBefore = (await text.boundingBox())!.width;
  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(Number(await splitter.getAttribute('aria-valuenow')), before + 10);
  assert.ok((await text.boundingBox())!.width > widthBefore + 50);
});

test('pane sizes are remembered per lesson: the same after a reload, untouched on another lesson', async () => {
  const splitter = () => page.getByRole('separator', { name: 'Resize editor and terminals' });
  const editorSplit = splitter();
  await editorSplit.focus();
  await page.keyboard.press('ArrowDown');
  const chosen = await editorSplit.getAttribute('aria-valuenow');
  const textSplit = await page.getByRole('separator', { name: 'Resize lesson text and lab' }).getAttribute('aria-valuenow');
  const editorHeight = (await page.locator('.editor-host').boundingBox())!.height;

  await page.reload();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  assert.equal(await splitter().getAttribute('aria-valuenow'), chosen);
  assert.equal(await page.getByRole('separator', { name: 'Resize lesson text and lab' }).getAttribute('aria-valuenow'), textSplit);
  assert.ok(Math.abs((await page.locator('.editor-host').boundingBox())!.height - editorHeight) <= 2, 'the editor has the same height');

  await page.goto(page.url().replace('01-first-socket', '03-exceptions'));
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  assert.notEqual(await splitter().getAttribute('aria-valuenow'), chosen, 'another lesson keeps its own size');
});
