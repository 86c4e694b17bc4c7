// Progress survives a reload and travels as a file: export from the course page, clear the
// browser's data, import the file, and find the completed lesson and the edited code again.
// A file that is not ours is refused and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { useBrowserLab, waitForEditorText } from '../support/browser.js';

let lab: TestLab;
let page: Page;
const exported = join(mkdtempSync(join(tmpdir(), 'socket-lab-progress-')), 'progress.json');
useBrowserLab(
  {
    open: '/',
    // What finishing lesson 1 with an edited server leaves in the browser.
    setup: async ({ page }) => {
      await page.evaluate(() => {
        localStorage.setItem('socketlab:completed:01-first-socket', JSON.stringify({ at: Date.now() }));
        localStorage.setItem('socketlab:v1:file:01-first-socket:server.py', '# my own server\nprint("mine")\n');
      });
      await page.reload();
    },
  },
  (env) => ({ lab, page } = env),
);

const lessonOne = () => page.getByRole('listitem').filter({ hasText: 'Your first socket' });
const status = () => page.getByRole('region', { name: 'Your progress' }).getByRole('status');

test('export writes a file, and after clearing the browser an import brings everything back', async () => {
  await lessonOne()
    .getByText(/✓ Completed/)
    .waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
  await download.saveAs(exported);
  await status().getByText('Exported 2 saved items.').waitFor();

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.equal(
    await lessonOne()
      .getByText(/✓ Completed/)
      .isVisible(),
    false,
  );

  await page.getByLabel('Import progress').setInputFiles(exported);
  await status()
    .getByText(/Imported 2 saved items/)
    .waitFor();
  await page.waitForLoadState('load');
  await lessonOne()
    .getByText(/✓ Completed/)
    .waitFor();
  await lessonOne().getByRole('link').click();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  await waitForEditorText(page, /# my own server/);
});

test('a file that is not a progress file is refused and nothing changes', async () => {
  await page.goto(`${lab.origin}/`);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  await page.getByLabel('Import progress').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"todo": "buy milk"}') });
  await status()
    .getByText(/not a Socket Lab progress file\. Nothing was changed\./)
    .waitFor();
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
});
