// The workbench on a common laptop screen (1280×800): pressing Run and reading its status never
// moves the lab under the pointer, however long the status is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { pressRun, terminalPane, useBrowserLab, waitForTerminalText } from '../support/browser.js';
import { jailSkip } from '../support/jail.js';
import { repoRoot } from '../support/lab-harness.js';

let page: Page;
useBrowserLab(
  {
    open: '/lessons/02-failure-tour/',
    connected: ['Shell'],
    editor: true,
    skip: jailSkip,
    setup: async ({ page }) => page.setViewportSize({ width: 1280, height: 800 }),
  },
  (env) => ({ page } = env),
);

/** Where the parts of the lab are on screen now. */
async function layout(): Promise<Record<string, { x: number; y: number; width: number; height: number }>> {
  const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
  for (const [name, locator] of Object.entries({
    toolbar: page.getByRole('toolbar', { name: 'Lesson actions' }),
    editor: page.locator('.editor-host'),
    shell: terminalPane(page, 'Shell'),
  })) {
    boxes[name] = (await locator.boundingBox())!;
  }
  return boxes;
}

test('Run writes its status without moving the toolbar, the editor or the terminals, even a long one', { skip: jailSkip }, async () => {
  const before = await layout();
  const status = page.locator('[data-role="lab-status"]');
  await pressRun(page, 'List the scenarios');
  await status.filter({ hasText: /typed into the Shell terminal/ }).waitFor({ timeout: 10_000 });
  await waitForTerminalText(page, 'Shell', /\$\s*$/);
  assert.deepEqual(await layout(), before);

  // The longest status: a program in the terminal that ignores Ctrl-C keeps Run from typing.
  await terminalPane(page, 'Shell').locator('.xterm').click();
  await page.keyboard.type(
    `python3 -c "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); print('stub' + 'born', flush=True); time.sleep(60)"\n`,
  );
  await waitForTerminalText(page, 'Shell', /^stubborn$/m);
  await pressRun(page, 'Refused');
  await status.filter({ hasText: /nothing typed/ }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await layout(), before);
  // Cut to the row on screen, whole in its title (and for screen readers, in its text).
  assert.match((await status.getAttribute('title'))!, /python3 is still running in the Shell terminal and did not stop on Ctrl-C/);
  // Ctrl-\ (SIGQUIT) is not ignored: the shell is free again for the next test.
  await terminalPane(page, 'Shell').locator('.xterm').click();
  await page.keyboard.press('Control+Backslash');
  await waitForTerminalText(page, 'Shell', /\$\s*$/);
});

/** Pairs of elements whose boxes overlap (each a [name, box] list). */
function overlaps(boxes: Array<[string, { x: number; y: number; width: number; height: number }]>): string[] {
  const found: string[] = [];
  boxes.forEach(([a, p], i) =>
    boxes.slice(i + 1).forEach(([b, q]) => {
      if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height) found.push(`${a} × ${b}`);
    }),
  );
  return found;
}

/** The parts of lesson 2's lab a learner works with. */
function labParts(): Record<string, Locator> {
  return {
    toolbar: page.getByRole('toolbar', { name: 'Lesson actions' }),
    files: page.getByRole('tablist', { name: 'Files' }),
    editor: page.locator('.editor-host'),
    shell: terminalPane(page, 'Shell'),
    newShell: page.getByRole('button', { name: 'New shell' }),
    connection: page.getByRole('status', { name: 'Lab connection' }),
    tools: page.getByRole('tablist', { name: 'Lab tools' }),
  };
}

/** Each part is on screen and none covers another, as the learner sees them: boxes cut by every scrolling ancestor. */
async function assertNothingOverlaps(parts: Record<string, Locator>): Promise<void> {
  const boxes: Array<[string, { x: number; y: number; width: number; height: number }]> = [];
  for (const [name, locator] of Object.entries(parts)) {
    const box = await locator.evaluate((element) => {
      let { left, top, right, bottom } = element.getBoundingClientRect();
      for (let a = element.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowY === 'visible') continue;
        const clip = a.getBoundingClientRect();
        [left, top, right, bottom] = [Math.max(left, clip.left), Math.max(top, clip.top), Math.min(right, clip.right), Math.min(bottom, clip.bottom)];
      }
      return { x: left, y: top, width: right - left, height: bottom - top };
    });
    assert.ok(box.width > 0 && box.height > 0, `${name} is on screen`);
    boxes.push([name, box]);
  }
  assert.deepEqual(overlaps(boxes), []);
}

test('on a tablet (768×1024) a Text | Lab switch shows one at a time, and nothing in the lab overlaps', { skip: jailSkip }, async () => {
  await page.setViewportSize({ width: 768, height: 1024 });
  try {
    const text = page.getByRole('button', { name: 'Text', exact: true });
    const lab = page.getByRole('button', { name: 'Lab', exact: true });
    await text.click();
    assert.equal(await text.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.lesson-text').isVisible(), true);
    assert.equal(await page.locator('.workbench').isVisible(), false);

    await lab.click();
    assert.equal(await lab.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.lesson-text').isVisible(), false);
    await assertNothingOverlaps({
      switch: page.getByRole('group', { name: 'Show' }),
      ...labParts(),
      slow: terminalPane(page, 'Slow ones'),
    });
    // The terminal works in this view: a click-to-run in the text would bring the learner here.
    await pressRun(page, 'List the scenarios');
    await waitForTerminalText(page, 'Shell', /\$\s*$/);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

let sizeQueries = 0;
/** What `stty size` says in a terminal: the rows and columns its program sees. */
async function terminalSize(title: string): Promise<{ rows: number; cols: number }> {
  const tag = `size-${++sizeQueries}`;
  await terminalPane(page, title).locator('.xterm').click();
  await page.keyboard.type(`clear; echo ${tag} $(stty size)\n`);
  const answer = new RegExp(`^${tag} (\\d+) (\\d+)$`, 'm');
  await waitForTerminalText(page, title, answer);
  const [rows, cols] = answer
    .exec(await terminalPane(page, title).locator('.xterm-rows').innerText())!
    .slice(1)
    .map(Number);
  return { rows, cols };
}

/** The toolbar's Run buttons: those in its row, and those in the "More runs" list. */
async function runButtons(): Promise<{ row: string[]; more: string[] }> {
  const toolbar = page.getByRole('toolbar', { name: 'Lesson actions' });
  const inRow = await toolbar.locator('[data-role="run-group"] button').allInnerTexts();
  const inList = await toolbar.locator('[data-role="more-runs-list"] button').allTextContents();
  return { row: inRow, more: inList };
}

test('the toolbar keeps one row: Run buttons without room are in "More runs", in order, and each one runs', { skip: jailSkip }, async () => {
  const toolbar = page.getByRole('toolbar', { name: 'Lesson actions' });
  const check = toolbar.getByRole('button', { name: 'Check', exact: true });
  const config = JSON.parse((await page.locator('lab-workbench > script[type="application/json"]').textContent())!) as {
    run: Array<{ label: string; inText?: boolean }>;
  };
  const labels = config.run.filter((r) => !r.inText).map((r) => r.label);
  assert.equal(labels.length, 8);
  try {
    const laptop = await runButtons();
    assert.deepEqual([...laptop.row, ...laptop.more], labels, 'every Run once, in the lesson order');
    assert.ok(laptop.more.length > 0 && laptop.row.length > 0);
    await assertNothingOverlaps({ ...labParts(), slow: terminalPane(page, 'Slow ones') });
    // One row: the toolbar is no taller than its buttons (plus its padding).
    assert.ok((await toolbar.boundingBox())!.height < (await check.boundingBox())!.height * 1.6);
    const more = toolbar.getByRole('button', { name: `More runs (${laptop.more.length})` });
    assert.equal(await more.getAttribute('aria-expanded'), 'false');

    // Keyboard: the list opens with focus on its first Run; Escape closes it and returns to its button.
    await more.focus();
    await page.keyboard.press('Enter');
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), laptop.more[0]);
    await page.keyboard.press('Escape');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'more-runs');

    // A Run from the list types its command (the last one, the farthest from the row) and closes the list.
    await pressRun(page, labels.at(-1)!);
    await page
      .locator('[data-role="lab-status"]')
      .filter({ hasText: new RegExp(`^${labels.at(-1)}: typed`) })
      .waitFor({ timeout: 10_000 });
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    await waitForTerminalText(page, 'Shell', /\$\s*$/);

    // A wider window gives the row more of them, still in order, still one row.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForFunction((n) => document.querySelectorAll('[data-role="run-group"] button').length > n, laptop.row.length);
    const desktop = await runButtons();
    assert.deepEqual([...desktop.row, ...desktop.more], labels);
    assert.ok((await toolbar.boundingBox())!.height < (await check.boundingBox())!.height * 1.6);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('at 1280×800 the editor shows at least 25 lines, and one click gives a terminal 80 columns', { skip: jailSkip }, async () => {
  await page.reload();
  await page.locator('.editor-host[data-ready] .view-lines').waitFor();
  // Monaco's line height, from its widest-spaced line (an empty line may measure 0).
  const heights = await page.locator('.editor-host .view-line').evaluateAll((lines) => lines.map((l) => l.getBoundingClientRect().height));
  const editorLines = Math.floor((await page.locator('.editor-host .monaco-editor').boundingBox())!.height / Math.max(...heights));
  console.log(`# at 1280×800: editor ${editorLines} lines; Shell ${JSON.stringify(await terminalSize('Shell'))}`);
  assert.ok(editorLines >= 25, `the editor shows ${editorLines} lines`);

  const maximize = page.getByRole('button', { name: 'Maximize Shell terminal' });
  await maximize.click();
  assert.equal(await maximize.getAttribute('aria-pressed'), 'true');
  assert.equal(await terminalPane(page, 'Slow ones').isVisible(), false);
  await page.waitForTimeout(500); // the terminal refits to its new width and tells the shell
  const wide = await terminalSize('Shell');
  console.log(`# maximized: Shell ${JSON.stringify(wide)}`);
  assert.ok(wide.cols >= 80, `the maximized terminal has ${wide.cols} columns`);
  await maximize.click();
  assert.equal(await terminalPane(page, 'Slow ones').isVisible(), true);
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
  { width: 768, height: 1024 },
];

test(
  'lessons 1 and 12 at laptop, desktop and tablet sizes: editor lines and terminal columns, plain and maximized (README screenshots)',
  { skip: jailSkip },
  async () => {
    try {
      for (const [lesson, terminal] of [
        ['01-first-socket', 'Client'],
        ['12-capstone-chat', 'Alice'],
      ] as const) {
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.goto(page.url().replace(/lessons\/[^/]+\//, `lessons/${lesson}/`));
          if (size.width < 900) await page.getByRole('button', { name: 'Lab', exact: true }).click();
          await page.locator('.editor-host[data-ready] .view-lines').waitFor();
          await terminalPane(page, terminal)
            .getByRole('status')
            .filter({ hasText: /^connected$/ })
            .waitFor({ timeout: 15_000 });
          const heights = await page.locator('.editor-host .view-line').evaluateAll((lines) => lines.map((l) => l.getBoundingClientRect().height));
          const editorLines = Math.floor((await page.locator('.editor-host .monaco-editor').boundingBox())!.height / Math.max(...heights));
          if (lesson === '01-first-socket' && size.width !== 1920) {
            await terminalPane(page, terminal).locator('.xterm').click();
            await page.keyboard.type('clear\n'); // no leftovers of the measurements in the picture
            await page.waitForTimeout(300);
            await page.screenshot({ path: `${repoRoot}docs/screenshot-${size.width}x${size.height}.png` });
          }
          const plain = await terminalSize(terminal);
          const maximize = page.getByRole('button', { name: `Maximize ${terminal} terminal` });
          await maximize.click();
          await page.waitForTimeout(500);
          const wide = await terminalSize(terminal);
          await maximize.click();
          console.log(
            `# ${lesson} at ${size.width}×${size.height}: editor ${editorLines} lines; ${terminal} ${plain.cols}×${plain.rows}, maximized ${wide.cols}×${wide.rows}`,
          );
          const least = size.width < 900 ? 20 : 25;
          assert.ok(editorLines >= least, `${lesson} at ${size.width}: the editor shows ${editorLines} lines`);
          assert.ok(wide.cols >= 80, `${lesson} at ${size.width}: the maximized terminal has ${wide.cols} columns`);
        }
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  },
);
