// Check my code in a real browser, as a learner does it on lesson 1: press Check on the starter
// and get failures with expected/actual and hints (one more on request); fix the server in the
// editor, press Check again, see every check pass and the lesson marked complete — also after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { replaceInEditor, useBrowserLab } from '../support/browser.js';

let lab: TestLab;
let page: Page;
useBrowserLab({ open: '/lessons/01-first-socket/', connected: ['Server'] }, (env) => ({ lab, page } = env));

const checks = () => page.getByRole('list', { name: 'Checks' });
const checkItem = (name: RegExp) => checks().getByRole('listitem').filter({ hasText: name }).first();

test('Check on the starter: a failure says what was expected, what happened, and gives a hint', async () => {
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /checks passed/ })
    .waitFor({ timeout: 20_000 });
  const upper = checkItem(/upper case/);
  assert.match(await upper.innerText(), /✗ failed/);
  assert.match(await upper.innerText(), /Expected[\s\S]*"ECHO: HELLO, LAB"[\s\S]*Actual[\s\S]*"hello, lab"/);
  const hints = page.getByRole('list', { name: /Hints for/ }).first();
  assert.equal(await hints.getByRole('listitem').count(), 1);
  await upper.getByRole('button', { name: /Show another hint/ }).click();
  assert.equal(
    await page
      .getByRole('list', { name: /Hints for .*upper case/ })
      .getByRole('listitem')
      .count(),
    2,
  );
  assert.match(await checkItem(/keeps serving/).innerText(), /✓ passed/);
  assert.equal(await page.getByText(/Lesson complete/).isVisible(), false);

  // New results get a taller drawer; back in the editor, it returns to its usual height (and stays open).
  const drawer = page.locator('.lab-tools-body');
  const fresh = (await drawer.boundingBox())!.height;
  await page.locator('.editor-host .view-lines').click();
  await page.waitForFunction((tall) => document.querySelector('.lab-tools-body')!.getBoundingClientRect().height < tall - 20, fresh);
  assert.equal(await drawer.isVisible(), true);
});

test('fix the server, Check again: all pass and the lesson is complete, also after a reload', async () => {
  await page.getByRole('tab', { name: 'server.py' }).click();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  await replaceInEditor(page, 'conn.sendall(data)', 'conn.sendall(b"ECHO: " + data.upper())', /ECHO: " \+ data\.upper\(\)/);

  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /All 3 checks passed/ })
    .waitFor({ timeout: 20_000 });
  assert.equal(await checks().getByRole('listitem').filter({ hasText: '✓ passed' }).count(), 3);
  await page.getByText(/✓ Lesson complete/).waitFor();
  await page.reload();
  // Remembered by this browser, and shown on the tab whichever tool is open.
  await page.getByRole('tab', { name: /Check results · ✓ complete/ }).waitFor();
  await page.getByRole('tab', { name: /Check results/ }).click();
  await page.getByText(/✓ Lesson complete/).waitFor();
  // The course page shows it too, and the lesson links on to the next one.
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link').last().waitFor();
  await page.goto(`${lab.origin}/`);
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Your first socket' })
    .getByText(/✓ Completed/)
    .waitFor();
});

test('break it again: the run says so, the lesson shows as completed earlier, and the first failure is in view', async () => {
  await page.goto(`${lab.origin}/lessons/01-first-socket/`);
  await page.getByRole('tab', { name: 'server.py' }).click();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  await replaceInEditor(page, 'conn.sendall(b"ECHO: " + data.upper())', 'conn.sendall(data)', /conn\.sendall\(data\)/);
  await page.getByRole('tab', { name: /Check results/ }).click();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /of 3 checks passed/ })
    .waitFor({ timeout: 20_000 });
  await page.getByText(/Completed earlier \(.*\); this run did not pass every check/).waitFor();
  assert.equal(await page.getByText(/✓ Lesson complete/).count(), 0);
  // The first failure is inside the visible part of whatever scrolls the results.
  const inView = await checkItem(/upper case/).evaluate((item) => {
    let box: Element | null = item.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    const outer = (box ?? document.documentElement).getBoundingClientRect();
    const rect = item.getBoundingClientRect();
    return rect.top >= outer.top - 1 && rect.top < outer.bottom;
  });
  assert.ok(inView, 'the first failing check is scrolled into view');
});
