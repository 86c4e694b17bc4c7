// What a lesson page costs to load: JS+CSS before the editor, the Monaco chunk, the xterm chunk
// (gzip -9 of the files the browser actually fetched), and time to an interactive editor.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launchBrowser } from '../test/support/browser.js';
import { repoRoot, type TestLab } from '../test/support/lab-harness.js';
import { kb, ms, now, type ReportLine } from './stats.js';

const isEditor = (path: string) => /monaco-setup|editor\.worker|\/python\.|codicon/.test(path);
const isTerminal = (path: string) => /terminal-view/.test(path);

export async function measurePageWeight(lab: TestLab): Promise<ReportLine[]> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const assets = new Set<string>();
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (/\.(js|css|ttf)$/.test(path)) assets.add(path);
    });
    await page.goto(`${lab.origin}/?token=${lab.lab.security.token}`);
    await page.waitForLoadState('networkidle');
    // The course home: HTML + every JS/CSS it fetched.
    let home = gzipSync(Buffer.from(await page.content()), { level: 9 }).length;
    for (const path of assets) home += gzipSync(readFileSync(join(repoRoot, 'dist', 'client', path)), { level: 9 }).length;
    assets.clear();
    const started = now();
    await page.goto(`${lab.origin}/lessons/01-first-socket/`);
    await page.locator('.editor-host[data-ready] .view-lines').waitFor({ timeout: 30_000 });
    const editorReady = now() - started;
    const gz = { page: 0, editor: 0, terminal: 0 };
    for (const path of assets) {
      const size = gzipSync(readFileSync(join(repoRoot, 'dist', 'client', path)), { level: 9 }).length;
      if (isEditor(path)) gz.editor += size;
      else if (isTerminal(path)) gz.terminal += size;
      else gz.page += size;
    }
    return [
      { what: 'course home first load (HTML+JS+CSS, gzip)', value: kb(home) },
      { what: 'lesson page before the editor (JS+CSS, gzip)', value: kb(gz.page), budget: '≤ 100 KB', ok: gz.page <= 100 * 1024 },
      { what: 'xterm chunk (JS+CSS, gzip, its own chunk)', value: kb(gz.terminal) },
      { what: 'page + xterm together (gzip)', value: kb(gz.page + gz.terminal) },
      { what: 'Monaco editor chunk (lazy, gzip)', value: kb(gz.editor), budget: '≈ 900 KB' },
      { what: 'navigation → interactive editor (headless)', value: ms(editorReady) },
    ];
  } finally {
    await browser.close();
  }
}
