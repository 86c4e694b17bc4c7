// Builds the static site with Astro when dist/ is missing or older than its sources, so
// `npm install && npm start` is enough on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LessonCatalog } from '../lessons/catalog.js';
import { LESSONS_FOLDER } from '../../schema/lesson-layout.js';

const SOURCES = ['src', LESSONS_FOLDER, 'schema', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export async function ensureSiteBuilt(root: string, { force = false } = {}): Promise<void> {
  // The server's own checks of every lesson (e.g. each Run command through \`bash -n\`) run before any build.
  LessonCatalog.load(join(root, LESSONS_FOLDER));
  const stamp = join(root, 'dist', '.built');
  const builtAt = existsSync(stamp) && existsSync(join(root, 'dist', 'server', 'entry.mjs')) ? statSync(stamp).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  if (!force && builtAt > sourcesAt) return;
  console.log('[lab] building the site (astro build, then the Pagefind search index)…');
  const run = (command: string, args: string[], what: string) => {
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    if (result.status !== 0) throw new Error(`${what} failed; see the messages above`);
  };
  run('npx', ['astro', 'build'], 'astro build');
  // Offline full-text search: the index is files in dist/client/pagefind, built here, fetched by the search page.
  run('npx', ['pagefind', '--site', 'dist/client', '--silent'], 'the search index (pagefind)');
  writeFileSync(stamp, new Date().toISOString());
}
