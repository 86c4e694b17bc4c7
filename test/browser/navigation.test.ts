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

test('a first visit says where to start, what you need and how long it takes; opening a lesson shows its place in the course', async () => {
  assert.equal(await page.getByRole('link', { name: /Continue/ }).count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Start here: Your first socket' }).getAttribute('href'), '/lessons/01-first-socket/');
  const needs = page.getByRole('region', { name: 'What you need' });
  assert.match(await needs.innerText(), /Some Python[\s\S]*No networking knowledge[\s\S]*12 lessons, about \d+(\.5)? hours/);
  assert.match(await page.locator('.lesson-list > li').first().innerText(), /~20 min/);
  const lessonCount = await page.locator('.lesson-list > li').count();
  await page.getByRole('link', { name: 'Your first socket', exact: true }).click();
  const menu = page.getByRole('navigation', { name: 'Course' });
  await menu.getByText(`Lesson 1 of ${lessonCount}`).click();
  assert.equal(await menu.getByRole('link', { name: 'Your first socket', exact: true }).getAttribute('aria-current'), 'page');
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

test('once a lesson is completed, the course page continues with the next unfinished one', async () => {
  await page.evaluate(() => {
    localStorage.setItem('socketlab:completed:01-first-socket', JSON.stringify({ at: Date.now() }));
    localStorage.setItem('socketlab:completed:02-failure-tour', JSON.stringify({ at: Date.now() }));
    localStorage.setItem('socketlab:last-lesson', '01-first-socket');
  });
  await page.goto(`${lab.origin}/`);
  const next = page.getByRole('link', { name: /^Continue with the next lesson: / });
  await next.waitFor();
  // Lesson 2 is done too: the next unfinished one is lesson 3.
  assert.equal(await next.getAttribute('href'), '/lessons/03-exceptions/');
  await page.evaluate(() => localStorage.clear());
});

test('a wrong address gets a 404 page that lists the lessons', async () => {
  const response = await page.goto(`${lab.origin}/lessons/no-such-lesson/`);
  assert.equal(response?.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'This page does not exist' }).waitFor();
  await page.getByRole('link', { name: 'Your first socket', exact: true }).waitFor();
});
