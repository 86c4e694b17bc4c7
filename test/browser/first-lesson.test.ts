// A learner's first visit, in a real browser: open the course, open lesson 1, edit the client,
// run server and client, see the echo; reload and find the edit kept; lose the connection and see
// the terminal come back with its output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { repoRoot, type TestLab } from '../support/lab-harness.js';
import { replaceInEditor, terminalPane, waitForEditorText, useBrowserLab, waitForTerminalText, waitUntilConnected as connected } from '../support/browser.js';

let lab: TestLab;
let page: Page;
useBrowserLab({}, (env) => ({ lab, page } = env));

const waitUntilConnected = (title: string) => connected(page, title);

test('the token link opens the course, which lists the first lesson', async () => {
  await page.goto(`${lab.origin}/?token=${lab.lab.security.token}`);
  assert.equal(new URL(page.url()).search, '', 'the token must leave the address bar');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Your first socket', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your first socket' }).waitFor();
});

test('edit the client, run server and client, see the echo', async () => {
  await page.getByRole('tab', { name: 'client.py' }).click();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  await waitUntilConnected('Server');
  await waitUntilConnected('Client');

  // Change the message the way a person would: find and replace in the editor.
  await replaceInEditor(page, 'Hello, sockets!', 'Greetings from the browser test', /Greetings from the browser test/);

  await page.getByRole('button', { name: 'Run server' }).click();
  await waitForTerminalText(page, 'Server', /Listening on/);
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /Received: .*Greetings from the browser test/);
  await waitForTerminalText(page, 'Client', /\$ python3 client\.py/); // the command was typed visibly

  mkdirSync(`${repoRoot}docs`, { recursive: true });
  await page.screenshot({ path: `${repoRoot}docs/screenshot.png` });
});

test('a reload keeps the edit and the terminals', async () => {
  await page.reload();
  await page.getByRole('tab', { name: 'client.py' }).click();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  await waitForEditorText(page, /Greetings from the browser test/);
  // Same session (kept by the tab): the client terminal replays what it showed before the reload.
  await waitForTerminalText(page, 'Client', /Received: .*Greetings from the browser test/);
});

test('when the WebSocket drops, the terminal reconnects and replays its screen', async () => {
  await waitUntilConnected('Client');
  await page.evaluate(() => {
    const lab = (window as unknown as { socketLab: { terminals: Map<string, { connection: { drop(): void }; term: { clear(): void } }> } }).socketLab;
    const client = lab.terminals.get('client')!;
    client.term.clear(); // make sure what comes back is the server's replay, not what was left on screen
    client.connection.drop();
  });
  await terminalPane(page, 'Client')
    .getByRole('status')
    .filter({ hasText: /reconnecting/ })
    .waitFor({ timeout: 5000 });
  await waitUntilConnected('Client');
  await waitForTerminalText(page, 'Client', /Received: .*Greetings from the browser test/);
});

test('Reset file brings back the starter', async () => {
  await page.getByRole('tab', { name: 'client.py' }).click();
  await page.getByRole('button', { name: 'Reset file' }).click();
  const text = await waitForEditorText(page, /Hello, sockets!/);
  assert.doesNotMatch(text, /Greetings from the browser test/);
});
