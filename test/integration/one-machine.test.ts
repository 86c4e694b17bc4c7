// A session is one machine (DESIGN §4): its terminals share one pid namespace, one /tmp and one
// /dev/shm, so ps, kill and pkill in one terminal reach a program started in another, and the
// usual tools of a Linux box work there. Still private: another session sees none of it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import { FIXTURE_LESSON, fixtureLessons } from '../support/fixtures.js';
import { runInTerminal } from '../support/shell.js';
import { jailSkip } from '../support/jail.js';

let lab: TestLab;
before(async () => {
  if (!jailSkip) lab = await startTestLab({ lessonsDir: fixtureLessons });
});
after(() => lab?.close());

async function terminal(session: string, id: string) {
  const client = await TerminalClient.connect(lab, { session, terminal: id, cols: 200 });
  await client.waitForOutput('$ ');
  return client;
}

test("two terminals of one session see each other's processes, files in /tmp and /dev/shm", { skip: jailSkip }, async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const [left, right] = await Promise.all([terminal(session, 'server'), terminal(session, 'client')]);
  left.type('python3 -c "import time; time.sleep(300)" & echo started\r');
  await left.waitForOutput('started');
  await runInTerminal(left, 'echo shared > /tmp/note; echo mem > /dev/shm/seg');
  const seen = await runInTerminal(right, 'pgrep -f "time.sleep.300" | wc -l; cat /tmp/note /dev/shm/seg; ps -e -o comm= | grep -c bash');
  assert.match(seen.output, /^1$/m, "pgrep in the right terminal finds the left one's program");
  assert.match(seen.output, /^shared$/m);
  assert.match(seen.output, /^mem$/m);
  assert.match(seen.output, /^2$/m, 'both shells are on this machine');
  const killed = await runInTerminal(right, 'pkill -TERM -f "time.sleep.300"; sleep 0.3; pgrep -f "time.sleep.300" || echo gone');
  assert.match(killed.output, /^gone$/m);
  await Promise.all([left.close(), right.close()]);
});

test('another session sees none of it', { skip: jailSkip }, async () => {
  const [a, b] = await Promise.all([lab.createSession(FIXTURE_LESSON), lab.createSession(FIXTURE_LESSON)]);
  const [ta, tb] = await Promise.all([terminal(a, 'server'), terminal(b, 'server')]);
  await runInTerminal(ta, 'echo mine > /tmp/private; sleep 300 & true');
  const other = await runInTerminal(tb, 'cat /tmp/private 2>&1; pgrep -x sleep || echo no-sleep');
  assert.match(other.output, /No such file/);
  assert.match(other.output, /no-sleep/);
  await Promise.all([ta.close(), tb.close()]);
});

test('ps, ss, ip, awk, nc and vi work; the network stays read-only', { skip: jailSkip }, async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const t = await terminal(session, 'server');
  t.type('nc -l 127.0.0.1 65432 > /tmp/got & sleep 0.3; echo listening\r');
  await t.waitForOutput('listening');
  const tools = await runInTerminal(
    t,
    [
      'ss -tln | grep -c 65432',
      'ip -br addr show lo | awk \'{print $1 "-" $2}\'',
      'echo hello | nc -N 127.0.0.1 65432; sleep 0.2; cat /tmp/got',
      'ps -p 1 -o pid=',
      'vi --version | head -1 | cut -c1-6',
      'ip route del 198.18.1.0/24 2>&1; ip link set lo down 2>&1',
    ].join('; '),
  );
  assert.match(tools.output, /^1$/m, 'ss lists the listening socket');
  assert.match(tools.output, /^lo-UNKNOWN$/m, 'ip reads the addresses, awk runs');
  assert.match(tools.output, /^hello$/m, 'nc talks over a real socket');
  assert.match(tools.output, /^\s*1$/m, 'ps shows the session init');
  if (existsSync('/usr/bin/vi')) assert.match(tools.output, /VIM/);
  assert.equal((tools.output.match(/Operation not permitted/g) ?? []).length, 2, 'the learner cannot change the network');
  await t.close();
});

test('the session init shows nothing of the host: no root, cwd or environment to read', { skip: jailSkip }, async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const t = await terminal(session, 'server');
  const probe = await runInTerminal(
    t,
    'ls /proc/1/root/ 2>&1 | head -1; cat /proc/1/environ 2>&1 | head -c 80; echo; readlink /proc/1/cwd || echo cwd-hidden; echo 9 > /proc/sys/net/ipv4/tcp_syn_retries',
  );
  assert.equal((probe.output.match(/Permission denied/g) ?? []).length, 2, probe.output);
  assert.match(probe.output, /^cwd-hidden$/m);
  assert.match(probe.output, /Read-only file system/);
  const init = await runInTerminal(t, "tr '\\0' ' ' < /proc/1/cmdline");
  assert.doesNotMatch(init.output, /socket-lab|bwrap|\/tmp\//, 'pid 1 names no host path');
  await t.close();
});

test('daemonised programs leave no zombies: the session init reaps them', { skip: jailSkip }, async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const t = await terminal(session, 'server');
  const out = await runInTerminal(t, 'for i in 1 2 3 4 5; do (sleep 0.1 &) ; done; sleep 0.6; ps -e -o stat= | grep -c Z || true');
  assert.match(out.output, /^0$/m);
  await t.close();
});
