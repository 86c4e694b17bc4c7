// The terminal in a real browser (headless Chromium), Socket Lab beside the baseline (a plain
// xterm.js + node-pty + ws terminal, bench/baseline-terminal.ts), measured the same way in both
// pages (bench/in-page-probes.ts): echo on screen, output throughput, Ctrl-C in a flood, first prompt.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, terminalPane } from '../test/support/browser.js';
import type { TestLab } from '../test/support/lab-harness.js';
import { startBaselineTerminal } from './baseline-terminal.js';
import { ctrlCAfterFlood, echoOnScreen, firstPrompt, outputThroughput } from './in-page-probes.js';
import { median, ms, quantile, type ReportLine } from './stats.js';

const LESSON_PAGE = '/lessons/01-first-socket/';
const ECHO_KEYS = 200;
/** 50 MB of random bytes as base64: 67.5 MB of text on screen, as in the measurement. */
const FLOOD_BYTES = 50_000_000;
const FLOOD = `head -c ${FLOOD_BYTES} /dev/urandom | base64; echo done-$((6*7))`;

interface Terminal {
  page: Page;
  /** The terminal's xterm rows. */
  rows: string;
  /** ms from navigation start to the first prompt on screen. */
  firstPrompt: number;
}

async function openLab(browser: Browser, lab: TestLab): Promise<Terminal> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Sign in first, so the measured load is the lesson page as a returning learner opens it.
  await page.goto(`${lab.origin}/?token=${lab.lab.security.token}`);
  await page.goto(`${lab.origin}${LESSON_PAGE}`);
  const rows = '[aria-label="Client terminal"] .xterm-rows';
  const prompt = await firstPrompt(page, rows);
  await terminalPane(page, 'Client').locator('.xterm-screen').click();
  return { page, rows, firstPrompt: prompt };
}

async function openBaseline(browser: Browser, url: string, size: { width: number; height: number }): Promise<Terminal> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // The same screen size as the lab's client terminal, so both draw the same number of cells.
  await page.goto(`${url}?w=${Math.round(size.width)}&h=${Math.round(size.height)}`);
  const rows = '#term .xterm-rows';
  const prompt = await firstPrompt(page, rows);
  await page.locator('#term .xterm-screen').click();
  return { page, rows, firstPrompt: prompt };
}

function row(what: string, lab: number, baseline: number, format: (n: number) => string, goal?: { text: string; ok: boolean }): ReportLine {
  return {
    what,
    value: `${format(lab)}   baseline ${format(baseline)}   ratio ${(lab / baseline).toFixed(2)}×`,
    ...(goal ? { budget: goal.text, ok: goal.ok } : {}),
  };
}

interface Figures {
  echo: number[];
  flood: number;
  ctrlC: number;
  firstPrompt: number;
}

/** Every figure from one page, opened alone in the browser so the other page's frames do not interfere. */
async function measure(term: Terminal): Promise<Figures> {
  await term.page.waitForTimeout(3000); // settle: the lesson page loads the editor's workers
  const echo = await echoOnScreen(term.page, term.rows, ECHO_KEYS);
  const flood = (FLOOD_BYTES * 4) / 3 / ((await outputThroughput(term.page, term.rows, FLOOD)) / 1000) / 1e6;
  const ctrlC = await ctrlCAfterFlood(term.page, term.rows);
  await term.page.close();
  return { echo, flood, ctrlC, firstPrompt: term.firstPrompt };
}

export async function measureBrowserTerminal(lab: TestLab): Promise<ReportLine[]> {
  const browser = await launchBrowser();
  const baseline = await startBaselineTerminal();
  try {
    const labTerm = await openLab(browser, lab);
    const box = (await labTerm.page.locator('[aria-label="Client terminal"] .xterm').boundingBox())!;
    const ours = await measure(labTerm);
    const base = await measure(await openBaseline(browser, baseline.url, box));
    const perSecond = (n: number) => `${n.toFixed(1)} MB/s`;
    return [
      { what: 'terminal size (lab client pane, baseline set to match)', value: `${Math.round(box.width)}×${Math.round(box.height)} px` },
      row('keystroke → echo on screen, median', median(ours.echo), median(base.echo), ms, {
        text: '≤ baseline',
        ok: median(ours.echo) <= median(base.echo),
      }),
      row('keystroke → echo on screen, p95', quantile(ours.echo, 0.95), quantile(base.echo, 0.95), ms),
      row(`output on screen (${((FLOOD_BYTES * 4) / 3 / 1e6).toFixed(1)} MB of base64)`, ours.flood, base.flood, perSecond, {
        text: '≥ baseline',
        ok: ours.flood >= base.flood,
      }),
      row('Ctrl-C during a flood → prompt on screen', ours.ctrlC, base.ctrlC, ms, { text: '≤ 50 ms', ok: ours.ctrlC <= 50 }),
      row('first prompt on screen after page start', ours.firstPrompt, base.firstPrompt, ms),
    ];
  } finally {
    await browser.close();
    await baseline.close();
  }
}
