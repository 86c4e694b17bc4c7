// Narrow screens (a tablet in portrait): the lesson text and the lab stack instead of sitting side
// by side, the terminals stack too, and the lab still works.
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
  await waitUntilConnected(page, 'Server');
});
after(async () => {
  await browser?.close();
  await lab?.close();
});

const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;

test('on a tablet the text sits above the lab and the terminals stack', async () => {
  const [text, lab_, server, client] = await Promise.all(['.lesson-text', '.workbench', '[data-terminal="server"]', '[data-terminal="client"]'].map(box));
  assert.ok(lab_.y >= text.y + text.height - 1, 'the lab comes after the text');
  assert.ok(client.y >= server.y + server.height - 1, 'the client terminal is under the server terminal');
  assert.ok(lab_.width > 700, `the lab uses the width (${lab_.width}px)`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px too wide)`);
});

test('and the lab still works there', async () => {
  // Scrolled down to the lab, as a person would (xterm does not draw what is off screen).
  await page.getByRole('button', { name: 'Run server' }).scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Run server' }).click();
  await terminalPane(page, 'Server').scrollIntoViewIfNeeded();
  await waitForTerminalText(page, 'Server', /Listening on/);
});
