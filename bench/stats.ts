// Small statistics and formatting helpers for the bench report.
export function median(values: number[]): number {
  return quantile(values, 0.5);
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface ReportLine {
  what: string;
  value: string;
  budget?: string;
  /** true = within budget, false = over, undefined = no budget. */
  ok?: boolean;
}

export function printSection(title: string, lines: ReportLine[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...lines.map((l) => l.what.length));
  for (const line of lines) {
    const verdict = line.ok === undefined ? '' : line.ok ? '  ✓ within budget' : '  ✗ over budget';
    const budget = line.budget ? `   (budget ${line.budget})` : '';
    console.log(`  ${line.what.padEnd(width)}  ${line.value}${budget}${verdict}`);
  }
}

export const now = () => Number(process.hrtime.bigint()) / 1e6;
