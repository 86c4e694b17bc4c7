// A session never fails because of the machine it lands on. Each test starts the lab the way
// `npm start` does, in its own process, on a host made different on purpose (a root-only tun, no
// nft, no cgroups, not root, the sandbox switched off), and asserts what a learner and a teacher
// would see: a session starts, lesson 1's echo works, and the log, /api/health and the doctor name
// what is missing, precisely.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerminalClient } from '../support/terminal-client.js';
import { SessionSocketClient } from '../support/session-socket-client.js';
import { runInTerminal } from '../support/shell.js';
import { stripAnsi } from '../support/fixtures.js';
import { inMountNamespace, runDoctor, spawnLab, type HostVariant, type SpawnedLab } from '../support/spawned-lab.js';

const asRoot = process.getuid?.() === 0;
const skip = asRoot ? false : 'simulating hosts needs root (chmod /dev/net/tun, mount namespaces)';
const TUN = '/dev/net/tun';
const tunMode = existsSync(TUN) ? statSync(TUN).mode & 0o777 : undefined;
after(() => {
  if (tunMode !== undefined) chmodSync(TUN, tunMode); // leave the machine as we found it
});

/** Lesson 1 as a learner does it: Run server, Run client, the echo comes back. */
async function echoWorks(lab: SpawnedLab): Promise<void> {
  const session = await lab.createSession('01-first-socket');
  const server = await TerminalClient.connect(lab, { session, terminal: 'server', cols: 160 });
  const client = await TerminalClient.connect(lab, { session, terminal: 'client', cols: 160 });
  await Promise.all([server.waitForOutput('$ '), client.waitForOutput('$ ')]);
  server.send({ type: 'run', label: 'Run server' });
  await server.waitForOutput(/Listening on/, 15_000);
  client.send({ type: 'run', label: 'Run client' });
  await client.waitForOutput(/Received: /, 15_000);
  await Promise.all([server.close(), client.close()]);
}

/** silent.lab still times out (not refused, not unreachable). */
async function silentHostTimesOut(lab: SpawnedLab): Promise<void> {
  const session = await lab.createSession('01-first-socket');
  const t = await TerminalClient.connect(lab, { session, terminal: 'client', cols: 200 });
  await t.waitForOutput('$ ');
  const { output } = await runInTerminal(t, `python3 -c "import socket; socket.create_connection(('silent.lab', 80), timeout=1)" 2>&1 | tail -1`);
  await t.close();
  assert.match(output, /^TimeoutError: timed out$/m, output);
}

function missing(health: Awaited<ReturnType<SpawnedLab['health']>>): Map<string, string> {
  return new Map(health.capabilities.filter((c) => !c.ok).map((c) => [c.id, c.reason ?? '']));
}

async function withLab(variant: HostVariant, body: (lab: SpawnedLab) => Promise<void>): Promise<void> {
  const lab = await spawnLab(variant);
  try {
    await body(lab);
  } catch (err) {
    (err as Error).message += `\n--- lab log ---\n${lab.log().slice(-3000)}`;
    throw err;
  } finally {
    await lab.close();
  }
}

for (const mode of [0o600, 0o666]) {
  test(`tun ${mode.toString(8)}: sessions start, the echo works, silent.lab times out, Stop server reaches the other terminal`, { skip }, async () => {
    chmodSync(TUN, mode);
    await withLab({}, async (lab) => {
      assert.match(lab.log(), /sandbox: ON/);
      assert.deepEqual([...missing(await lab.health()).keys()], []);
      await echoWorks(lab);
      await silentHostTimesOut(lab);
      // Lesson 9: the Stop server button types pkill into the client terminal; the server started in the other one stops.
      const session = await lab.createSession('09-robust-server');
      const server = await TerminalClient.connect(lab, { session, terminal: 'server', cols: 160 });
      const client = await TerminalClient.connect(lab, { session, terminal: 'client', cols: 160 });
      await Promise.all([server.waitForOutput('$ '), client.waitForOutput('$ ')]);
      server.send({ type: 'run', label: 'Run server' });
      await server.waitForOutput(/istening/, 15_000);
      client.send({ type: 'run', label: 'Stop server (SIGTERM)' });
      await server.waitFor((c) => /Terminated|stopped/i.test(stripAnsi(c.output)), 10_000, 'the server to stop');
      await Promise.all([server.close(), client.close()]);
    });
  });
}

test('no nft: kernel faults that need it are off with the reason; sessions, the echo and silent.lab still work', { skip }, async () => {
  const copy = mkdtempSync(join(tmpdir(), 'sbin-without-nft-'));
  const variant = { prefix: inMountNamespace(`cp -a /usr/sbin/. ${copy}; rm -f ${copy}/nft; mount --bind ${copy} /usr/sbin`) };
  await withLab(variant, async (lab) => {
    const off = missing(await lab.health());
    assert.deepEqual([...off.keys()], ['nftables']);
    assert.match(off.get('nftables')!, /nft/);
    assert.match(lab.log(), /missing system packages: nftables/);
    // The Break-it switches that need nft say why; the others still work.
    const panel = await SessionSocketClient.open(lab, await lab.createSession('01-first-socket'));
    await panel.waitFor(() => panel.faults.length > 0, 10_000, 'the fault list');
    assert.match(panel.faults.find((f) => f.id === 'refuse')!.unavailable ?? '', /Not available on this lab's host: .*nft/);
    assert.equal(panel.faults.find((f) => f.id === 'port-taken')!.unavailable, undefined);
    panel.close();
    await echoWorks(lab);
    await silentHostTimesOut(lab);
  });
  const doctor = runDoctor(variant);
  assert.equal(doctor.status, 0, doctor.output);
  assert.match(doctor.output, /missing\s+nftables\s+missing: .*\n.*fix: sudo apt-get install -y nftables/);
});

test('no cgroups: the limits they give are off with the reason; sessions still start', { skip }, async () => {
  const variant = { prefix: inMountNamespace('mount -t tmpfs none /sys/fs/cgroup') };
  await withLab(variant, async (lab) => {
    const off = missing(await lab.health());
    assert.deepEqual([...off.keys()].sort(), ['cpu-share', 'memory-limit', 'process-limit']);
    assert.match(off.get('memory-limit')!, /no cgroup filesystem/);
    await echoWorks(lab);
  });
  const doctor = runDoctor(variant);
  assert.equal(doctor.status, 0);
  assert.match(doctor.output, /missing\s+cgroups\s+no cgroup filesystem mounted/);
});

test("not root: sessions run as the lab's user, in the jail, with everything a lesson needs", { skip }, async () => {
  const variant = { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'], env: { HOME: '/tmp' } };
  await withLab(variant, async (lab) => {
    assert.match(lab.log(), /sandbox: ON/);
    const off = missing(await lab.health());
    // Only what needs root is off: the lab network, kernel faults, the fault agent and peers all work.
    assert.deepEqual([...off.keys()].sort(), ['cpu-share', 'memory-limit', 'process-limit', 'session-uids']);
    assert.match(off.get('session-uids')!, /not running as root/);
    await echoWorks(lab);
    await silentHostTimesOut(lab);
  });
});

test('SOCKET_LAB_SANDBOX=off: the unsandboxed mode says so, names what it switches off, and the echo works', { skip: false }, async () => {
  await withLab({ env: { SOCKET_LAB_SANDBOX: 'off' } }, async (lab) => {
    assert.match(lab.log(), /sandbox is not available: SOCKET_LAB_SANDBOX=off/);
    const health = await lab.health();
    assert.equal(health.mode, 'unsandboxed');
    const off = missing(health);
    for (const id of ['sandbox', 'nftables', 'silent-host', 'memory-limit']) assert.match(off.get(id) ?? '', /sandbox/, id);
    assert.ok(!off.has('fault-agent'), 'the fault proxy works without the sandbox');
    await echoWorks(lab);
  });
});
