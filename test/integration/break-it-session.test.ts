// The Break-it session as the panel drives it: proxy toxics through the per-session fault agent
// inside the namespace, events and the TCP table on the session socket, bad messages, the
// unsandboxed mode (kernel faults unavailable, toxics still work), and cleanup at session end.
import { serverText } from '../../schema/server-words.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { faultAgentScript } from '../../sandbox/fault-agent/bundle.js';
import { PeerProcess } from '../../sandbox/peers/peer-process.js';
import { noConfinement } from '../../sandbox/process/launch.js';
import type { Session } from '../../sandbox/sessions/session.js';
import { fixtureLessons, sleep } from '../support/fixtures.js';
import { jailSkip } from '../support/jail.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { probe as runProbe } from '../support/run-in-session.js';
import { SessionSocketClient } from '../support/session-socket-client.js';
import { TerminalClient } from '../support/terminal-client.js';

let lab: TestLab;
let sessionId: string;
let session: Session;
let panel: SessionSocketClient;
let echo: PeerProcess | undefined;
const probe = (...args: Array<string | number>) => runProbe(session, lab.lab.python.executable, args);
const startEcho = () => PeerProcess.start(session.confinement.network, lab.lab.python.executable, { behaviour: 'echo', port: 65432, count: 3, delay: 500 });

before(async () => {
  if (jailSkip) return;
  lab = await startTestLab({ lessonsDir: fixtureLessons });
  sessionId = await lab.createSession('02-break-it');
  session = lab.lab.registry.get(sessionId)!;
  panel = await SessionSocketClient.open(lab, sessionId);
  await panel.waitFor(() => panel.events.some((e) => e.kind === 'ready'), 15_000, 'the fault agent');
  echo = await startEcho();
});
after(async () => {
  panel?.close();
  await echo?.stop();
  await lab?.close();
});

test('the panel gets every fault, all off, and the agent announces its API', { skip: jailSkip }, () => {
  assert.deepEqual(
    panel.faults.map((f) => [f.id, f.on, f.unavailable]),
    ['latency', 'cut', 'proxy-down', 'refuse', 'drop', 'reset-after', 'stall-after', 'loss', 'bandwidth', 'unreachable', 'echo-peer', 'crash'].map((id) => [
      id,
      false,
      undefined,
    ]),
  );
  assert.match(panel.events.find((e) => e.kind === 'ready')!.text, /fault API at http:\/\/127\.0\.0\.1:8474/);
});

const toxicCases = [
  {
    fault: 'latency',
    args: [65433, '--send', 10],
    expect: (r: Awaited<ReturnType<typeof probe>>) => {
      assert.deepEqual([r.exception, r.received], [null, 10]);
      assert.ok(r.elapsed >= 0.55 && r.elapsed < 3, `${r.elapsed}s for a 600 ms latency`);
    },
  },
  {
    fault: 'cut',
    args: [65433, '--send', 400],
    expect: (r: Awaited<ReturnType<typeof probe>>) => {
      assert.equal(r.eof, true, JSON.stringify(r));
      assert.ok(r.received <= 150, `${r.received} bytes through a 150-byte limit`);
    },
  },
  {
    fault: 'proxy-down',
    args: [65433],
    expect: (r: Awaited<ReturnType<typeof probe>>) => assert.deepEqual([r.stage, r.exception], ['connect', 'ConnectionRefusedError']),
  },
];

for (const c of toxicCases) {
  test(`proxy fault ${c.fault} inside the namespace, switched from the panel`, { skip: jailSkip }, async () => {
    assert.equal((await panel.set(c.fault, true)).on, true);
    c.expect(await probe(...c.args));
    assert.equal((await panel.set(c.fault, false)).on, false);
    const clean = await probe(65433, '--send', 300);
    assert.deepEqual([clean.exception, clean.received], [null, 300]);
  });
}

test('the event log shows proxy connections with their bytes, and panel switches with times', { skip: jailSkip }, async () => {
  await panel.waitFor(() => panel.events.some((e) => e.kind === 'closed' && /300 B up, 300 B down/.test(e.text)), 5000, 'a closed event');
  const switched = panel.events.filter((e) => e.source === 'panel').map((e) => e.text);
  assert.ok(switched.includes('Slow network: on') && switched.includes('Slow network: off'), switched.join(' | '));
  assert.ok(
    panel.events.every((e) => Math.abs(e.at - Date.now()) < 120_000),
    'events carry wall-clock times',
  );
});

test('through the proxy, a server that is down means connect succeeds and then EOF', { skip: jailSkip }, async () => {
  await echo!.stop();
  echo = undefined;
  const r = await probe(65433, '--send', 10);
  assert.deepEqual([r.exception, r.received, r.eof], [null, 0, true]);
  await panel.waitFor(() => panel.events.some((e) => e.kind === 'upstream-unavailable'), 5000, 'the upstream-unavailable event');
  echo = await startEcho();
});

test('the TCP table shows the namespace sockets: LISTEN, and TIME_WAIT after a connection', { skip: jailSkip }, async () => {
  await probe(65432, '--send', 10);
  await panel.waitFor(() => panel.tcp.some((s) => s.state === 'LISTEN' && s.local === '127.0.0.1:65432'), 3000, 'the echo LISTEN row');
  await panel.waitFor(() => panel.tcp.some((s) => s.state === 'TIME_WAIT'), 3000, 'a TIME_WAIT row');
  assert.ok(
    panel.tcp.some((s) => s.state === 'LISTEN' && s.local === '127.0.0.1:8474'),
    'the fault agent is visible too',
  );
  assert.equal(
    panel.messages.some((m) => m.type === 'tcp' && m.unavailable),
    false,
  );
});

test('a scripted peer switched from the panel logs the refused attempts with times', { skip: jailSkip }, async () => {
  await echo!.stop();
  echo = undefined;
  assert.equal((await panel.set('echo-peer', true)).on, true);
  const results = [await probe(65432), await probe(65432), await probe(65432, '--send', 5)];
  assert.deepEqual(
    results.map((r) => r.exception),
    ['ConnectionRefusedError', 'ConnectionRefusedError', null],
  );
  await panel.waitFor(() => panel.events.filter((e) => e.source === 'Flaky server' && e.kind === 'attempt').length === 2, 3000, 'two attempts');
  assert.equal((await panel.set('echo-peer', false)).on, false);
  echo = await startEcho();
});

test("server crash: the learner's server is killed (not stopped), and the run command brings it back", { skip: jailSkip }, async () => {
  const listening = () => panel.tcp.some((s) => s.state === 'LISTEN' && s.local === '127.0.0.1:65434');
  const nothing = await panel.set('crash', true);
  assert.deepEqual([nothing.on, nothing.error], [false, 'Nothing is listening on port 65434: start your server first.']);
  const shell = await TerminalClient.connect(lab, { session: sessionId, terminal: 'shell' });
  try {
    await shell.waitForOutput('$ ');
    shell.send({ type: 'run', label: 'Run server' });
    await shell.waitForOutput(/serving on 65434/);
    await panel.waitFor(listening, 3000, 'its LISTEN row');
    assert.equal((await panel.set('crash', true)).on, true);
    await shell.waitForOutput(/Killed/);
    await panel.waitFor(() => !listening(), 3000, 'the LISTEN row gone');
    assert.ok(panel.events.some((e) => e.kind === 'killed' && /listening on 65434/.test(e.text)));
    // restartAfter: 1500 — the lab runs "Run server" again by itself, and the switch goes off.
    await panel.waitFor(listening, 8000, 'the server back');
    await panel.waitFor(() => panel.faults.find((f) => f.id === 'crash')?.on === false, 3000, 'the switch off');
    assert.match(shell.output.split('Killed').pop()!, /serving on 65434/);
  } finally {
    await shell.close();
  }
});

test('bad messages get a clear error and change nothing', { skip: jailSkip }, async () => {
  const before = JSON.stringify(panel.faults);
  const errors = () => panel.messages.filter((m) => m.type === 'error');
  const count = errors().length;
  panel.send({ type: 'fault.set', id: 'no-such-fault', on: true });
  panel.ws.send('{not json');
  panel.ws.send(Buffer.from([1, 2, 3]), { binary: true });
  panel.send({ type: 'fault.set', id: 'latency' }); // no "on"
  await panel.waitFor(() => errors().length >= count + 4, 3000, 'four errors');
  const codes = errors()
    .slice(count)
    .map((m) => m.type === 'error' && m.code);
  assert.deepEqual(codes.sort(), ['bad-message', 'bad-message', 'bad-message', 'unknown-fault']);
  assert.match(JSON.stringify(errors().slice(count)), /no fault \\"no-such-fault\\"/);
  assert.equal(JSON.stringify(panel.faults), before);
  assert.equal(panel.ws.readyState, panel.ws.OPEN, 'the socket stays open');
});

test('a socket for an unknown session is told so and closed', { skip: jailSkip }, async () => {
  const stray = await SessionSocketClient.open(lab, 'A'.repeat(22));
  await stray.waitFor(() => stray.messages.length > 0 || stray.ws.readyState !== stray.ws.OPEN, 3000, 'an answer').catch(() => {});
  assert.deepEqual(
    stray.messages.map((m) => m.type === 'error' && m.code),
    ['unknown-session'],
  );
});

test('ending the session stops the fault agent and the peers, and tells the panel', { skip: jailSkip }, async () => {
  const id = await lab.createSession('02-break-it');
  const own = await SessionSocketClient.open(lab, id);
  await own.waitFor(() => own.events.some((e) => e.kind === 'ready'), 15_000, 'the fault agent');
  await own.set('echo-peer', true);
  const agentPid = (await lab.lab.registry.get(id)!.faults!.startAgent()).pid;
  const peerPid = lab.lab.registry.get(id)!.faults!.peerPids()[0];
  assert.ok(isAlive(agentPid) && isAlive(peerPid));
  await lab.lab.registry.end(id, { id: 'lab-stopped' });
  await own.waitFor(() => own.messages.some((m) => m.type === 'ended'), 5000, 'ended').catch(() => {});
  assert.ok(own.messages.some((m) => m.type === 'ended' && /^The lab server stopped\./.test(m.reason) && m.words?.id === 'lab-stopped'));
  const deadline = Date.now() + 5000;
  while ((isAlive(agentPid) || isAlive(peerPid)) && Date.now() < deadline) await sleep(50);
  assert.deepEqual([isAlive(agentPid), isAlive(peerPid)], [false, false]);
});

test('without the sandbox, kernel faults are unavailable (with why) and proxy toxics still work on loopback', async () => {
  const plain = await startTestLab({ lessonsDir: fixtureLessons, sandbox: noConfinement });
  try {
    const id = await plain.createSession('02-break-it');
    const own = await SessionSocketClient.open(plain, id);
    await own.waitFor(() => own.events.some((e) => e.kind === 'ready') && own.messages.some((m) => m.type === 'tcp'), 15_000, 'the agent and the TCP table');
    const refuse = own.faults.find((f) => f.id === 'refuse')!;
    assert.equal(refuse.unavailable, "Not available on this lab's host: needs the sandbox (the lab runs in unsandboxed local mode).");
    // A Japanese page words the whole sentence itself, the lab's reason included.
    assert.equal(
      serverText(refuse.unavailableWords!, 'ja'),
      'このラボのホストでは使えません: サンドボックスが必要です (ラボはサンドボックスなしのローカルモードで動いています)。',
    );
    assert.equal(own.faults.find((f) => f.id === 'latency')!.unavailable, undefined);
    const failed = await own.set('refuse', true);
    assert.equal(failed.on, false);
    assert.ok(own.messages.some((m) => m.type === 'error' && m.code === 'fault-failed'));
    assert.match(JSON.stringify(own.messages.find((m) => m.type === 'tcp')), /"unavailable":"No private network/);
    assert.equal((await own.set('latency', true)).on, true);
    own.close();
  } finally {
    await plain.close();
  }
});

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Fault agents now running: processes whose command line is the agent's bundled script. */
async function runningAgents(): Promise<number[]> {
  const script = await faultAgentScript();
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(script);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

test('an open Break-it panel starts the fault agent only for a lesson with proxies, as plain JavaScript', { skip: jailSkip }, async () => {
  const course = await startTestLab();
  try {
    const before = new Set(await runningAgents());
    const withoutProxies = await SessionSocketClient.open(course, await course.createSession('01-first-socket'));
    await withoutProxies.waitFor(() => withoutProxies.faults.length > 0 && withoutProxies.messages.some((m) => m.type === 'tcp'), 10_000, 'the panel');
    await sleep(500);
    assert.deepEqual(
      (await runningAgents()).filter((pid) => !before.has(pid)),
      [],
      'lesson 1 has no proxies: no agent',
    );
    const withProxies = await SessionSocketClient.open(course, await course.createSession('04-timeouts'));
    await withProxies.waitFor(() => withProxies.events.some((e) => e.kind === 'ready'), 15_000, 'the fault agent');
    const started = (await runningAgents()).filter((pid) => !before.has(pid));
    assert.equal(started.length, 1, 'lesson 4 has a proxy: one agent');
    // No TypeScript loader in the agent: node runs the bundled script directly.
    assert.doesNotMatch(readFileSync(`/proc/${started[0]}/cmdline`, 'utf8'), /tsx/);
    withoutProxies.close();
    withProxies.close();
  } finally {
    await course.close();
  }
});
