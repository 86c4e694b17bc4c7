// The same lesson in two tabs of one browser: each says the other is there, an edit in one shows
// up in the other (never silently overwritten by it), and closing one clears the note in the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { clickIntoEditor, useBrowserLab, waitForEditorText, waitUntilConnected } from '../support/browser.js';

let lab: TestLab;
let context: BrowserContext;
let first: Page;
/** Tabs of one browser share storage: a context of their own (the harness's page has a private one). */
async function openTab(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${lab.origin}${path}`);
  await waitUntilConnected(page, 'Client');
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  return page;
}
useBrowserLab(
  {
    setup: async (env) => {
      lab = env.lab;
      context = await env.browser.newContext();
      const signIn = await context.newPage();
      await signIn.goto(`${lab.origin}/?token=${lab.lab.security.token}`);
      await signIn.close();
      first = await openTab('/lessons/01-first-socket/');
    },
  },
  () => {},
);

const otherTabsNote = (page: Page) => page.locator('[data-role="other-tabs"]');

test('a second tab of the lesson: both say so, and an edit in one appears in the other', async () => {
  assert.equal(await otherTabsNote(first).innerText(), '');
  const second = await openTab('/lessons/01-first-socket/');
  for (const page of [first, second]) {
    await otherTabsNote(page)
      .filter({ hasText: /Also open in another tab/ })
      .waitFor({ timeout: 5000 });
  }

  // Edit client.py in the second tab; the first shows it and says where it came from.
  await second.getByRole('tab', { name: 'client.py' }).click();
  await clickIntoEditor(second);
  await second.keyboard.press('Control+Home');
  await second.keyboard.type('# edited in the second tab\n');
  await first.getByRole('tab', { name: 'client.py' }).click();
  await waitForEditorText(first, /# edited in the second tab/);
  await first
    .locator('[data-role="lab-status"]')
    .filter({ hasText: /client\.py was changed in your other tab/ })
    .waitFor();

  // And back: an edit in the first tab reaches the second, which keeps both lines.
  await clickIntoEditor(first);
  await first.keyboard.press('Control+Home');
  await first.keyboard.type('# and in the first\n');
  // (Monaco may draw its lines out of document order: look for both, not for their order.)
  const both = await waitForEditorText(second, /# and in the first/);
  assert.match(both, /# edited in the second tab/);

  await second.close();
  await first.waitForFunction(() => document.querySelector('[data-role="other-tabs"]')?.textContent === '', undefined, { timeout: 5000 });
  // Leave the lesson as it was for other tests.
  await first.getByRole('button', { name: 'Reset file' }).click();
});
