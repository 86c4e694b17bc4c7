// `npm run bench`: the performance report (DESIGN §8). Numbers with their budgets beside them;
// it reports, it never fails on a budget.
import { ensureSiteBuilt } from '../sandbox/server/build-site.js';
import { repoRoot } from '../test/support/lab-harness.js';
import { startBenchLab } from './bench-lab.js';
import { measureChecks } from './checks.js';
import { measureFaultProxy } from './fault-proxy.js';
import { measurePageWeight } from './page-weight.js';
import { measureSessions } from './sessions.js';
import { printSection } from './stats.js';
import { measureTerminalSpeed } from './terminal-speed.js';

await ensureSiteBuilt(repoRoot);
const lab = await startBenchLab();
console.log(`Socket Lab bench — ${new Date().toISOString()} — Node ${process.version}, sandbox ${lab.lab.sandbox.mode}`);
try {
  printSection('Page weight', await measurePageWeight(lab));
  printSection('Terminal', await measureTerminalSpeed(lab));
  printSection('Fault proxy', await measureFaultProxy());
  printSection('Check my code', await measureChecks(lab));
  printSection('Sessions', await measureSessions(lab, Number(process.env.BENCH_IDLE_SESSIONS ?? 200)));
} finally {
  await lab.close();
}
