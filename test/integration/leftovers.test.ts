// Labs share a host without stepping on each other, and leave nothing behind: two labs side by side
// hand out different session uids; a lab stopped with SIGTERM removes its folders and cgroups; one
// killed with SIGKILL takes its sessions' processes with it, and the next lab removes the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { processesOfSession, sleep } from '../support/fixtures.js';
import { TerminalClient } from '../support/terminal-client.js';
import { spawnLab, type SpawnedLab } from '../support/spawned-lab.js';

const skip = process.getuid?.() === 0 ? false : 'session uids, tmpfs workspaces and cgroups need a root lab';

function ownerTag(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return `${pid}.${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
}

/** Everything on the host named after the lab `tag`: temp folders, cgroups, mounts. */
function leftoversOf(tag: string): string[] {
  const name = `socket-lab-${tag}-`;
  const found = readdirSync(tmpdir())
    .filter((n) => n.startsWith(name))
    .map((n) => `${tmpdir()}/${n}`);
  for (const hierarchy of ['memory', 'pids', 'cpu', '']) {
    const dir = `/sys/fs/cgroup/${hierarchy}`;
    if (existsSync(dir))
      found.push(
        ...readdirSync(dir)
          .filter((n) => n.startsWith(name))
          .map((n) => `${dir}/${n}`),
      );
  }
  found.push(
    ...readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .filter((l) => l.includes(name)),
  );
  return found;
}

const uidOf = (pid: number) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

async function sessionWithShell(lab: SpawnedLab): Promise<{ session: string; terminal: TerminalClient }> {
  const session = await lab.createSession('01-first-socket');
  const terminal = await TerminalClient.connect(lab, { session, terminal: 'server' });
  await terminal.waitForOutput('$ ');
  terminal.type('sleep 1000 &\r');
  await sleep(300);
  return { session, terminal };
}

test('two labs side by side give their sessions different host uids', { skip }, async () => {
  const [a, b] = await Promise.all([spawnLab(), spawnLab()]);
  try {
    const uids = new Set<number>();
    for (const lab of [a, b, a, b]) {
      const { session, terminal } = await sessionWithShell(lab);
      const pids = processesOfSession(session);
      assert.ok(pids.length > 0);
      uids.add(uidOf(pids.find((pid) => uidOf(pid) !== 0) ?? pids[0]));
      await terminal.close();
    }
    assert.equal(uids.size, 4, `four live sessions, four uids: ${[...uids]}`);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('a lab stopped with SIGTERM leaves no folder, mount or cgroup', { skip }, async () => {
  const lab = await spawnLab();
  const tag = ownerTag(lab.pid);
  const { session } = await sessionWithShell(lab);
  assert.ok(leftoversOf(tag).length > 0, 'a running lab has its folders');
  await lab.kill('SIGTERM');
  assert.deepEqual(processesOfSession(session), []);
  assert.deepEqual(leftoversOf(tag), []);
});

test('a lab killed with SIGKILL takes its sessions along; the next lab removes what is left, and says so', { skip }, async () => {
  const dead = await spawnLab();
  const tag = ownerTag(dead.pid);
  const { session } = await sessionWithShell(dead);
  await dead.kill('SIGKILL');
  for (const deadline = Date.now() + 5000; processesOfSession(session).length && Date.now() < deadline;) await sleep(50);
  assert.deepEqual(processesOfSession(session), [], 'the holder died with the lab, and every session process with it');
  assert.ok(leftoversOf(tag).length > 0, 'folders and mounts stay until someone removes them');
  const next = await spawnLab();
  try {
    assert.match(next.log(), /removed what labs that are no longer running left behind: \d+ folders and cgroups, \d+ uid leases/);
    assert.deepEqual(leftoversOf(tag), []);
    const leases = readdirSync('/run/socket-lab/uids').map((n) => readFileSync(`/run/socket-lab/uids/${n}`, 'utf8'));
    assert.ok(!leases.includes(tag), "the dead lab's uid leases are free again");
  } finally {
    await next.close();
  }
});
