// A check run as plain text, for the CLI and CI logs: one line per check, details under failures.
import type { CheckSummary } from '../../schema/checks.js';

const MARK = { passed: '✓', failed: '✗', error: '!' } as const;

export function reportText(summary: CheckSummary, label: string): string {
  const lines = [`${summary.lesson} (${label})`];
  for (const r of summary.results) {
    lines.push(`  ${MARK[r.outcome]} ${r.name}  (${(r.durationMs / 1000).toFixed(2)} s)`);
    if (r.outcome === 'passed') continue;
    if (r.expected) lines.push(`      expected: ${r.expected}`);
    if (r.actual) lines.push(`      actual:   ${r.actual}`);
    if (r.traceback) lines.push('      traceback:', ...r.traceback.split('\n').map((l) => `        ${l}`));
    if (r.hints[0]) lines.push(`      hint:     ${r.hints[0]}`);
  }
  if (summary.problem) lines.push(`  ${summary.problem}`);
  const passed = summary.results.filter((r) => r.outcome === 'passed').length;
  lines.push(`  ${passed}/${summary.results.length} passed in ${(summary.durationMs / 1000).toFixed(2)} s${summary.passed ? '' : ' — NOT all passed'}`);
  return lines.join('\n');
}
