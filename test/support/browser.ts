// Debian's chromium driven by playwright-core: no browser download, offline-safe flags.
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { startTestLab, type TestLab } from './lab-harness.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The terminal pane a learner sees, found by its accessible name ("Client terminal", "クライアント ターミナル"). */
export function terminalPane(page: Page, title: string): Locator {
  const name = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('region', { name: new RegExp(`^${name} (terminal|ターミナル)$`) });
}

/** Renderers draw spaces as non-breaking spaces; compare text as a person reads it. */
const normalizeSpaces = (text: string) => text.replace(/\u00a0/g, ' ');

/** What the terminal shows on screen (xterm's DOM renderer rows). */
export async function terminalText(page: Page, title: string): Promise<string> {
  return normalizeSpaces(await terminalPane(page, title).locator('.xterm-rows').innerText());
}

/** Puts the caret in the editor the way a person does: a click on its first visible line. */
export async function clickIntoEditor(page: Page): Promise<void> {
  await page.locator('.editor-host .view-line').first().click();
}

/** The visible lines of the code editor. */
export async function editorText(page: Page): Promise<string> {
  return normalizeSpaces(await page.locator('.editor-host .view-lines').innerText());
}

/** Find and replace in the editor, as a person does it (Ctrl+H, Replace All), then waits for the result on screen. */
export async function replaceInEditor(page: Page, find: string, replace: string, shows: RegExp): Promise<void> {
  await clickIntoEditor(page);
  await page.keyboard.press('Control+H');
  await page.getByRole('textbox', { name: 'Find' }).fill(find);
  await page.getByRole('textbox', { name: 'Replace' }).fill(replace);
  await page.getByRole('button', { name: /Replace All/ }).click();
  await page.keyboard.press('Escape');
  await waitForEditorText(page, shows);
}

/** Waits until the editor shows a pattern: Monaco redraws on the next animation frame, not at once. */
export async function waitForEditorText(page: Page, pattern: RegExp, timeout = 5_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await editorText(page);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(50);
  }
  throw new Error(`the editor never showed ${pattern}; it shows:\n${text}`);
}

export async function waitForTerminalText(page: Page, title: string, pattern: RegExp, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page, title).catch(() => '');
    if (pattern.test(text)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the ${title} terminal never showed ${pattern}; it shows:\n${text}`);
}

/** A lab, a browser and a desktop-sized page, for one browser test file. */
export interface BrowserLab {
  lab: TestLab;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startBrowserLab(context: BrowserContextOptions = {}): Promise<BrowserLab> {
  const lab = await startTestLab();
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, ...context });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return {
    lab,
    browser,
    page,
    async close() {
      await browser.close();
      await lab.close();
    },
  };
}

/** Presses a Run button of the toolbar as a learner does: in the row, or from "More runs" when the row has no room for it. */
export async function pressRun(page: Page, label: string): Promise<void> {
  const toolbar = page.getByRole('toolbar', { name: 'Lesson actions' });
  const button = toolbar.getByRole('button', { name: label, exact: true });
  if (!(await button.isVisible())) await toolbar.getByRole('button', { name: /^More runs/ }).click();
  await button.click();
}

/** Opens one of the lab's tools (a drawer over the bottom row, closed until used): 'Break it' or 'Check results'. */
export async function openTool(page: Page, name: 'Break it' | 'Check results'): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await page.locator('lab-tools[data-open="true"]').waitFor();
}

/** Waits until a terminal pane says it is connected. */
export function waitUntilConnected(page: Page, title: string): Promise<void> {
  return terminalPane(page, title)
    .getByRole('status')
    .filter({ hasText: /^(connected|接続済み)$/ })
    .waitFor({ timeout: 15_000 });
}

export interface UseBrowserLabOptions {
  /** Sign in and open this path first. */
  open?: string;
  /** Terminals (by title) to wait for. */
  connected?: string[];
  /** Wait until the editor is ready. */
  editor?: boolean;
  /** The jail tests' skip reason, when the machine cannot run them. */
  skip?: false | string;
  /** The page's browser settings beyond a 1440×900 window, e.g. { locale: 'ja-JP' }. */
  context?: BrowserContextOptions;
  /** More setup, once the page is open (a second top-level before() would not wait for this one). */
  setup?: (env: BrowserLab) => Promise<void>;
}

/** One lab and one browser for a test file: started before its tests, closed after them. */
export function useBrowserLab(options: UseBrowserLabOptions, assign: (env: BrowserLab) => void): void {
  let env: BrowserLab | undefined;
  before(async () => {
    if (options.skip) return;
    env = await startBrowserLab(options.context);
    assign(env);
    const { lab, page } = env;
    if (options.open !== undefined) await page.goto(`${lab.origin}${options.open}?token=${lab.lab.security.token}`);
    for (const title of options.connected ?? []) await waitUntilConnected(page, title);
    if (options.editor) await page.locator('.editor-host[data-ready] .view-lines').waitFor();
    await options.setup?.(env);
  });
  after(() => env?.close());
}
