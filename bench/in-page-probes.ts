// What the browser bench measures inside the page, the same way for Socket Lab and the baseline:
// a keydown timestamp, then the xterm rows in the DOM (a MutationObserver, or a poll each frame)
// until they show the result. Playwright presses real keys; the page keeps the clock.
// The page-side code is plain JavaScript text: functions handed to page.evaluate() from TypeScript
// would carry tsx's helpers (__name), which the page does not have.
import type { Page } from 'playwright-core';

/** Installed once per page: window.__probe.arm(selector, test, poll) and window.__probe.result. */
const PROBE_SCRIPT = `
window.__probe = {
  rowsText(selector) {
    const rows = document.querySelector(selector);
    // One line per xterm row, as a person reads the screen.
    return rows ? Array.from(rows.children, (row) => (row.textContent || '').replace(/\\u00a0/g, ' ')).join('\\n') : '';
  },
  promptShown(text) {
    const lines = text.split('\\n').map((l) => l.trimEnd()).filter(Boolean);
    return /\\$$/.test(lines[lines.length - 1] || '');
  },
  waitForPrompt(selector) {
    return new Promise((resolve) => {
      const frame = () => (this.promptShown(this.rowsText(selector)) ? resolve(performance.now()) : requestAnimationFrame(frame));
      frame();
    });
  },
  arm(selector, test, poll) {
    const before = this.rowsText(selector);
    this.result = new Promise((resolve) => {
      let start;
      addEventListener('keydown', () => (start = start ?? performance.now()), { capture: true, once: true });
      const done = () => start !== undefined && test(this.rowsText(selector), before);
      if (poll === 'mutation') {
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(document.querySelector(selector), { subtree: true, childList: true, characterData: true });
      } else {
        const frame = () => (done() ? resolve(performance.now() - start) : requestAnimationFrame(frame));
        requestAnimationFrame(frame);
      }
    });
  },
};`;

const TESTS = {
  oneMoreX: '(text, before) => text.split("x").length > before.split("x").length',
  done42: '(text) => text.includes("done-42")',
  prompt: '(text) => window.__probe.promptShown(text)',
};

async function arm(page: Page, selector: string, test: keyof typeof TESTS, poll: 'mutation' | 'frame'): Promise<void> {
  await page.evaluate(`window.__probe || eval(${JSON.stringify(PROBE_SCRIPT)})`);
  await page.evaluate(`window.__probe.arm(${JSON.stringify(selector)}, ${TESTS[test]}, ${JSON.stringify(poll)})`);
}

const measured = (page: Page) => page.evaluate('window.__probe.result') as Promise<number>;

/** ms from the page's start until the rows end with a prompt. */
export async function firstPrompt(page: Page, selector: string): Promise<number> {
  await page.evaluate(`window.__probe || eval(${JSON.stringify(PROBE_SCRIPT)})`);
  return page.evaluate(`window.__probe.waitForPrompt(${JSON.stringify(selector)})`) as Promise<number>;
}

/** Keystroke → echo on screen, `count` times: each press of `x` until the rows show one more `x`. */
export async function echoOnScreen(page: Page, selector: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 40 === 0) {
      await page.keyboard.press('Control+U'); // keep the line short
      await page.waitForTimeout(150);
    }
    await arm(page, selector, 'oneMoreX', 'mutation');
    await page.keyboard.press('x');
    samples.push(await measured(page));
    await page.waitForTimeout(20); // a person types ~10 keys a second at most; leave the page idle between keys
  }
  await page.keyboard.press('Control+U');
  return samples;
}

/** Types a command that ends by printing done-42; ms from Enter until done-42 is on screen. */
export async function outputThroughput(page: Page, selector: string, command: string): Promise<number> {
  await page.keyboard.type(command);
  await arm(page, selector, 'done42', 'frame');
  await page.keyboard.press('Enter');
  return measured(page);
}

/** Starts `yes`, lets it flood for a second, presses Ctrl-C: ms until the prompt is back on screen. */
export async function ctrlCAfterFlood(page: Page, selector: string): Promise<number> {
  await page.keyboard.type('yes');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  await arm(page, selector, 'prompt', 'frame');
  await page.keyboard.press('Control+C');
  return measured(page);
}
