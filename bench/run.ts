// `npm run bench`: the performance report (DESIGN §8). Numbers with their budgets beside them;
// it reports, it never fails on a budget.
import { ensureSiteBuilt } from '../sandbox/server/build-site.js';
import { repoRoot, type TestLab } from '../test/support/lab-harness.js';
import { startBenchLab } from './bench-lab.js';
import { measureBrowserTerminal } from './browser-terminal.js';
import { measureChecks } from './checks.js';
import { measureFaultProxy } from './fault-proxy.js';
import { measureLoad } from './load.js';
import { measurePageWeight } from './page-weight.js';
import { measureSessionMemory } from './session-memory.js';
import { measureSessions } from './sessions.js';
import { printSection, type ReportLine } from './stats.js';
import { measureTerminalSpeed } from './terminal-speed.js';

const SECTIONS = {
  pages: ['Page weight', measurePageWeight],
  terminal: ['Terminal', measureTerminalSpeed],
  browser: ['Terminal in a real browser, beside a plain xterm.js + node-pty + ws terminal', measureBrowserTerminal],
  proxy: ['Fault proxy', () => measureFaultProxy()],
  checks: ['Check my code', measureChecks],
  memory: ['Memory of an idle lesson tab', measureSessionMemory],
  sessions: ['Sessions', (lab) => measureSessions(lab, Number(process.env.BENCH_IDLE_SESSIONS ?? 200))],
  load: [
    'Under load: simulated learners on a lab in its own process',
    () => measureLoad((process.env.BENCH_LOAD_LEARNERS ?? '10,20,30').split(',').map(Number), Number(process.env.BENCH_LOAD_SECONDS ?? 60)),
  ],
} satisfies Record<string, [string, (lab: TestLab) => Promise<ReportLine[]>]>;

// `npm run bench -- checks terminal` measures those sections only; no argument measures them all.
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`unknown bench section(s): ${unknown.join(', ')}; choose from ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
const chosen = asked.length ? asked : Object.keys(SECTIONS);

await ensureSiteBuilt(repoRoot);
const lab = await startBenchLab();
console.log(`Socket Lab bench — ${new Date().toISOString()} — Node ${process.version}, sandbox ${lab.lab.sandbox.mode}`);
try {
  for (const name of chosen) {
    const [title, measure] = SECTIONS[name as keyof typeof SECTIONS];
    printSection(title, await measure(lab));
  }
} finally {
  await lab.close();
}
