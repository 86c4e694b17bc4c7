// Ending a session leaves nothing behind: no process (even daemons), no folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import { FIXTURE_LESSON, fixtureLessons, processesOfSession, sleep } from '../support/fixtures.js';

let lab: TestLab;
before(async () => {
  lab = await startTestLab({ lessonsDir: fixtureLessons, graceMs: 400 });
});
after(() => lab.close());

test('ending a session kills jobs, HUP-ignoring children and setsid daemons, and removes the folder', async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const workspace = lab.lab.registry.get(session)!.workspace;
  const server = await TerminalClient.connect(lab, { session, terminal: 'server' });
  const client = await TerminalClient.connect(lab, { session, terminal: 'client' });
  await server.waitForOutput('$ ');
  await client.waitForOutput('$ ');
  server.send({ type: 'run', label: 'Run server' }); // a Python server in the foreground
  await server.waitForOutput(/listening on \d+/);
  client.type('sleep 1000 & nohup sh -c "trap \'\' HUP; sleep 1001" >/dev/null 2>&1 & setsid sh -c "sleep 1002 & wait" & echo started\r');
  await client.waitForOutput('started\r\n');
  await sleep(300);
  const before = processesOfSession(session);
  assert.ok(before.length >= 7, `expected shells, python and sleepers, found ${before.length}`);

  const res = await fetch(`${lab.origin}/api/sessions/${session}`, { method: 'DELETE', headers: lab.headers });
  assert.equal(res.status, 204);
  assert.deepEqual(processesOfSession(session), []);
  assert.equal(existsSync(workspace), false);
  for (const pid of before) assert.equal(existsSync(`/proc/${pid}/environ`) && processesOfSession(session).includes(pid), false);
  await Promise.all([server.close(), client.close()]);
});

test('a session with no socket expires after the grace period and is cleaned up', async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const workspace = lab.lab.registry.get(session)!.workspace;
  const term = await TerminalClient.connect(lab, { session, terminal: 'server' });
  term.type('sleep 1000 &\r');
  await term.waitForOutput(/\[1\] \d+/);
  await term.close();
  // Still there during the grace period, so a reconnect finds it…
  await sleep(150);
  assert.ok(lab.lab.registry.get(session));
  // …and gone after it.
  const deadline = Date.now() + 5000;
  while (lab.lab.registry.get(session) && Date.now() < deadline) await sleep(50);
  assert.equal(lab.lab.registry.get(session), undefined);
  while (existsSync(workspace) && Date.now() < deadline) await sleep(50);
  assert.equal(existsSync(workspace), false);
  assert.deepEqual(processesOfSession(session), []);
});

test('a reconnect within the grace period keeps the session alive', async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const first = await TerminalClient.connect(lab, { session, terminal: 'server' });
  await first.waitForOutput('$ ');
  await first.close();
  await sleep(200);
  const second = await TerminalClient.connect(lab, { session, terminal: 'server' });
  assert.equal((await second.waitForMessage('ready')).resumed, true);
  await sleep(600); // longer than the grace period, while attached
  assert.ok(lab.lab.registry.get(session));
  await second.close();
});

test('a session nobody types into is ended by the idle timeout, even with a browser attached', async () => {
  const idleLab = await startTestLab({ lessonsDir: fixtureLessons, idleMs: 600 });
  try {
    const session = await idleLab.createSession(FIXTURE_LESSON);
    const term = await TerminalClient.connect(idleLab, { session, terminal: 'server' });
    await term.waitForOutput('$ ');
    term.type('echo active\r'); // activity postpones the end…
    await sleep(400);
    assert.ok(idleLab.lab.registry.get(session));
    const ended = await term.waitForMessage('ended', 5000); // …then silence ends it, and the page is told why
    assert.match(ended.reason, /without activity/);
    assert.equal(idleLab.lab.registry.get(session), undefined);
    await term.close();
  } finally {
    await idleLab.close();
  }
});
