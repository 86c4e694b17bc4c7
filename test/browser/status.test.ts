// Status a learner can trust: the lab says it is connected (and whether sandboxed); a session the
// server ended says so in the terminal and a key press brings a new one; a stopped lab server is
// reported with what to do about it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { terminalPane, useBrowserLab, waitForTerminalText, waitUntilConnected } from '../support/browser.js';

let lab: TestLab;
let page: Page;
useBrowserLab({ open: '/lessons/01-first-socket/', connected: ['Server', 'Client'] }, (env) => ({ lab, page } = env));

const labStatus = () => page.getByRole('status', { name: 'Lab connection' });

test('the bottom row says the lab is connected, and whether the sandbox is on', async () => {
  const expected = lab.lab.sandbox.mode === 'sandboxed' ? 'Lab connected · sandbox on' : 'Lab connected · sandbox OFF (unsandboxed local mode)';
  await labStatus().getByText(expected).waitFor();
});

test('a session the server ended says so, and a key press starts a new one', async () => {
  const id = await page.evaluate(() => JSON.parse(sessionStorage.getItem('socketlab:session:01-first-socket')!).id as string);
  await lab.lab.registry.end(id, { id: 'session-idle', params: { minutes: 30 } });
  await waitForTerminalText(page, 'Client', /\[lab\] This lab session ended after 30/);
  // An ended session comes back only on the learner's action: a forgotten tab keeps no sandbox alive.
  await page.waitForTimeout(3000);
  assert.equal(lab.lab.registry.size, 0, 'no new session before a key press');
  await terminalPane(page, 'Client').locator('.xterm').click();
  await page.keyboard.press('Enter');
  await waitUntilConnected(page, 'Client');
  const renewed = await page.evaluate(() => JSON.parse(sessionStorage.getItem('socketlab:session:01-first-socket')!).id as string);
  assert.notEqual(renewed, id);
});

test('when the lab server stops, the page says what to do', async () => {
  await lab.close();
  await labStatus()
    .getByText(/Lost the lab server: reconnecting… Is `npm start` still running\?/)
    .waitFor({ timeout: 15_000 });
});
