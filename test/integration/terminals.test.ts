// Real ptys, real bash, real Python sockets, driven over the real WebSocket protocol.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import type { ServerMessage } from '../../schema/wire.js';
import { FIXTURE_LESSON, fixtureLessons, sleep, stripAnsi } from '../support/fixtures.js';
import { lessonLayout } from '../../schema/lesson-layout.js';
import { isAlive } from '../../sandbox/process/process-tree.js';

let lab: TestLab;
before(async () => {
  lab = await startTestLab({ lessonsDir: fixtureLessons });
});
after(() => lab.close());

async function openTerminal(terminal = 'server', extra: Partial<Parameters<typeof TerminalClient.connect>[1]> = {}) {
  const session = await lab.createSession(FIXTURE_LESSON);
  const client = await TerminalClient.connect(lab, { session, terminal, ...extra });
  await client.waitForMessage('ready');
  await client.waitForOutput('$ ');
  return { session, client };
}

test('a shell starts in the workspace with a UTF-8 locale and echoes', async () => {
  const { client } = await openTerminal();
  client.type('ls; locale charmap; echo "h\u00e9llo \u20acuro \ud83d\udc0d"\r');
  await client.waitForOutput(/h\u00e9llo \u20acuro \ud83d\udc0d\r?\n/);
  const screen = stripAnsi(client.output);
  assert.match(screen, /client\.py\s+server\.py/);
  assert.match(screen, /UTF-8/);
  await client.close();
});

test('a Run sent before the first prompt waits for the shell instead of ending it', async () => {
  // Before bash takes the terminal, the jail's launcher is in the foreground: a Ctrl-C meant for
  // "the previous program" would kill the launcher and end the shell (seen in the browser tests).
  // A lab with no warm sessions, so every shell starts when its terminal is opened.
  const cold = await startTestLab({ lessonsDir: fixtureLessons, warmSessions: 0 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const session = await cold.createSession(FIXTURE_LESSON);
      const client = await TerminalClient.connect(cold, { session, terminal: 'server' });
      await client.waitForMessage('ready');
      client.send({ type: 'run', label: 'Run server' });
      await client.waitForOutput(/listening on \d+/, 10_000);
      assert.doesNotMatch(stripAnsi(client.output), /shell ended/);
      await client.close();
    }
  } finally {
    await cold.close();
  }
});

test('resize reaches the pty', async () => {
  const { client } = await openTerminal('server', { cols: 80, rows: 24 });
  client.send({ type: 'resize', cols: 123, rows: 37 });
  await sleep(100);
  client.type('stty size\r');
  await client.waitForOutput('37 123');
  await client.close();
});

test('Run buttons save the files and type the command; a Python server and client talk over a real socket', async () => {
  const session = await lab.createSession(FIXTURE_LESSON);
  const server = await TerminalClient.connect(lab, { session, terminal: 'server' });
  const client = await TerminalClient.connect(lab, { session, terminal: 'client' });
  await server.waitForOutput('$ ');
  await client.waitForOutput('$ ');
  server.send({ type: 'run', label: 'Run server' });
  await server.waitForOutput(/listening on \d+/);
  const edited = (await import('node:fs'))
    .readFileSync(lessonLayout(`${fixtureLessons}/${FIXTURE_LESSON}`).starter('client.py'), 'utf8')
    .replace('b"ping"', '"caf\u00e9 from the test".encode()');
  client.send({ type: 'run', label: 'Run client', files: [{ path: 'client.py', content: edited }] });
  await client.waitForOutput('Received: caf\u00e9 from the test');
  // The command is typed visibly, as a person would.
  // (Run first leaves any readline mode with Ctrl-G, which the shell answers with a bell, \x07.)
  assert.match(stripAnsi(client.output).replaceAll('\u0007', ''), /\$ python3 client\.py/);
  assert.equal((await client.waitForMessage('ran')).terminal, 'client');
  // Running the server again stops the old one first (Ctrl-C), then starts it afresh.
  server.send({ type: 'run', label: 'Run server' });
  await server.waitFor((c) => (stripAnsi(c.output).match(/listening on/g) ?? []).length === 2, 10_000, 'second server start');
  assert.match(stripAnsi(server.output), /KeyboardInterrupt|\^C/);
  await Promise.all([server.close(), client.close()]);
});

test('Run clears a half-typed line and leaves readline modes first; it says what it stopped, and types nothing into a program that will not stop', async () => {
  const { client } = await openTerminal('server');
  const nextRan = async () => {
    const before = client.messages.filter((m) => m.type === 'ran').length;
    await client.waitFor((c) => c.messages.filter((m) => m.type === 'ran').length > before, 10_000, 'ran');
    return client.messages.filter((m) => m.type === 'ran').at(-1) as Extract<ServerMessage, { type: 'ran' }>;
  };
  // Half a line and a pending Escape (the next key would be read as Meta-key), then reverse search mode.
  for (const leftover of ['echo half-typed\x1b', 'pri\x12']) {
    client.type(leftover);
    await sleep(150);
    const ran = nextRan();
    client.send({ type: 'run', label: 'Run server' });
    assert.deepEqual(await ran, { type: 'ran', label: 'Run server', terminal: 'server', typed: true });
    await client.waitFor((c) => /listening on \d+/.test(stripAnsi(c.output)), 10_000, 'the server');
    // Not cleared, the line would have run as `echo half-typedpython3 server.py` or `:ython3 server.py`.
    assert.doesNotMatch(stripAnsi(client.output), /command not found|half-typedpython3/);
    // The server runs: the next Run stops it first, and says so.
    const again = nextRan();
    client.send({ type: 'run', label: 'Run server' });
    assert.equal((await again).stopped, 'python3');
    await client.waitFor((c) => (stripAnsi(c.output).match(/listening on \d+/g) ?? []).length >= 2, 10_000, 'the restarted server');
    client.output = '';
    client.type('\x03');
    await client.waitForOutput(/\$ $/);
    await sleep(200); // the shell's line editor takes the terminal back
    client.output = '';
  }
  // A program that ignores Ctrl-C: Run types nothing into it and says what is in the way.
  client.type(`python3 -c "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); print('stub' + 'born', flush=True); time.sleep(60)"\r`);
  await client.waitForOutput('stubborn');
  const busy = nextRan();
  client.send({ type: 'run', label: 'Run server' });
  assert.deepEqual(await busy, { type: 'ran', label: 'Run server', terminal: 'server', typed: false, busy: 'python3' });
  assert.doesNotMatch(stripAnsi(client.output), /python3 server\.py/);
  await client.close();
});

test('a Run pressed just as the previous command ends loses no key of its own (the Ctrl-C may meet bash itself)', async () => {
  const { client } = await openTerminal('server');
  for (let i = 0; i < 12; i++) {
    client.output = '';
    client.type(`sleep 0.0${i % 6}; echo tick-${i}\r`);
    await sleep([0, 5, 15, 30, 45, 60][i % 6]);
    client.send({ type: 'run', label: 'Run server' });
    await client.waitFor((c) => /listening on \d+|command not found/.test(stripAnsi(c.output)), 10_000, `the server, round ${i}`);
    assert.doesNotMatch(stripAnsi(client.output), /command not found/, `round ${i}: a key of the command was lost`);
    client.type('\x03');
    await client.waitForOutput(/\$ $/);
    await sleep(100);
  }
  await client.close();
});

test('flow control pauses a flooding pty until the browser acks, then resumes', async () => {
  const { session, client } = await openTerminal('server', { autoAck: false });
  const terminal = lab.lab.registry.get(session)!.terminals.get('server')!;
  client.type('yes flow-control-test\r');
  await client.waitFor(() => terminal.paused, 10_000, 'the pty to pause');
  const atPause = client.bytesReceived;
  await sleep(500);
  // Paused for real: almost nothing more arrives (at most what was already in flight).
  assert.ok(client.bytesReceived - atPause < 64 * 1024, `kept sending while paused: ${client.bytesReceived - atPause} bytes`);
  // Bounded: the pause lands after the high watermark plus what the pty had already read (a few
  // chunks of up to 64 KB when the machine is busy), never a runaway.
  assert.ok(terminal.unackedBytes < 512 * 1024, `unacked ${terminal.unackedBytes}`);
  client.send({ type: 'ack', bytes: client.bytesReceived });
  // It resumes, sends up to another high watermark's worth, and pauses again (no more acks).
  await client.waitFor(() => client.bytesReceived > atPause + 50_000, 10_000, 'output to resume after the ack');
  // Ctrl-C still works while flooding.
  client.type('\x03');
  client.send({ type: 'ack', bytes: client.bytesReceived * 2 });
  await client.close();
});

test('a dropped socket reattaches to the same shell and gets its screen replayed', async () => {
  const { session, client } = await openTerminal();
  client.type('echo before-the-drop; export KEPT=yes\r');
  await client.waitForOutput('before-the-drop\r\n');
  await client.close();
  await sleep(100);
  const again = await TerminalClient.connect(lab, { session, terminal: 'server' });
  const ready = await again.waitForMessage('ready');
  assert.equal(ready.resumed, true);
  const replay = await again.waitForMessage('replay');
  assert.match(replay.data, /before-the-drop/);
  again.type('echo "kept=$KEPT"\r');
  await again.waitForOutput('kept=yes');
  await again.close();
});

test('an extra shell shares the workspace; exit reports the end of the shell', async () => {
  const { session, client } = await openTerminal('server');
  const extra = await TerminalClient.connect(lab, { session, terminal: 'shell-2' });
  await extra.waitForOutput('$ ');
  client.type('echo shared > note.txt\r');
  await sleep(300);
  extra.type('cat note.txt; exit 3\r');
  const exit = await extra.waitForMessage('exit');
  assert.equal(exit.exitCode, 3);
  assert.match(stripAnsi(extra.output), /shared/);
  await Promise.all([client.close(), extra.close()]);
});

test('closing an extra shell ends it; a lesson terminal refuses to close and keeps working', async () => {
  const { session, client } = await openTerminal('server');
  const extra = await TerminalClient.connect(lab, { session, terminal: 'shell-1' });
  await extra.waitForOutput('$ ');
  const shellPid = lab.lab.registry.get(session)!.terminals.get('shell-1')!.pid;
  extra.send({ type: 'close' });
  await extra.waitForMessage('exit');
  assert.equal(lab.lab.registry.get(session)!.terminals.has('shell-1'), false);
  const deadline = Date.now() + 3000;
  while (isAlive(shellPid) && Date.now() < deadline) await sleep(50);
  assert.equal(isAlive(shellPid), false, 'the shell process ended');

  client.send({ type: 'close' });
  const refused = await client.waitForMessage('error');
  assert.equal(refused.code, 'bad-message');
  assert.match(refused.message, /belongs to the lesson/);
  client.type('echo still-here\r');
  await client.waitForOutput('still-here');
  await Promise.all([client.close(), extra.close()]);
});
