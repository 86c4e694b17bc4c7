// Search finds a lesson by a word from its body, offline (the Pagefind index is built with the site).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { useBrowserLab } from '../support/browser.js';

let lab: TestLab;
let page: Page;
useBrowserLab({ open: '/' }, (env) => ({ lab, page } = env));

test('a word from a lesson body finds that lesson, and the result leads to it', async () => {
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Words to find' }).fill('loopback');
  const result = page.getByRole('list', { name: 'Results' }).getByRole('link', { name: /Your first socket/ });
  await result.waitFor({ timeout: 10_000 });
  assert.match(await page.getByRole('list', { name: 'Results' }).innerText(), /loopback/i);
  await result.click();
  await page.getByRole('heading', { level: 1, name: 'Your first socket' }).waitFor();
});

test('a word nowhere in the course says so', async () => {
  await page.goto(`${lab.origin}/search/?q=xylophonequartz`);
  await page
    .getByRole('status')
    .getByText(/Nothing found for “xylophonequartz”/)
    .waitFor({ timeout: 10_000 });
});
