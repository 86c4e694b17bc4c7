// Click-to-run in the lesson text: a code block from the lesson's own Run commands, with a button
// that types it into the right terminal, so a learner never retypes a command from the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useBrowserLab, waitForTerminalText } from '../support/browser.js';

let page: Page;
useBrowserLab({ open: '/lessons/05-retries/', connected: ['Server', 'Client'] }, (env) => ({ page } = env));

test('a Run block in the text shows the command and runs it in its terminal', async () => {
  const text = page.getByRole('article');
  const name = 'Run in Client: One socket, three tries';
  const button = text.getByRole('button', { name });
  const block = text.locator('.run-it', { has: page.getByRole('button', { name }) });
  assert.match(await block.locator('code').innerText(), /^python3 one_socket\.py$/);
  await button.click();
  await waitForTerminalText(page, 'Client', /attempt 2: ConnectionAbortedError: \[Errno 103\]/, 15_000);
});
