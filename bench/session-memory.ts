// What one idle lesson tab costs the server: its session's processes (namespace holder, two shells,
// the fault agent when the lesson has proxies) summed from /proc/<pid>/smaps_rollup, RSS and PSS
// (PSS shares pages like the node binary's code fairly between the processes that map them).
import { readFileSync } from 'node:fs';
import { spawnBaselineShell } from './baseline-terminal.js';
import { findSessionProcesses } from '../sandbox/process/process-tree.js';
import { sessionMarker } from '../sandbox/sessions/shell-command.js';
import type { TestLab } from '../test/support/lab-harness.js';
import { SessionSocketClient } from '../test/support/session-socket-client.js';
import { TerminalClient } from '../test/support/terminal-client.js';
import { mb, type ReportLine } from './stats.js';

function memoryOf(pid: number): { rss: number; pss: number } {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    return { rss: kb('Rss'), pss: kb('Pss') };
  } catch {
    return { rss: 0, pss: 0 }; // gone meanwhile
  }
}

/** Opens a lesson as a tab does (session, both terminals, the Break-it panel's channel) and sums its processes. */
async function idleTab(lab: TestLab, lesson: string): Promise<{ rss: number; pss: number; processes: number; agent: boolean }> {
  const id = await lab.createSession(lesson);
  const terminals = await Promise.all(['server', 'client'].map((terminal) => TerminalClient.connect(lab, { session: id, terminal })));
  await Promise.all(terminals.map((t) => t.waitForOutput('$ ', 20_000)));
  const panel = await SessionSocketClient.open(lab, id);
  const session = lab.lab.registry.get(id)!;
  const agent = session.faults?.needsAgent ?? false;
  if (agent) await panel.waitFor(() => panel.events.some((e) => e.kind === 'ready'), 15_000, 'the fault agent');
  await new Promise((r) => setTimeout(r, 1000)); // let start-up settle into idle
  const roots = [...[...session.terminals.values()].map((t) => t.pid), ...session.confinement.infrastructurePids()];
  const pids = new Set(await findSessionProcesses(roots, sessionMarker(id)));
  if (agent) pids.add((await session.faults!.startAgent()).pid);
  const total = [...pids].map(memoryOf).reduce((a, b) => ({ rss: a.rss + b.rss, pss: a.pss + b.pss }), { rss: 0, pss: 0 });
  panel.close();
  await Promise.all(terminals.map((t) => t.close()));
  await lab.lab.registry.end(id);
  return { ...total, processes: pids.size, agent };
}

/** The baseline: what a plain web terminal's idle tab costs, two bash shells under node-pty (no sandbox). */
async function plainTab(): Promise<{ rss: number; pss: number }> {
  const shells = [0, 1].map(() => spawnBaselineShell());
  await new Promise((r) => setTimeout(r, 1000));
  const total = shells.map((s) => memoryOf(s.pid)).reduce((a, b) => ({ rss: a.rss + b.rss, pss: a.pss + b.pss }), { rss: 0, pss: 0 });
  for (const s of shells) s.kill();
  return total;
}

export async function measureSessionMemory(lab: TestLab): Promise<ReportLine[]> {
  const plain = await plainTab();
  const lines: ReportLine[] = [
    { what: 'baseline: idle tab of a plain xterm.js + node-pty terminal (2 bash)', value: `RSS ${mb(plain.rss)}, PSS ${mb(plain.pss)}` },
  ];
  for (const lesson of ['01-first-socket', '04-timeouts']) {
    const tab = await idleTab(lab, lesson);
    lines.push({
      what: `idle tab of ${lesson} (${tab.processes} processes${tab.agent ? ', fault agent' : ', no agent needed'})`,
      value: `RSS ${mb(tab.rss)}, PSS ${mb(tab.pss)} (${(tab.rss / plain.rss).toFixed(1)}× / ${(tab.pss / plain.pss).toFixed(1)}× the baseline)`,
      budget: '≤ 10 MiB RSS',
      ok: tab.rss <= 10 * 1024 * 1024,
    });
  }
  return lines;
}
