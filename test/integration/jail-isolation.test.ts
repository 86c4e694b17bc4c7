// The jail (DESIGN §4) against real attacks, from inside real sessions. Every attack stays on
// this machine: non-loopback targets are tried only from inside a session's namespace, where no
// packet can leave.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { FOREIGN_ADDRESS, LAB_HOSTS, UNKNOWN_HOST_EXAMPLE } from '../../schema/lab-network.js';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import { FIXTURE_LESSON, fixtureLessons, processesOfSession, sleep, stripAnsi } from '../support/fixtures.js';
import { runInTerminal } from '../support/shell.js';
import { jailSkip } from '../support/jail.js';

let lab: TestLab;
before(async () => {
  if (!jailSkip) lab = await startTestLab({ lessonsDir: fixtureLessons });
});
after(() => lab?.close());

async function shell(terminal = 'server') {
  const session = await lab.createSession(FIXTURE_LESSON);
  const client = await TerminalClient.connect(lab, { session, terminal, cols: 200 });
  await client.waitForOutput('$ ');
  return { session, client };
}

async function python(client: TerminalClient, name: string, code: string, timeoutMs?: number) {
  client.send({ type: 'files.save', files: [{ path: name, content: code }] });
  await client.waitFor((c) => c.messages.some((m) => m.type === 'files.saved' && m.paths.includes(name)), 5000, `save ${name}`);
  return runInTerminal(client, `python3 ${name}`, timeoutMs);
}

test('the sandbox is on, the learner is uid 1000 with no capabilities', { skip: jailSkip }, async () => {
  assert.equal(lab.lab.sandbox.mode, 'sandboxed');
  const { client } = await shell();
  const { output } = await runInTerminal(client, 'id -u; grep CapEff /proc/self/status; pwd; hostname');
  assert.match(output, /^1000$/m);
  assert.match(output, /CapEff:\s+0000000000000000/);
  assert.match(output, /^\/lab$/m);
  assert.match(output, /^lab$/m);
  await client.close();
});

test('two sessions bind 127.0.0.1:65432 at the same time', { skip: jailSkip }, async () => {
  const code = 'import socket, time\ns = socket.create_server(("127.0.0.1", 65432))\nprint("bound 65432", flush=True)\ntime.sleep(1.5)\n';
  const [a, b] = await Promise.all([shell(), shell()]);
  const [ra, rb] = await Promise.all([python(a.client, 'bind.py', code), python(b.client, 'bind.py', code)]);
  assert.match(ra.output, /bound 65432/);
  assert.match(rb.output, /bound 65432/);
  await Promise.all([a.client.close(), b.client.close()]);
});

test('the host filesystem is out of reach: no secrets, nothing writable outside the workspace', { skip: jailSkip }, async () => {
  const { client } = await shell();
  const { output } = await python(
    client,
    'fs.py',
    [
      'import os',
      'for path in ["/etc/shadow", "/root", "/home", "' + process.env.HOME + '"]:',
      '    print(path, "exists" if os.path.exists(path) else "absent")',
      'for path in ["/usr/evil", "/etc/evil", "/evil", "/bin/evil"]:',
      '    try:',
      '        open(path, "w"); print(path, "WRITTEN")',
      '    except OSError as e: print(path, "refused", type(e).__name__)',
      'open("/lab/ok.txt", "w").write("fine"); print("workspace writable")',
    ].join('\n'),
  );
  assert.doesNotMatch(output, / exists|WRITTEN/);
  assert.equal((output.match(/ refused /g) ?? []).length, 4);
  assert.match(output, /workspace writable/);
  await client.close();
});

test('no network beyond the session: not the internet, not the lab server itself', { skip: jailSkip }, async () => {
  const { client } = await shell();
  const { output } = await python(
    client,
    'net.py',
    [
      'import socket',
      `for host, port in [("192.0.2.1", 80), ("127.0.0.1", ${lab.port})]:`,
      '    try:',
      '        socket.create_connection((host, port), timeout=2); print(host, "CONNECTED")',
      '    except OSError as e: print(host, type(e).__name__, e.errno)',
    ].join('\n'),
  );
  assert.match(output, /192\.0\.2\.1 OSError 101/); // ENETUNREACH: no route out of the namespace
  assert.match(output, /127\.0\.0\.1 ConnectionRefusedError/); // the session's own loopback, not the host's
  await client.close();
});

test('every lab host behaves as the lab-network page documents', { skip: jailSkip }, async () => {
  const { client } = await shell();
  const hosts = LAB_HOSTS.filter((h) => h.exception);
  const { output } = await python(
    client,
    'hosts.py',
    [
      'import errno, socket',
      `for host in ${JSON.stringify([...hosts.map((h) => h.name), UNKNOWN_HOST_EXAMPLE])}:`,
      '    try:',
      '        socket.create_connection((host, 80), timeout=1.5); print(host, "CONNECTED")',
      '    except OSError as e: print(host, type(e).__name__, errno.errorcode.get(e.errno, "-"))',
      'try:',
      `    socket.socket().bind(("${FOREIGN_ADDRESS}", 0)); print("bind", "OK")`,
      'except OSError as e: print("bind", type(e).__name__, errno.errorcode.get(e.errno, "-"))',
    ].join('\n'),
  );
  for (const host of hosts) {
    const line = new RegExp(`^${host.name.replace('.', '\\.')} (\\w+) (\\w+|-)$`, 'm').exec(output);
    assert.ok(line, `${host.name} printed nothing:\n${output}`);
    assert.equal(line[1], host.exception, `${host.name}: ${line[0]}`);
    if (host.errno) assert.equal(line[2], host.errno, `${host.name}: ${line[0]}`);
  }
  assert.match(output, new RegExp(`^${UNKNOWN_HOST_EXAMPLE.replace('.', '\\.')} gaierror`, 'm'));
  assert.match(output, /^bind OSError EADDRNOTAVAIL$/m);
  await client.close();
});

test('the lab network cannot be changed from inside', { skip: jailSkip }, async () => {
  const { client } = await shell();
  const { output } = await runInTerminal(
    client,
    'ip route del unreachable 198.18.1.0/24; ip link set lo down; echo 5 > /proc/sys/net/ipv4/tcp_syn_retries; cat /proc/sys/net/ipv4/tcp_syn_retries',
  );
  assert.match(output, /Operation not permitted|Permission denied|Read-only/);
  assert.match(output, /^2$/m);
  await client.close();
});

test('a symlink planted by the learner never makes the server write outside the workspace', { skip: jailSkip }, async () => {
  const { client } = await shell();
  const before = readFileSync('/etc/hostname', 'utf8');
  await runInTerminal(client, 'ln -s /etc/hostname planted.py; mkdir -p d; ln -s /etc d/etc');
  client.send({ type: 'files.save', files: [{ path: 'planted.py', content: 'owned' }] });
  const error = await client.waitForMessage('error');
  assert.equal(error.code, 'bad-path');
  client.send({ type: 'files.save', files: [{ path: 'd/etc/hostname', content: 'owned' }] });
  await client.waitFor((c) => c.messages.filter((m) => m.type === 'error').length === 2, 5000, 'second refusal');
  assert.equal(readFileSync('/etc/hostname', 'utf8'), before);
  await client.close();
});

test('TIOCSTI injection fails and Ctrl-C still raises KeyboardInterrupt in Python', { skip: jailSkip }, async () => {
  const { client } = await shell();
  client.send({
    type: 'files.save',
    files: [
      {
        path: 'inject.py',
        content: [
          'import fcntl, termios, time',
          'try:',
          '    for ch in "echo INJECTED\\n": fcntl.ioctl(0, termios.TIOCSTI, ch.encode())',
          '    print("injection WORKED", flush=True)',
          'except OSError as e: print("injection blocked:", e, flush=True)',
          'try:',
          '    print("waiting for Ctrl-C", flush=True); time.sleep(30)',
          'except KeyboardInterrupt: print("caught KeyboardInterrupt", flush=True)',
        ].join('\n'),
      },
    ],
  });
  await client.waitForMessage('files.saved');
  client.type('python3 inject.py\r');
  await client.waitForOutput('waiting for Ctrl-C');
  client.type('\x03');
  await client.waitForOutput('caught KeyboardInterrupt');
  assert.match(stripAnsi(client.output), /injection blocked: \[Errno 1\] Operation not permitted/);
  await sleep(300);
  assert.doesNotMatch(stripAnsi(client.output), /^INJECTED$/m);
  await client.close();
});

test("one session cannot see or signal another session's processes", { skip: jailSkip }, async () => {
  const a = await shell();
  const b = await shell();
  const { output } = await runInTerminal(a.client, 'sleep 1000 & echo "pid=$!"');
  const victim = /pid=(\d+)/.exec(output)![1];
  const hostPids = processesOfSession(a.session);
  const attack = await runInTerminal(b.client, `ps -e | wc -l; kill -9 ${victim} ${hostPids.join(' ')} 2>&1; echo done`);
  assert.match(attack.output, /No such process/);
  // kill -1 reaches every process of the session it runs in (its own shell too), never another's.
  b.client.type('kill -9 -1\r');
  await b.client.waitForMessage('exit', 5000);
  const alive = await runInTerminal(a.client, `kill -0 ${victim} && echo victim-alive`);
  assert.match(alive.output, /victim-alive/);
  await Promise.all([a.client.close(), b.client.close()]);
});

test('nested user namespaces are refused (no way to regain capabilities)', { skip: jailSkip }, async () => {
  const { client } = await shell();
  const { output } = await runInTerminal(client, 'unshare -r id; unshare -n true; echo end');
  assert.doesNotMatch(output, /uid=0/);
  assert.match(output, /unshare failed|Operation not permitted|No space left/);
  await client.close();
});

test('a setsid daemon is gone after the session ends, and so is everything else', { skip: jailSkip }, async () => {
  const { session, client } = await shell();
  const holders = lab.lab.registry.get(session)!.confinement.infrastructurePids();
  assert.equal(holders.length, 2, 'the unshare process and the session init');
  assert.ok(
    holders.every((pid) => existsSync(`/proc/${pid}`)),
    'the namespace holder runs',
  );
  await runInTerminal(
    client,
    'setsid sh -c "sleep 1003 & sleep 1004" > /dev/null 2>&1 < /dev/null & disown; python3 -c "import os,time; os.fork() or (os.setsid(), time.sleep(1005))" & true',
  );
  await sleep(300);
  assert.ok(processesOfSession(session).length >= 4);
  const res = await fetch(`${lab.origin}/api/sessions/${session}`, { method: 'DELETE', headers: lab.headers });
  assert.equal(res.status, 204);
  assert.deepEqual(processesOfSession(session), []);
  for (const pid of holders)
    assert.equal(existsSync(`/proc/${pid}/status`) && !readFileSync(`/proc/${pid}/status`, 'utf8').includes('zombie'), false, 'the holder is gone');
  await client.close();
});
