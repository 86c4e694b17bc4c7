// Under load: N simulated learners on one lab, as a class would use it. The lab runs in a process of
// its own, as `npm start` runs it, so the learners (driven from this process) do not share its event
// loop. Each learner works through lesson 1 with the reference solution: opens the lesson (session,
// two terminals), runs the server, then until the time is up types into the client shell (echo),
// runs the client, presses Check and now and then reattaches its client terminal (a reload).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { programFiles } from '../sandbox/checks/sources.js';
import { LessonCatalog } from '../sandbox/lessons/catalog.js';
import { createSessionAt, repoRoot, type LabEndpoint } from '../test/support/lab-harness.js';
import { SessionSocketClient } from '../test/support/session-socket-client.js';
import { spawnLab } from '../test/support/spawned-lab.js';
import { TerminalClient } from '../test/support/terminal-client.js';
import { ms, now, quantile, type ReportLine } from './stats.js';

const LESSON = '01-first-socket';
/** How often a learner does each thing, in seconds (each wait jittered ±50 %). */
const EVERY = { keystroke: 1, runClient: 10, check: 30, reattach: 45 };
const GOALS = { echoP95: 50, runP95: 100, checkP95: 5000 };

interface Samples {
  echo: number[];
  run: number[];
  check: number[];
  reattach: number[];
  errors: string[];
  /** Check runs of the correct program that did not pass. */
  flipped: number;
}

const jittered = (seconds: number) => seconds * 1000 * (0.5 + Math.random());
const sleep = (msecs: number) => new Promise((resolve) => setTimeout(resolve, msecs));

/** Milliseconds from `act` to the terminal's next output byte. */
async function untilNextByte(terminal: TerminalClient, act: () => void, timeoutMs = 30_000): Promise<number> {
  const before = terminal.bytesReceived;
  const t = now();
  act();
  await terminal.waitFor((c) => c.bytesReceived > before, timeoutMs, 'output');
  return now() - t;
}

async function learner(lab: LabEndpoint, files: Array<{ path: string; content: string }>, until: number, samples: Samples): Promise<void> {
  const session = await lab.createSession(LESSON);
  const open = (terminal: string) => TerminalClient.connect(lab, { session, terminal, tailChars: 8192 });
  const server = await open('server');
  let client = await open('client');
  const channel = await SessionSocketClient.open(lab, session);
  try {
    await Promise.all([server, client].map((c) => c.waitForOutput('$ ', 30_000)));
    samples.run.push(await untilNextByte(server, () => server.send({ type: 'run', label: 'Run server', files })));
    await server.waitForOutput('Listening on', 30_000);

    const due = { runClient: now() + jittered(EVERY.runClient), check: now() + jittered(EVERY.check), reattach: now() + jittered(EVERY.reattach) };
    while (now() < until) {
      await sleep(jittered(EVERY.keystroke));
      // A keystroke and its echo; then Backspace, so the line stays empty for the next Run.
      samples.echo.push(await untilNextByte(client, () => client.type('x')));
      await untilNextByte(client, () => client.type('\x7f'));

      if (now() >= due.runClient) {
        client.output = ''; // what the client prints next is this run's
        samples.run.push(await untilNextByte(client, () => client.send({ type: 'run', label: 'Run client', files })));
        await client.waitFor((c) => /Received:[\s\S]*\$ /.test(c.output), 30_000, 'the client to finish');
        due.runClient = now() + jittered(EVERY.runClient);
      }
      if (now() >= due.check) {
        const before = channel.messages.length;
        const t = now();
        channel.send({ type: 'check.run', files });
        await channel.waitFor(() => channel.messages.slice(before).some((m) => m.type === 'check.done' || m.type === 'error'), 60_000, 'check.done');
        const done = channel.messages.slice(before).find((m) => m.type === 'check.done');
        samples.check.push(now() - t);
        if (!done || !done.summary.passed) samples.flipped++;
        due.check = now() + jittered(EVERY.check);
      }
      if (now() >= due.reattach) {
        const t = now();
        await client.close();
        client = await open('client');
        await client.waitForMessage('replay', 30_000);
        samples.reattach.push(now() - t);
        due.reattach = now() + jittered(EVERY.reattach);
      }
    }
  } finally {
    channel.close();
    await Promise.all([server.close(), client.close()]);
  }
}

/** A lab somebody else started, from the URL with its token that `npm start` printed. */
function runningLab(url: string): LabEndpoint & { pid?: number } {
  const { port, origin, searchParams } = new URL(url);
  const cookie = `socketlab_token_${port}=${searchParams.get('token')}`;
  const headers = { Origin: origin, Cookie: cookie };
  return { port: Number(port), origin, cookie, headers, createSession: (lesson) => createSessionAt(origin, headers, lesson), close: async () => {} };
}

/** CPU seconds the process has used so far (user + system, from /proc: clock ticks). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

export async function measureLoad(levels: number[], seconds: number): Promise<ReportLine[]> {
  const lesson = LessonCatalog.load(`${repoRoot}lessons`).get(LESSON)!;
  const files = [...programFiles(lesson, 'solution')].map(([path, content]) => ({ path, content: content.toString('utf8') }));
  // BENCH_LOAD_LAB=<the URL npm start printed> drives a lab already running (say, one started
  // with --cpu-prof to see what holds its event loop); by default the bench starts its own.
  const lab = process.env.BENCH_LOAD_LAB ? runningLab(process.env.BENCH_LOAD_LAB) : await spawnLab();
  const lines: ReportLine[] = [
    {
      what: 'learner',
      value: `lesson 1, correct program; keystroke every ~${EVERY.keystroke} s, Run client ~${EVERY.runClient} s, Check ~${EVERY.check} s, reattach ~${EVERY.reattach} s`,
    },
  ];
  try {
    for (const learners of levels) {
      const samples: Samples = { echo: [], run: [], check: [], reattach: [], errors: [], flipped: 0 };
      const cpuBefore = lab.pid ? cpuSeconds(lab.pid) : NaN;
      const t = now();
      const until = t + seconds * 1000;
      await Promise.all(
        Array.from({ length: learners }, async (_, i) => {
          await sleep((i / learners) * 5000); // they do not all arrive in the same millisecond
          await learner(lab, files, until, samples).catch((err: Error) => samples.errors.push(err.message.split('\n')[0]));
        }),
      );
      const cores = lab.pid ? (cpuSeconds(lab.pid) - cpuBefore) / ((now() - t) / 1000) : NaN;
      const p = (values: number[], q: number) => quantile(values, q);
      const at = `${learners} learners`;
      const last = learners === levels.at(-1);
      lines.push(
        {
          what: `${at}: errors / checks not passing`,
          value: `${samples.errors.length} / ${samples.flipped} of ${samples.check.length}${samples.errors.length ? ` (${samples.errors[0]})` : ''}`,
          ok: samples.errors.length === 0 && samples.flipped === 0,
        },
        {
          what: `${at}: keystroke → echo p50 / p95 (${samples.echo.length})`,
          value: `${ms(p(samples.echo, 0.5))} / ${ms(p(samples.echo, 0.95))}`,
          ...(last && { budget: `p95 ≤ ${GOALS.echoP95} ms`, ok: p(samples.echo, 0.95) <= GOALS.echoP95 }),
        },
        {
          what: `${at}: Run → first byte p50 / p95 (${samples.run.length})`,
          value: `${ms(p(samples.run, 0.5))} / ${ms(p(samples.run, 0.95))}`,
          ...(last && { budget: `p95 ≤ ${GOALS.runP95} ms`, ok: p(samples.run, 0.95) <= GOALS.runP95 }),
        },
        {
          what: `${at}: Check, whole run, p50 / p95 (${samples.check.length})`,
          value: `${ms(p(samples.check, 0.5))} / ${ms(p(samples.check, 0.95))}`,
          ...(last && { budget: `p95 ≤ ${GOALS.checkP95 / 1000} s`, ok: p(samples.check, 0.95) <= GOALS.checkP95 }),
        },
        {
          what: `${at}: reattach → screen replayed p50 / p95 (${samples.reattach.length})`,
          value: `${ms(p(samples.reattach, 0.5))} / ${ms(p(samples.reattach, 0.95))}`,
        },
        { what: `${at}: lab process CPU`, value: `${cores.toFixed(2)} cores` },
      );
    }
  } finally {
    await lab.close();
  }
  return lines;
}
