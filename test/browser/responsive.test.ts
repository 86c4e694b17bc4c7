// Narrow screens (a tablet in portrait): a Text | Lab switch shows the lesson text or the lab, one
// at a time and each at full width; in the lab the terminals stack, and the lab works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, terminalPane, waitForTerminalText, waitUntilConnected } from '../support/browser.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';

let lab: TestLab;
let browser: Browser;
let page: Page;

before(async () => {
  lab = await startTestLab();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 768, height: 1024 } });
  await page.goto(`${lab.origin}/lessons/01-first-socket/?token=${lab.lab.security.token}`);
  await page.locator('.lesson-text h1').waitFor();
});
after(async () => {
  await browser?.close();
  await lab?.close();
});

const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
const sidewaysOverflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('on a tablet the text comes first, at full width, without the lab beside it', async () => {
  assert.equal(await page.getByRole('button', { name: 'Text', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.ok((await box('.lesson-text')).width > 700, 'the text uses the width');
  assert.equal(await page.locator('.workbench').isVisible(), false);
  assert.ok((await sidewaysOverflow()) <= 0, 'no sideways scrolling');
});

test('the Lab switch shows the lab at full width with the terminals stacked, and it works', async () => {
  await page.getByRole('button', { name: 'Lab', exact: true }).click();
  await waitUntilConnected(page, 'Server');
  const [lab_, server, client] = await Promise.all(['.workbench', '[data-terminal="server"]', '[data-terminal="client"]'].map(box));
  assert.ok(client.y >= server.y + server.height - 1, 'the client terminal is under the server terminal');
  assert.ok(lab_.width > 700, `the lab uses the width (${lab_.width}px)`);
  assert.ok((await sidewaysOverflow()) <= 0, 'no sideways scrolling');
  await page.getByRole('button', { name: 'Run server' }).click();
  await terminalPane(page, 'Server').scrollIntoViewIfNeeded();
  await waitForTerminalText(page, 'Server', /Listening on/);
});
