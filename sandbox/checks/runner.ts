// Runs a lesson's checks against a program: fresh workspaces in fresh sandboxes (a server the
// learner left running in a terminal cannot interfere), several checks at a time, each in its
// own sandbox, the longest first, the files restored before every check, everything a check started ended after it,
// an overall time budget, progress streamed, and always cleaned up.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { labTempDir } from '../host/lab-instance.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckProgress, CheckResult, CheckSummary } from '../../schema/checks.js';
import type { Lesson } from '../lessons/catalog.js';
import type { Confinement, ConfinementProvider } from '../process/launch.js';
import { CheckFailure, checkId, say, type CheckDefinition, type CheckSuite } from './check-api.js';
import { RUN_WORDS } from './run-words.js';
import type { Lang } from '../../schema/langs.js';
import { checkOrder } from './check-order.js';
import { checkSlots } from './check-slots.js';
import { CheckLabImpl } from './check-lab.js';
import { crashHint } from './program.js';
import { lessonLayout } from '../../schema/lesson-layout.js';

export const DEFAULT_BUDGET_MS = 30_000;
const DEFAULT_CHECK_TIMEOUT_MS = 8000;
/**
 * Checks run side by side in up to this many sandboxes (and no more than the lab's check slots):
 * with the longest started first, a lesson's run takes about as long as its longest check.
 */
const MAX_LANES = 4;

export interface CheckRunOptions {
  lesson: Lesson;
  files: Map<string, Buffer>;
  provider: ConfinementProvider;
  python: string;
  budgetMs?: number;
  /** Run only the checks with these names (the honesty test grades a broken program on its targets). */
  only?: string[];
  /** The language of the learner's page: names, results and hints are in it where the lesson has it. */
  lang?: Lang;
  onProgress?: (progress: CheckProgress) => void;
}

/** Imports lessons/<id>/checks.ts (the lab runs under tsx, so TypeScript imports directly). */
export async function loadCheckSuite(lesson: Lesson): Promise<CheckSuite> {
  const module = (await import(pathToFileURL(lessonLayout(lesson.dir).checks).href)) as { default?: CheckSuite };
  if (!module.default?.checks?.length) throw new Error(`${lesson.id}/checks.ts must export default defineChecks([...]) with at least one check`);
  return module.default;
}

export async function runChecks(options: CheckRunOptions): Promise<CheckSummary> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => {});
  const words = RUN_WORDS[options.lang ?? 'en'];
  const results: CheckResult[] = [];
  let problem: string | undefined;
  try {
    problem = await runSuite(options, started, results, progress);
  } catch (err) {
    problem = words.runFailed((err as Error).message);
  }
  // Sent only once everything is cleaned up: the next Check may start at once.
  const summary: CheckSummary = {
    lesson: options.lesson.id,
    results,
    passed: !problem && results.length > 0 && results.every((r) => r.outcome === 'passed'),
    durationMs: Date.now() - started,
    ...(problem ? { problem } : {}),
  };
  progress({ type: 'check.done', summary });
  return summary;
}

/** Runs every check into `results`; returns a problem sentence when the run itself fell short. */
async function runSuite(options: CheckRunOptions, started: number, results: CheckResult[], progress: (p: CheckProgress) => void): Promise<string | undefined> {
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const lang = options.lang ?? 'en';
  const words = RUN_WORDS[lang];
  let suite: CheckSuite;
  try {
    suite = await loadCheckSuite(options.lesson);
  } catch (err) {
    return words.suiteNotLoaded((err as Error).message);
  }
  const only = options.only;
  if (only) suite = { ...suite, checks: suite.checks.filter((c) => only.includes(checkId(c))) };
  progress({ type: 'check.started', names: suite.checks.map((c) => say(c.name, lang)) });

  // Sandboxed runs use other uids: they must be able to pass through the folder to their workspaces.
  const root = labTempDir('check');
  chmodSync(root, 0o711);
  const runId = randomBytes(9).toString('base64url');
  const lanes: Lane[] = [];
  try {
    try {
      lanes.push(await openLane(options.provider, root, runId, 0));
      // Every lane is a sandbox with its own network, so checks in different lanes can use the same
      // ports at the same time; without the sandbox they would share the host's, so one lane only.
      const count = lanes[0].confinement.mode === 'unsandboxed' ? 1 : Math.min(MAX_LANES, checkSlots.size, suite.checks.length);
      const more = await Promise.allSettled(Array.from({ length: count - 1 }, (_, i) => openLane(options.provider, root, runId, i + 1)));
      for (const lane of more) if (lane.status === 'fulfilled') lanes.push(lane.value);
      const failed = more.find((lane) => lane.status === 'rejected');
      if (failed) throw failed.reason; // the lanes that did open are disposed below
    } catch (err) {
      return words.sandboxNotStarted((err as Error).message);
    }
    const byIndex: CheckResult[] = [];
    let cutByBudget = false;
    const lesson = options.lesson.id;
    const order = checkOrder.order(
      lesson,
      suite.checks.map((c) => checkId(c)),
    );
    let next = 0;
    await Promise.all(
      lanes.map(async (lane) => {
        let queuedMs = 0; // time this lane waited for a slot: not spent by this run, so not taken from its budget
        for (let index = order[next++]; index !== undefined; index = order[next++]) {
          const check = suite.checks[index];
          // Queued behind other learners' checks on a busy lab: waiting here costs time, never a verdict.
          const queuedAt = Date.now();
          const release = await checkSlots.acquire();
          queuedMs += Date.now() - queuedAt;
          try {
            const left = budgetMs - (Date.now() - started - queuedMs);
            if (left <= 0) {
              byIndex[index] = {
                name: say(check.name, lang),
                outcome: 'failed',
                durationMs: 0,
                actual: words.notRun(budgetMs / 1000),
                hints: [],
              };
              continue;
            }
            progress({ type: 'check.running', name: say(check.name, lang) });
            await resetWorkspace(options.files, lane.confinement);
            const lab = new CheckLabImpl({ confinement: lane.confinement, python: options.python, marker: ['SOCKET_LAB_CHECK', lane.id] });
            const ownTimeout = check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
            byIndex[index] = await runOne(check, lab, Math.min(left, ownTimeout), lang);
            if (left < ownTimeout && byIndex[index].durationMs >= left) cutByBudget = true; // stopped by the run's budget, not its own
            checkOrder.record(lesson, checkId(check), byIndex[index].durationMs);
            progress({ type: 'check.result', result: byIndex[index] });
          } finally {
            release();
          }
        }
      }),
    );
    results.push(...byIndex);
    // Only a check the budget cut short or left unrun says the budget ran out: wall time also counts the waits
    // for a check slot on a busy lab, which are not this run's (a correct program must not fail because others pressed Check).
    const spent = cutByBudget || results.some((r) => r.actual === words.notRun(budgetMs / 1000));
    return spent ? words.budgetSpent(budgetMs / 1000) : undefined;
  } finally {
    await Promise.all(lanes.map((lane) => lane.confinement.dispose().catch(() => {})));
    rmSync(root, { recursive: true, force: true });
  }
}

/** One sandbox with its own workspace; a lane runs one check at a time. */
interface Lane {
  id: string;
  workspace: string;
  confinement: Confinement;
}

async function openLane(provider: ConfinementProvider, root: string, runId: string, index: number): Promise<Lane> {
  const id = `${runId}-${index}`;
  const workspace = join(root, `workspace-${index}`);
  mkdirSync(workspace);
  return { id, workspace, confinement: await provider.create({ id: `check-${id}`, workspace }) };
}

/** Empties the workspace and writes the program's files again (a program may have deleted them). */
async function resetWorkspace(files: Map<string, Buffer>, confinement: Confinement): Promise<void> {
  await confinement.files.reset([...files].map(([path, content]) => ({ path, content })));
}

async function runOne(check: CheckDefinition, lab: CheckLabImpl, timeoutMs: number, lang: Lang): Promise<CheckResult> {
  const started = Date.now();
  const words = RUN_WORDS[lang];
  const base = { name: say(check.name, lang), hints: (check.hints ?? []).map((hint) => say(hint, lang)) };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailure({ expected: words.timeoutExpected(timeoutMs / 1000), actual: words.timeoutActual })), timeoutMs);
  });
  try {
    await Promise.race([check.run(lab), timeout]);
    return { ...base, outcome: 'passed', durationMs: Date.now() - started };
  } catch (err) {
    if (err instanceof CheckFailure) {
      const [expected, actual] = [say(err.failure.expected, lang), say(err.failure.actual, lang)];
      const hint = err.failure.hint && say(err.failure.hint, lang);
      // A crash explains a failure better than any hint: show the end of the traceback, as the terminal would.
      const traceback = await lab.lastTraceback();
      // Hints follow what was seen: the check's hint for this exact failure, then the crash, then the general ones.
      const hints = [...(hint ? [hint] : []), ...(traceback ? [crashHint(traceback, lang)] : []), ...base.hints];
      return { ...base, outcome: 'failed', durationMs: Date.now() - started, expected, actual, hints, ...(traceback ? { traceback } : {}) };
    }
    return { ...base, outcome: 'error', durationMs: Date.now() - started, actual: words.checkBroke((err as Error).message) };
  } finally {
    clearTimeout(timer);
    await lab.cleanUp();
  }
}
