// Automated accessibility audit (axe-core, run inside the real page) of the course home and a
// lesson page with its lab loaded, in both themes, and of every lesson's text (tables, diagrams,
// code), in English and in Japanese: no serious or critical violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { repoRoot, type TestLab } from '../support/lab-harness.js';
import { openTool, useBrowserLab, waitUntilConnected } from '../support/browser.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let lab: TestLab;
let page: Page;
useBrowserLab({ open: '/' }, (env) => ({ lab, page } = env));

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Serious and critical axe violations in the page, or only inside `selector`. */
async function seriousViolations(selector?: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  type Axe = { run(context?: string): Promise<{ violations: unknown[] }> };
  const violations = (await page.evaluate(
    async (context) => (await (window as unknown as { axe: Axe }).axe.run(context ?? undefined)).violations,
    selector ?? null,
  )) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the course home has no serious accessibility violations (${scheme})`, async () => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${lab.origin}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.deepEqual(await seriousViolations(), []);
  });

  test(`a lesson page with its lab loaded has no serious accessibility violations (${scheme})`, async () => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${lab.origin}/lessons/01-first-socket/`);
    await waitUntilConnected(page, 'Server');
    await page.locator('.editor-host[data-ready]').waitFor();
    await openTool(page, 'Break it');
    await page
      .getByRole('table', { name: /TCP sockets/ })
      .getByRole('row')
      .nth(1)
      .waitFor();
    assert.deepEqual(await seriousViolations(), []);
  });

  test(`a lesson page on a tablet (768 wide) has no serious accessibility violations, text and lab (${scheme})`, async () => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 768, height: 1024 });
    try {
      await page.goto(`${lab.origin}/lessons/01-first-socket/`);
      assert.deepEqual(await seriousViolations(), []);
      await page.getByRole('button', { name: 'Lab', exact: true }).click();
      await waitUntilConnected(page, 'Server');
      await page.locator('.editor-host[data-ready]').waitFor();
      assert.deepEqual(await seriousViolations(), []);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
}

/** Diagram notes whose text colour has less than 4.5:1 contrast with their box (axe does not look inside SVG). */
async function unreadableDiagramText(): Promise<string[]> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  return page.evaluate(`(() => {
    function luminance(colour) {
      const [r, g, b] = (colour.match(/[0-9.]+/g) || []).slice(0, 3).map((v) => Number(v) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }
    function contrast(a, b) {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    }
    return [...document.querySelectorAll('.sequence-diagram .note')]
      .filter((g) => contrast(getComputedStyle(g.querySelector('text')).fill, getComputedStyle(g.querySelector('rect')).fill) < 4.5)
      .map((g) => g.textContent);
  })()`);
}

const lessonIds = LessonCatalog.load(`${repoRoot}lessons`)
  .list()
  .map((l) => l.id);

test('the Japanese home and lesson 1 with its lab have no serious accessibility violations', async () => {
  await page.goto(`${lab.origin}/ja/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.deepEqual(await seriousViolations(), []);
  await page.goto(`${lab.origin}/ja/lessons/01-first-socket/`);
  await waitUntilConnected(page, 'サーバー');
  await page.locator('.editor-host[data-ready]').waitFor();
  assert.deepEqual(await seriousViolations(), []);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every lesson's text (tables, diagrams, code) has no serious accessibility violations (${scheme})`, async () => {
    await page.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    for (const path of lessonIds.flatMap((id) => [`/lessons/${id}/`, `/ja/lessons/${id}/`])) {
      await page.goto(`${lab.origin}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      for (const v of await seriousViolations('.lesson-text')) found.push(`${path}: ${v}`);
      for (const note of await unreadableDiagramText()) found.push(`${path}: diagram text "${note}" is hard to read on its box`);
    }
    assert.deepEqual(found, []);
  });
}
