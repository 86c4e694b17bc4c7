// Finding your way: the course page lists lessons and offers to continue where you left off; a
// lesson shows where it sits in the course and links on; a wrong address gets a page that helps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestLab } from '../support/lab-harness.js';
import { useBrowserLab } from '../support/browser.js';

let lab: TestLab;
let page: Page;
useBrowserLab({ open: '/' }, (env) => ({ lab, page } = env));

test('a first visit has no resume link; opening a lesson shows its place in the course', async () => {
  assert.equal(await page.getByRole('link', { name: /Continue where you left off/ }).isVisible(), false);
  const lessonCount = await page.locator('.lesson-list > li').count();
  await page.getByRole('link', { name: 'Your first socket' }).click();
  const menu = page.getByRole('navigation', { name: 'Course' });
  await menu.getByText(`Lesson 1 of ${lessonCount}`).click();
  assert.equal(await menu.getByRole('link', { name: 'Your first socket' }).getAttribute('aria-current'), 'page');
  assert.equal(await menu.getByRole('listitem').count(), lessonCount);
  const pager = page.getByRole('navigation', { name: 'Lessons' });
  assert.equal(await pager.getByRole('link').count(), 1, 'lesson 1 has no previous lesson');
});

test('back on the course page, it offers to continue with that lesson', async () => {
  await page.goto(`${lab.origin}/`);
  const resume = page.getByRole('link', { name: 'Continue where you left off: Your first socket' });
  await resume.waitFor();
  await resume.click();
  await page.getByRole('heading', { level: 1, name: 'Your first socket' }).waitFor();
});

test('a wrong address gets a 404 page that lists the lessons', async () => {
  const response = await page.goto(`${lab.origin}/lessons/no-such-lesson/`);
  assert.equal(response?.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'This page does not exist' }).waitFor();
  await page.getByRole('link', { name: 'Your first socket' }).waitFor();
});
