// Every lesson shows what it says: each experiment in a lesson's frontmatter (schema/experiments.ts)
// is run as a learner runs it — a fresh session, the lesson's real terminals, Run buttons typed into
// them, faults switched through the session socket — and each `shows` is asserted on the screen, for
// an English page and for a Japanese one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LessonCatalog } from '../../sandbox/lessons/catalog.js';
import { programFiles } from '../../sandbox/checks/sources.js';
import type { Experiment } from '../../schema/experiments.js';
import { DEFAULT_LANG, LANGS, type Lang } from '../../schema/langs.js';
import { lessonLayout } from '../../schema/lesson-layout.js';
import { existsSync } from 'node:fs';
import { repoRoot, startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import { SessionSocketClient } from '../support/session-socket-client.js';
import { stripAnsi } from '../support/fixtures.js';
import { jailSkip } from '../support/jail.js';

const lessons = LessonCatalog.load(`${repoRoot}lessons`).list();
let lab: TestLab;
before(async () => {
  if (!jailSkip) lab = await startTestLab();
});
after(() => lab?.close());

async function runExperiment(lessonId: string, terminalIds: string[], experiment: Experiment, lang: Lang): Promise<void> {
  // A page in `lang` gets its session's starter, and its editor's solution, with comments in that language.
  const session = await lab.createSession(lessonId, lang);
  const terminals = new Map<string, TerminalClient>();
  for (const id of terminalIds) terminals.set(id, await TerminalClient.connect(lab, { session, terminal: id, cols: 160 }));
  await Promise.all([...terminals.values()].map((t) => t.waitForOutput('$ ')));
  const lesson = lessons.find((l) => l.id === lessonId)!;
  // A Run saves the editor's files first: with `code: solution`, the editor holds the reference solution.
  const files =
    experiment.code === 'solution' ? [...programFiles(lesson, 'solution', lang)].map(([path, content]) => ({ path, content: content.toString('utf8') })) : [];
  // The page opens the session channel as it loads (it starts the fault agent and the lesson's proxies), so do we.
  const faults = await SessionSocketClient.open(lab, session);
  // Where every terminal's output stood when the last action began: a step that only waits reads from there.
  let lastAction = new Map<string, number>();
  try {
    for (const [i, step] of experiment.steps.entries()) {
      // A run goes to its own terminal; `shows` is read from `terminal` when given (e.g. the server's, after Run client).
      const runTerminal = lesson.meta.run.find((r) => r.label === step.run)?.terminal;
      const terminalId = step.terminal ?? runTerminal;
      const screen = terminalId ? terminals.get(terminalId)! : undefined;
      if (step.after) await new Promise((r) => setTimeout(r, step.after));
      const waitsOnly = step.run === undefined && step.fault === undefined && step.keys === undefined;
      if (!waitsOnly) lastAction = new Map([...terminals].map(([id, t]) => [id, t.output.length]));
      const from = waitsOnly ? (lastAction.get(terminalId!) ?? 0) : (screen?.output.length ?? 0);
      if (step.run !== undefined) terminals.get(runTerminal!)!.send({ type: 'run', label: step.run, files });
      else if (step.keys !== undefined) screen!.type(step.keys);
      else if (step.fault !== undefined) {
        const status = await faults.set(step.fault!, step.on ?? true);
        assert.equal(status.on, step.on ?? true, `step ${i + 1}: fault ${step.fault} did not switch: ${status.error ?? status.unavailable ?? ''}`);
      }
      if (step.shows === undefined) continue;
      const pattern = new RegExp(step.shows);
      const what = `step ${i + 1} (${step.run ?? step.fault ?? 'keys'}) to show /${step.shows}/ in ${terminalId} within ${step.within} ms`;
      await screen!.waitFor((c) => pattern.test(stripAnsi(c.output.slice(from))), step.within, what);
    }
  } finally {
    faults.close();
    await Promise.all([...terminals.values()].map((t) => t.close()));
    await lab.lab.registry.end(session);
  }
}

// Every experiment as an English page runs it, and again as a Japanese page does (its files carry
// Japanese comments; the text promises the same outcomes in both languages).
for (const lang of LANGS) {
  for (const lesson of lessons.filter((l) => lang === DEFAULT_LANG || existsSync(lessonLayout(l.dir).textJa))) {
    for (const experiment of lesson.meta.experiments) {
      const name = `${lesson.id}: ${experiment.name}${lang === DEFAULT_LANG ? '' : ` (${lang})`}`;
      test(name, { skip: jailSkip }, () =>
        runExperiment(
          lesson.id,
          lesson.meta.terminals.map((t) => t.id),
          experiment,
          lang,
        ),
      );
    }
  }
}

test('the course has experiments to run', { skip: jailSkip }, () => {
  assert.ok(lessons.reduce((n, l) => n + l.meta.experiments.length, 0) > 0);
});
