// Sessions under the sandbox: how fast a new one is ready, what the jail adds to a Python start,
// what an idle session costs, and whether this machine holds 200 of them (DESIGN §8).
import { readFileSync } from 'node:fs';
import { spawnBaselineShell } from './baseline-terminal.js';
import { launch } from '../sandbox/process/launch.js';
import type { TestLab } from '../test/support/lab-harness.js';
import { TerminalClient } from '../test/support/terminal-client.js';
import { mb, median, ms, now, type ReportLine } from './stats.js';

const LESSON = '01-first-socket';

function memAvailable(): number {
  const line = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))!;
  return Number(line[1]) * 1024;
}

async function openIdleSession(lab: TestLab): Promise<{ session: string; clients: TerminalClient[]; ms: number }> {
  const t = now();
  const session = await lab.createSession(LESSON);
  const clients = await Promise.all(['server', 'client'].map((terminal) => TerminalClient.connect(lab, { session, terminal })));
  await Promise.all(clients.map((c) => c.waitForOutput('$ ', 20_000)));
  return { session, clients, ms: now() - t };
}

function pythonStart(lab: TestLab, session: string, sandboxed: boolean): Promise<number> {
  const s = lab.lab.registry.get(session)!;
  const confinement = sandboxed ? s.confinement : { ...s.confinement, wrap: (c: never) => c };
  return new Promise((resolve, reject) => {
    const t = now();
    const child = launch(confinement, { kind: 'pipes', argv: ['/usr/bin/python3', '-c', 'pass'], cwd: s.workspace, env: { PATH: '/usr/bin' } });
    child.once('exit', (code) => (code === 0 ? resolve(now() - t) : reject(new Error(`python exited ${code}`))));
  });
}

/** Waits until the lab's warm pool holds `ready` sessions, or empties it to none by taking and ending them. */
async function untilPool(lab: TestLab, ready: number): Promise<void> {
  const pool = lab.lab.registry.warm;
  while (pool.readyCount > ready) await lab.lab.registry.end(await lab.createSession(LESSON));
  for (let waited = 0; pool.readyCount < ready; waited += 20) {
    if (waited > 30_000) throw new Error('the warm pool did not refill within 30 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The baseline: a plain web terminal's new tab, two bash shells under node-pty until both prompts show. */
async function plainSession(): Promise<number> {
  const t = now();
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise<void>((resolve, reject) => {
          const shell = spawnBaselineShell();
          const timer = setTimeout(() => (shell.kill(), reject(new Error('the baseline bash showed no prompt within 10 s'))), 10_000);
          let seen = '';
          shell.onData((d) => {
            seen += String(d);
            if (seen.includes('$ ')) {
              clearTimeout(timer);
              shell.kill();
              resolve();
            }
          });
        }),
    ),
  );
  return now() - t;
}

export async function measureSessions(lab: TestLab, idleTarget = 200): Promise<ReportLine[]> {
  // New session: API call, namespace + lab network, two shells, both prompts on screen. A learner
  // usually finds a warm session waiting; one arriving in a burst, after the pool ran dry, waits for a build.
  const first: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < 20; i++) {
    const warm = i % 2 === 0;
    await untilPool(lab, warm ? 1 : 0);
    const { session, clients, ms: took } = await openIdleSession(lab);
    (warm ? first : cold).push(took);
    await Promise.all(clients.map((c) => c.close()));
    await lab.lab.registry.end(session); // ended now: the idle count below starts from none
  }
  const baseline: number[] = [];
  for (let i = 0; i < 10; i++) baseline.push(await plainSession());
  const session = await lab.createSession(LESSON);
  const plain: number[] = [];
  const jailed: number[] = [];
  for (let i = 0; i < 20; i++) {
    plain.push(await pythonStart(lab, session, false));
    jailed.push(await pythonStart(lab, session, true));
  }
  await lab.lab.registry.end(session);

  // Idle sessions: each with its two shells open, as a learner leaves a lesson tab.
  const availableBefore = memAvailable();
  const rssBefore = process.memoryUsage().rss;
  const open: TerminalClient[] = [];
  const sessions: string[] = [];
  let held = 0;
  try {
    for (; held < idleTarget; held++) {
      const idle = await openIdleSession(lab);
      open.push(...idle.clients);
      sessions.push(idle.session);
    }
  } catch (err) {
    console.log(`  (stopped at ${held} idle sessions: ${(err as Error).message})`);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const used = availableBefore - memAvailable();
  const perSession = used / Math.max(held, 1);
  const serverGrowth = process.memoryUsage().rss - rssBefore;
  await Promise.all(open.map((c) => c.close()));
  // Ended here, not left to expire: 200 sessions tearing down a minute later would load the host
  // under the next section (the load section's 10 learners saw their Check p50 go from 1.1 s to 4.6 s).
  await Promise.all(sessions.map((id) => lab.lab.registry.end(id)));

  const sandboxed = lab.lab.sandbox.mode === 'sandboxed';
  return [
    { what: `sandbox`, value: sandboxed ? 'ON (jail)' : 'OFF (unsandboxed local mode)' },
    {
      what: 'new session → both prompts, a warm session ready (the usual case), median of 10',
      value: `${ms(median(first))} (${(median(first) / median(baseline)).toFixed(1)}× the baseline)`,
      budget: '≤ 50 ms',
      ok: median(first) <= 50,
    },
    {
      what: 'new session → both prompts, the pool run dry (built on demand), median of 10',
      value: `${ms(median(cold))} (${(median(cold) / median(baseline)).toFixed(1)}× the baseline)`,
    },
    { what: 'baseline: two bash prompts under node-pty, no sandbox, median of 10', value: ms(median(baseline)) },
    { what: 'python3 -c pass, plain, median', value: ms(median(plain)) },
    { what: `python3 -c pass, ${sandboxed ? 'in the jail' : 'through launch()'}, median`, value: ms(median(jailed)) },
    { what: `idle sessions held (2 shells each)`, value: `${held} of ${idleTarget}`, budget: '≥ 200', ok: held >= 200 },
    { what: 'memory used by them (MemAvailable drop)', value: mb(used) },
    { what: 'memory per idle session', value: mb(perSession) },
    { what: 'of which lab server growth', value: mb(serverGrowth) },
    { what: 'idle sessions this machine could hold (memory)', value: String(Math.floor(availableBefore / perSession)) },
  ];
}
