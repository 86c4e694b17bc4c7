// Check my code: how long a lesson's full check run takes (fresh sandbox, every check, cleanup),
// for the reference solution and the starter. Budget: 3 s per lesson.
import { runChecks } from '../sandbox/checks/runner.js';
import { hasChecks, programFiles } from '../sandbox/checks/sources.js';
import { LessonCatalog } from '../sandbox/lessons/catalog.js';
import { repoRoot, type TestLab } from '../test/support/lab-harness.js';
import { median, type ReportLine } from './stats.js';

const RUNS = 3;
const BUDGET_MS = 3000; // the goal: every lesson's full run within 3 s

export async function measureChecks(lab: TestLab): Promise<ReportLine[]> {
  const lines: ReportLine[] = [];
  // The course itself, not the bench lab's copy: checks.ts import the API by relative path.
  for (const lesson of LessonCatalog.load(`${repoRoot}lessons`).list().filter(hasChecks)) {
    for (const source of ['solution', 'starter'] as const) {
      const durations: number[] = [];
      const longest: number[] = [];
      let verdict = '';
      for (let i = 0; i < RUNS; i++) {
        const summary = await runChecks({ lesson, files: programFiles(lesson, source), provider: lab.lab.sandbox, python: lab.lab.python.executable });
        durations.push(summary.durationMs);
        longest.push(Math.max(...summary.results.map((r) => r.durationMs)));
        verdict = summary.problem ?? `${summary.results.filter((r) => r.outcome === 'passed').length}/${summary.results.length} pass`;
      }
      const value = median(durations);
      // The floor: checks run side by side, so a run cannot be shorter than its longest check, whose
      // waits the statement's own numbers may set (a 3 s idle timeout takes 3 s to see).
      const floor = median(longest);
      lines.push({
        what: `${lesson.id} ${source} (${verdict}), median of ${RUNS}`,
        value: `${(value / 1000).toFixed(2)} s (its longest check ${(floor / 1000).toFixed(2)} s; run − longest ${((value - floor) / 1000).toFixed(2)} s)`,
        budget: '≤ 3 s',
        ok: value <= BUDGET_MS,
      });
    }
  }
  return lines;
}
