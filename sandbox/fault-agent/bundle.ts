// The fault agent runs once per session, so it runs as plain JavaScript: bundled here once per lab
// (the start-up self-test's agent makes it), off the event loop, it starts without a TypeScript loader. Run through tsx, each agent carried
// the loader and its esbuild service, ~88 MiB RSS a session (npm run bench -- sessions).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const AGENT_MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
/** Readable by every session's uid (the agent runs as the session's user), named by content so a stale copy is never used. */
const CACHE_DIRS = [fileURLToPath(new URL('../../node_modules/.cache/socket-lab', import.meta.url)), join(tmpdir(), 'socket-lab-cache')];

let bundled: Promise<string> | undefined;

/** The path of the agent as one JavaScript file (made on first use, once). */
export function faultAgentScript(): Promise<string> {
  bundled ??= bundle();
  bundled.catch(() => (bundled = undefined)); // a failed attempt is tried again next time
  return bundled;
}

async function bundle(): Promise<string> {
  const result = await build({ entryPoints: [AGENT_MAIN], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  const name = `fault-agent-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  let lastError: unknown;
  for (const dir of CACHE_DIRS) {
    const file = join(dir, name);
    try {
      if (!existsSync(file)) {
        mkdirSync(dir, { recursive: true, mode: 0o755 });
        const partial = `${file}.${process.pid}.partial`;
        writeFileSync(partial, code, { mode: 0o644 });
        renameSync(partial, file); // atomic: two labs starting at once never see half a file
      }
      return file;
    } catch (err) {
      lastError = err; // a read-only install: try the next folder
    }
  }
  throw new Error(`the fault agent could not be prepared: ${(lastError as Error).message}`);
}
