// The check runner against programs that misbehave on purpose (test/fixtures/lessons/03-checks/_bad):
// each gets a clear result within the time budget, and nothing it started outlives the run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runChecks } from '../../sandbox/checks/runner.js';
import { programFiles, type ProgramSource } from '../../sandbox/checks/sources.js';
import { LessonCatalog, type Lesson } from '../../sandbox/lessons/catalog.js';
import { noConfinement, type ConfinementProvider } from '../../sandbox/process/launch.js';
import type { CheckProgress, CheckSummary } from '../../schema/checks.js';
import { fixtureLessons } from '../support/fixtures.js';
import { jailSkip } from '../support/jail.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';

let lab: TestLab;
let lesson: Lesson;
before(async () => {
  lab = await startTestLab({ lessonsDir: fixtureLessons });
  lesson = LessonCatalog.load(fixtureLessons).get('03-checks')!;
});
after(() => lab?.close());

const bad = (name: string): ProgramSource => ({ dir: join(lesson.dir, '_bad', name) });

async function check(source: ProgramSource, provider: ConfinementProvider = lab.lab.sandbox, budgetMs?: number) {
  const progress: CheckProgress[] = [];
  const summary = await runChecks({
    lesson,
    files: programFiles(lesson, source),
    provider,
    python: lab.lab.python.executable,
    budgetMs,
    onProgress: (p) => progress.push(p),
  });
  return { summary, progress, first: summary.results[0] };
}

/** Processes still carrying a check-run marker (there must be none once a run is over). */
async function leftovers(): Promise<string[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes('SOCKET_LAB_CHECK=');
      } catch {
        return false;
      }
    });
}

test('the starter passes, and progress is streamed check by check', async () => {
  const { summary, progress } = await check('starter');
  assert.equal(summary.passed, true, JSON.stringify(summary));
  const types = progress.map((p) => p.type);
  assert.equal(types[0], 'check.started');
  assert.equal(types.at(-1), 'check.done');
  // The checks run side by side; each one is announced as running before its result arrives.
  for (const result of summary.results) {
    const running = progress.findIndex((p) => p.type === 'check.running' && p.name === result.name);
    const done = progress.findIndex((p) => p.type === 'check.result' && p.result.name === result.name);
    assert.ok(running > 0 && done > running, `${result.name}: ${types.join(', ')}`);
  }
});

const cases: Array<{ what: string; program: string; actual?: RegExp; sandboxOnly?: boolean }> = [
  { what: 'has a syntax error', program: 'syntax-error', actual: /crashed with SyntaxError/ },
  { what: 'never exits', program: 'never-exits', actual: /did not finish within 2 s/ },
  { what: 'floods its output', program: 'print-flood', actual: /did not finish within 2 s/ },
  { what: 'forks without end', program: 'fork-loop', actual: /did not finish within 2 s|crashed|killed/, sandboxOnly: true },
  // It prints the right thing, so it passes; what matters is that it is gone afterwards.
  { what: 'ignores SIGTERM and SIGHUP', program: 'ignores-sigterm' },
];

for (const c of cases) {
  test(`a program that ${c.what} gets a clear result, in time, leaving nothing behind`, { skip: c.sandboxOnly && jailSkip }, async () => {
    const started = Date.now();
    const { summary, first } = await check(bad(c.program));
    assert.equal(first.outcome, c.actual ? 'failed' : 'passed', JSON.stringify(first));
    assert.match(first.actual ?? '', c.actual ?? /^$/);
    assert.ok((first.actual ?? '').length < 500, 'a message, not a dump');
    assert.equal(summary.results[1].outcome, 'passed', 'the next check starts clean');
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(await leftovers(), []);
  });
}

test('a program that deletes its own files hurts nobody: every check gets them back', async () => {
  const { summary } = await check(bad('deletes-itself'));
  assert.deepEqual(
    summary.results.map((r) => r.outcome),
    ['passed', 'passed'],
  );
});

test('the overall budget stops a slow run with a clear problem', async () => {
  const { summary } = await check(bad('never-exits'), lab.lab.sandbox, 1000);
  assert.equal(summary.passed, false);
  assert.match(summary.problem ?? '', /whole 1 s budget/);
  // Checks run side by side: the slow one is cut short by the budget (or never started, with more checks than lanes).
  assert.match(summary.results[0].actual ?? '', /not run|still waiting/);
});

test("waiting for a check slot on a busy lab does not use up the run's budget", async () => {
  const { checkSlots } = await import('../../sandbox/checks/check-slots.js');
  // Every slot is taken (other learners' checks) for 2 s: longer than this run's whole 1.5 s budget.
  const held = await Promise.all(Array.from({ length: checkSlots.size }, () => checkSlots.acquire()));
  setTimeout(() => held.forEach((release) => release()), 2000);
  const { summary } = await check('solution', lab.lab.sandbox, 1500);
  assert.equal(summary.problem, undefined, "the queue is not the run's time");
  assert.ok(summary.passed, JSON.stringify(summary.results));
  assert.ok(summary.durationMs >= 2000, `it did wait for the slots (${summary.durationMs} ms)`);
});

test('a sandbox that cannot start gives a result that says so', async () => {
  const broken: ConfinementProvider = {
    mode: 'sandboxed',
    capabilities: noConfinement.capabilities,
    create: async () => Promise.reject(new Error('bwrap: No permissions to create new namespace')),
  };
  const { summary } = await check('starter', broken);
  assert.equal(summary.passed, false);
  assert.match(summary.problem ?? '', /sandbox for checking could not start: bwrap: No permissions/);
});

test('checks also run without the sandbox (unsandboxed local mode)', async () => {
  const { summary } = await check('starter', noConfinement);
  assert.equal(summary.passed, true, JSON.stringify(summary));
});

export type { CheckSummary };

/** A CheckLab over a fresh sandbox, as a check's `run(lab)` gets it; `files` are written to its workspace. */
async function withCheckLab(
  id: string,
  files: Record<string, string>,
  body: (checkLab: import('../../sandbox/checks/check-lab.js').CheckLabImpl) => Promise<void>,
) {
  const { mkdtempSync, mkdirSync, chmodSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { CheckLabImpl } = await import('../../sandbox/checks/check-lab.js');
  const root = mkdtempSync(join(tmpdir(), 'socket-lab-test-'));
  chmodSync(root, 0o711);
  mkdirSync(join(root, 'w'));
  const confinement = await lab.lab.sandbox.create({ id, workspace: join(root, 'w') });
  await confinement.files.write(Object.entries(files).map(([path, text]) => ({ path, content: text })));
  const checkLab = new CheckLabImpl({ confinement, python: lab.lab.python.executable, marker: ['SOCKET_LAB_CHECK', id] });
  try {
    await body(checkLab);
  } finally {
    await checkLab.cleanUp();
    await confinement.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

async function until(condition: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return condition();
}

test('holdConnection is an idle client: the server sees a connection and no data until it closes', async () => {
  await withCheckLab('hold-test', {}, async (checkLab) => {
    const peer = await checkLab.peer({ behaviour: 'echo', port: 65432 });
    const held = await checkLab.holdConnection(65432, 10_000);
    await checkLab.sleep(300);
    assert.equal(peer.events.filter((e) => e.event === 'accept').length, 1);
    assert.equal(
      peer.events.some((e) => e.event === 'recv'),
      false,
    );
    held.close();
    assert.ok(await until(() => peer.events.some((e) => e.event === 'close')), JSON.stringify(peer.events));
  });
});

const SLEEPER =
  'import signal, sys, time\nsignal.signal(signal.SIGTERM, lambda *a: (print("got SIGTERM", flush=True), sys.exit(0)))\nprint("up", flush=True)\ntime.sleep(30)\n';

test("signal and kill reach one program only: the check's other programs keep running", async () => {
  await withCheckLab('one-program', { 'sleeper.py': SLEEPER }, async (checkLab) => {
    const first = checkLab.start('sleeper.py', { timeoutMs: 20_000 });
    const second = checkLab.start('sleeper.py', { timeoutMs: 20_000 });
    assert.ok((await first.waitForOutput(/up/)) && (await second.waitForOutput(/up/)));
    const ended = await first.signal('SIGTERM');
    assert.match(ended?.stdout ?? '', /got SIGTERM/);
    await checkLab.sleep(500); // a stray signal would need a moment to end the jail around it
    assert.equal(second.running, true, 'SIGTERM for one program reached the other');
    const third = checkLab.start('sleeper.py', { timeoutMs: 20_000 });
    assert.ok(await third.waitForOutput(/up/));
    await second.kill();
    await checkLab.sleep(500);
    assert.equal(third.running, true, 'kill() of one program ended another');
  });
});

test('a program can be typed to over time (stdin kept open), and Ctrl-D ends its input', async () => {
  const echo = 'import sys\nfor line in sys.stdin:\n    print("you said", line.strip(), flush=True)\nprint("bye", flush=True)\n';
  await withCheckLab('typing', { 'echo.py': echo }, async (checkLab) => {
    const program = checkLab.start('echo.py', { keepStdinOpen: true, stdin: 'one\n' });
    assert.ok(await program.waitForOutput(/you said one/));
    program.write('two\n', true);
    const result = await program.result;
    assert.match(result.stdout, /you said two\nbye/);
  });
});

test("the lab's client sends binary bytes in pieces, and can end with a reset", async () => {
  await withCheckLab('client-options', {}, async (checkLab) => {
    const peer = await checkLab.peer({ behaviour: 'echo', port: 65432 });
    const frame = Uint8Array.from([0, 0, 0, 5, 0x7c, 0, 0xff, 0x0a, 0x7c]);
    const echoed = await checkLab.client(65432, { bytes: frame, chunk: 3, chunkDelayMs: 100 });
    assert.equal(echoed.hex, Buffer.from(frame).toString('hex'));
    assert.ok(peer.events.filter((e) => e.event === 'recv').length >= 2, 'the bytes arrived in one piece');
    const reset = await checkLab.client(65432, { send: 10, reset: true });
    assert.equal(reset.exception, null);
    assert.ok(await until(() => peer.events.some((e) => e.event === 'reset')), JSON.stringify(peer.events));
  });
});
