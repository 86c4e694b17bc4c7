// One terminal cannot break the others (E3): a client that acks output it never parsed floods
// screen-clearing bytes, and a storm of resizes follows; the shared mirror worker survives, the
// flooded terminal's replay says what it skipped, and another session reattaches with its screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import { FIXTURE_LESSON, fixtureLessons, stripAnsi } from '../support/fixtures.js';
import { runInTerminal } from '../support/shell.js';

let lab: TestLab;
before(async () => {
  lab = await startTestLab({ lessonsDir: fixtureLessons });
});
after(() => lab?.close());

const FLOOD = `python3 -c "import sys; [sys.stdout.write(chr(27) + '[2J' + 'x' * 65000) for _ in range(1200)]"; echo flood-done`;

test('a flood acked without parsing and a resize storm stay in their terminal; others replay at once', async () => {
  const victimSession = await lab.createSession(FIXTURE_LESSON);
  const victim = await TerminalClient.connect(lab, { session: victimSession, terminal: 'server' });
  await victim.waitForOutput('$ ');
  await runInTerminal(victim, 'echo before-the-flood');

  const session = await lab.createSession(FIXTURE_LESSON);
  const attacker = await TerminalClient.connect(lab, { session, terminal: 'server', tailChars: 4000 });
  await attacker.waitForOutput('$ ');
  attacker.type(`${FLOOD}\r`);
  for (let i = 0; i < 20_000; i++) attacker.send({ type: 'resize', cols: 40 + (i % 120), rows: 10 + (i % 40) });
  await attacker.waitForOutput('flood-done', 60_000);

  // The other session reattaches and gets its screen back (the worker is alive and not backlogged).
  await victim.close();
  const back = await TerminalClient.connect(lab, { session: victimSession, terminal: 'server' });
  await back.waitForMessage('replay', 10_000);
  assert.match(stripAnsi(back.output), /before-the-flood/);
  // A new terminal anywhere still starts and replays.
  const fresh = await TerminalClient.connect(lab, { session: await lab.createSession(FIXTURE_LESSON), terminal: 'client' });
  await fresh.waitForOutput('$ ');
  // The flooded terminal still works, and its replay is not blank.
  attacker.type('echo after-$((1+1))-flood\r');
  await attacker.waitForOutput('after-2-flood', 15_000);
  await attacker.close();
  const again = await TerminalClient.connect(lab, { session, terminal: 'server' });
  await again.waitForMessage('replay', 10_000);
  assert.match(stripAnsi(again.output), /after-2-flood/);
  await Promise.all([back.close(), fresh.close(), again.close()]);
});
