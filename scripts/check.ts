// `npm run check -- <lesson> [--solution | --starter | --dir <path>]`: runs a lesson's checks the
// way the Check button does (fresh sandbox, pipes, budget) and exits 0 only when all pass.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportText } from '../sandbox/checks/report-text.js';
import { runChecks } from '../sandbox/checks/runner.js';
import { hasChecks, programFiles, programFilesWithOrigin, type ProgramSource } from '../sandbox/checks/sources.js';
import { chooseSandbox } from '../sandbox/jail/choose-sandbox.js';
import { consoleLogger } from '../sandbox/lab.js';
import { LessonCatalog } from '../sandbox/lessons/catalog.js';
import { resolvePython } from '../sandbox/process/python.js';

const USAGE = 'usage: npm run check -- <lesson-id> [--solution | --starter | --dir <path>]';
const root = fileURLToPath(new URL('..', import.meta.url));

function parseArgs(args: string[]): { lessonId: string; source: ProgramSource; label: string } {
  const [lessonId, flag, value, ...rest] = args;
  if (!lessonId || lessonId.startsWith('-') || rest.length) throw new Error(USAGE);
  if (flag === undefined || flag === '--solution') return { lessonId, source: 'solution', label: 'reference solution' };
  if (flag === '--starter') return { lessonId, source: 'starter', label: 'starter' };
  // A learner's folder is laid over the starter: a file it lacks is the starter's, never the solution's.
  if (flag === '--dir' && value) return { lessonId, source: { dir: resolve(value), over: 'starter' }, label: value };
  throw new Error(USAGE);
}

async function main(): Promise<number> {
  const { lessonId, source, label } = parseArgs(process.argv.slice(2));
  const catalog = LessonCatalog.load(`${root}lessons`);
  const lesson = catalog.get(lessonId);
  if (!lesson)
    throw new Error(
      `no lesson "${lessonId}"; lessons: ${catalog
        .list()
        .map((l) => l.id)
        .join(', ')}`,
    );
  if (!hasChecks(lesson)) throw new Error(`lesson "${lessonId}" has no checks.ts`);
  const python = resolvePython();
  const sandbox = await chooseSandbox(python, { ...consoleLogger, info: () => {} });
  if (sandbox.off) consoleLogger.warn(`checking without the sandbox: ${sandbox.off.reason}`);
  try {
    const files = programFilesWithOrigin(lesson, source);
    if (typeof source === 'object') {
      const from = (origin: string) => [...files].filter(([, f]) => f.origin === origin).map(([p]) => p);
      console.log(`files from ${label}: ${from('folder').join(', ') || 'none'}`);
      if (from('starter').length) console.log(`files from the starter (missing in ${label}): ${from('starter').join(', ')}`);
    }
    const summary = await runChecks({ lesson, files: programFiles(lesson, source), provider: sandbox.provider, python: python.executable });
    console.log(reportText(summary, label));
    return summary.passed ? 0 : 1;
  } finally {
    sandbox.provider.close?.();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(2);
  },
);
