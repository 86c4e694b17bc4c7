// A learner's way through lessons 1, 4 and 5: read, run, break it on purpose, fix the code (pasted
// into the editor, as people do), press Check until every check passes, and move on through the
// course menu ("Lesson 1 of 12", opened to the list of lessons).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/lab-harness.js';
import { clickIntoEditor, openTool, terminalPane, useBrowserLab, waitForTerminalText, waitUntilConnected } from '../support/browser.js';
import { jailSkip } from '../support/jail.js';

let page: Page;
useBrowserLab(
  { open: '/', skip: jailSkip, setup: async ({ page, lab }) => page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lab.origin }) },
  (env) => ({ page } = env),
);

const solution = (lesson: string, file: string) => readFileSync(`${repoRoot}lessons/${lesson}/_solution/${file}`, 'utf8');

/** Replaces the open file the way a learner pastes a fix: select all, paste. */
async function pasteIntoEditor(text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await clickIntoEditor(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

/** Presses Check and waits for "All N checks passed", N being the lesson's own number of checks. */
async function checkUntilAllPass(lessonId: string) {
  const suite = (await import(`${repoRoot}lessons/${lessonId}/checks.ts`)) as { default: { checks: unknown[] } };
  const count = suite.default.checks.length;
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`All ${count} checks passed`) })
    .waitFor({ timeout: 40_000 });
}

async function goToLesson(title: string) {
  const menu = page.getByRole('navigation', { name: 'Course' });
  await menu.getByText(/^Lesson \d+ of \d+$/).click();
  await menu.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await waitUntilConnected(page, 'Server');
  await waitUntilConnected(page, 'Client');
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
}

test('lesson 1: run the echo, then fix the server and pass its checks', { skip: jailSkip }, async () => {
  await page.getByRole('link', { name: 'Your first socket', exact: true }).click();
  await waitUntilConnected(page, 'Server');
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  await page.getByRole('button', { name: 'Run server' }).click();
  await waitForTerminalText(page, 'Server', /Listening on/);
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /Received: Hello, sockets!/);
  await pasteIntoEditor(solution('01-first-socket', 'server.py'));
  await checkUntilAllPass('01-first-socket');
});

test('lesson 4: a server that never answers hangs the starter; with timeouts the checks pass', { skip: jailSkip }, async () => {
  await goToLesson('Timeouts');
  await openTool(page, 'Break it');
  await page.getByRole('switch', { name: 'Server never answers' }).click();
  await page.locator('[role="switch"][aria-checked="true"]', { hasText: 'Server never answers' }).waitFor();
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /python3 client\.py 127\.0\.0\.1 65432/);
  await page.waitForTimeout(2500);
  assert.doesNotMatch(await terminalPane(page, 'Client').innerText(), /Received|giving up/, 'the starter is still waiting');
  await terminalPane(page, 'Client').locator('.xterm').click();
  await page.keyboard.press('Control+C');
  await pasteIntoEditor(solution('04-timeouts', 'client.py'));
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /No answer from 127\.0\.0\.1:65432 within 2 s: giving up/);
  await page.getByRole('button', { name: 'Clear all' }).click();
  await checkUntilAllPass('04-timeouts');
});

test('lesson 5: a flaky server defeats one attempt; retries with backoff get through', { skip: jailSkip }, async () => {
  await goToLesson('Retries with backoff');
  await openTool(page, 'Break it');
  await page.getByRole('switch', { name: 'Flaky server' }).click();
  await page.locator('[role="switch"][aria-checked="true"]', { hasText: 'Flaky server' }).waitFor();
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /ConnectionRefusedError/);
  await pasteIntoEditor(solution('05-retries', 'client.py'));
  await page.getByRole('button', { name: 'Run client' }).click();
  await waitForTerminalText(page, 'Client', /attempt 1 failed: ConnectionRefusedError[\s\S]*Received: hello/);
  await page
    .getByRole('log', { name: 'Fault events' })
    .getByText(/Flaky server: connect refused/)
    .first()
    .waitFor();
  await checkUntilAllPass('05-retries');
});
