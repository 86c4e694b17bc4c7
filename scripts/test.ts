// `npm test`: makes sure the machine has what the tests need (chromium, the built site), then
// runs unit, integration and browser tests with node's test runner.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSiteBuilt } from '../sandbox/server/build-site.js';
import { CHROMIUM, ensureSystemPackages, SANDBOX_PACKAGES } from '../sandbox/setup/system-packages.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const levels = ['unit', 'integration', 'browser'];
// `npm test -- unit` runs one level only.
const wanted = process.argv.slice(2).filter((a) => levels.includes(a));
const selected = wanted.length ? wanted : levels;

try {
  // The jail tests need bubblewrap: install it before they decide whether the sandbox is available.
  if (selected.some((level) => level !== 'unit')) ensureSystemPackages(SANDBOX_PACKAGES);
  if (selected.includes('browser')) ensureSystemPackages([CHROMIUM]);
  if (selected.some((level) => level !== 'unit')) await ensureSiteBuilt(root);
} catch (err) {
  console.error(`[test] ${(err as Error).message}`);
  process.exit(1);
}

// Static checks first: a type error, a lint error or badly formatted code fails `npm test` (and CI)
// before any test runs.
const STATIC_CHECKS = [
  {
    name: 'typecheck',
    script: 'npm run typecheck',
    argv: [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', join(root, 'tsconfig.json')],
  },
  { name: 'lint', script: 'npm run lint', argv: [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings=0', '.'] },
  { name: 'format', script: 'npm run format', argv: [join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '--log-level=warn', '.'] },
];
if (selected.includes('unit')) {
  for (const check of STATIC_CHECKS) {
    const run = spawnSync(process.execPath, check.argv, { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`[test] ${check.name} failed (${check.script}): fix that first`);
      process.exit(1);
    }
    console.log(`[test] ${check.name}: clean`);
  }
}

const files = selected.flatMap((level) =>
  readdirSync(join(root, 'test', level))
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join('test', level, f)),
);
mkdirSync(join(root, 'test-results'), { recursive: true });
const tapFile = join(root, 'test-results', 'tests.tap');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } },
);
// One plain closing line, whatever reporter the Node version prefers.
const tap = readFileSync(tapFile, 'utf8');
const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
console.log(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
process.exit(result.status ?? 1);
