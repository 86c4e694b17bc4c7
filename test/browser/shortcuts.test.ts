// Keyboard use: the shortcuts listed in the help dialog work from anywhere in the lab, and the
// terminals' screen reader mode can be switched on there and stays on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useBrowserLab, waitForTerminalText, waitUntilConnected } from '../support/browser.js';

let page: Page;
useBrowserLab({ open: '/lessons/01-first-socket/', connected: ['Server', 'Client'], editor: true }, (env) => ({ page } = env));

const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);

test('"?" opens the list of shortcuts, Escape closes it', async () => {
  await page.locator('h1').click();
  await page.keyboard.press('Shift+Slash');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Ctrl \+ Shift \+ Enter\s+Check your code/);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});

test('Alt+number moves between terminals and the editor', async () => {
  await page.keyboard.press('Alt+2');
  assert.equal(await focusedLabel(), 'Client terminal input');
  await page.keyboard.press('Alt+1');
  assert.equal(await focusedLabel(), 'Server terminal input');
  await page.keyboard.press('Alt+0');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')), 'the editor has focus');
});

test('Ctrl+Enter runs, Ctrl+Shift+Enter checks, even with the caret in the editor', async () => {
  await page.keyboard.press('Control+Enter');
  await waitForTerminalText(page, 'Server', /Listening on/);
  await page.keyboard.press('Alt+0');
  await page.keyboard.press('Control+Shift+Enter');
  await page
    .getByRole('status')
    .filter({ hasText: /checks passed/ })
    .waitFor({ timeout: 20_000 });
});

test('screen reader mode for terminals is a setting that stays on', async () => {
  const mode = () =>
    page.evaluate(
      () =>
        (window as unknown as { socketLab: { terminals: Map<string, { term: { options: { screenReaderMode: boolean } } }> } }).socketLab.terminals.get(
          'client',
        )!.term.options.screenReaderMode,
    );
  assert.equal(await mode(), false);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.getByRole('checkbox', { name: /Screen reader mode for terminals/ }).check();
  assert.equal(await mode(), true);
  await page.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await waitUntilConnected(page, 'Client');
  assert.equal(await mode(), true);
});

test('Ctrl+M makes Tab leave the editor (shown on its button, remembered), and Ctrl+M again makes it indent', async () => {
  const toggle = page.getByRole('button', { name: 'Tab moves focus' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await page.keyboard.press('Alt+0');
  await page.keyboard.press('Control+M');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')), false, 'Tab moved focus out of the editor');

  await page.reload();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Tab moves focus' }).getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Alt+0');
  await page.keyboard.press('Control+M');
  assert.equal(await page.getByRole('button', { name: 'Tab moves focus' }).getAttribute('aria-pressed'), 'false');
  const before = await page.locator('.editor-host .view-lines').innerText();
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')), 'Tab stayed in the editor');
  // Monaco paints the edit on its next animation frame: wait for the lines to change, not one read.
  await page.waitForFunction((text) => (document.querySelector('.editor-host .view-lines') as HTMLElement).innerText !== text, before, {
    timeout: 5_000,
  });
  await page.keyboard.press('Control+Z');
});

test('Alt+T goes to the lesson actions and Alt+R to the tool panel, from a terminal too', async () => {
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Alt+T');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[role="toolbar"]')?.getAttribute('aria-label')), 'Lesson actions');
  await page.keyboard.press('Alt+R');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'tab');
  assert.match((await page.evaluate(() => document.activeElement?.textContent)) ?? '', /Break it|Check results/);
  await page.keyboard.press('Shift+Slash');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  assert.match(await dialog.innerText(), /Ctrl \+ M\s+In the editor: switch Tab/);
  await page.keyboard.press('Escape');
});
