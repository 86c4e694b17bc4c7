// A learner's program may do anything to its workspace while the lab saves and reads files there:
// swap a folder for a symlink mid-save (E1), turn a file into a named pipe (E2). The server's file
// I/O runs inside the jail as the learner, so neither can reach the host or wedge the lab.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function shell() {
  const session = await lab.createSession(FIXTURE_LESSON);
  const client = await TerminalClient.connect(lab, { session, terminal: 'server', cols: 200 });
  await client.waitForOutput('$ ');
  return { session, client };
}

function save(client: TerminalClient, path: string, content: string): Promise<{ ok: boolean; message?: string }> {
  const before = client.messages.length;
  client.send({ type: 'files.save', files: [{ path, content }] });
  return client
    .waitFor((c) => c.messages.slice(before).some((m) => m.type === 'files.saved' || m.type === 'error'), 10_000, `save ${path}`)
    .then(() => {
      const m = client.messages.slice(before).find((x) => x.type === 'files.saved' || x.type === 'error')!;
      return m.type === 'files.saved' ? { ok: true } : { ok: false, message: (m as { message: string }).message };
    });
}

// renameat2(RENAME_EXCHANGE) in a tight loop: "pkg" is a real folder one instant and a symlink to a host folder the next.
const SWAPPER = (target: string) => `
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
os.makedirs("pkg", exist_ok=True)
if not os.path.islink("evil"): os.symlink(${JSON.stringify(target)}, "evil")
print("swapping", flush=True)
for _ in range(2_000_000):
    libc.syscall(316, -100, b"pkg", -100, b"evil", 2)
`;

test('E1: a folder swapped for a symlink mid-save never sends the write outside the workspace', { skip: jailSkip }, async () => {
  const victim = mkdtempSync(join(tmpdir(), 'socket-lab-victim-'));
  chmodSync(victim, 0o777); // as writable as a host folder can be: only the path may protect it
  try {
    const { client } = await shell();
    await save(client, 'swap.py', SWAPPER(victim));
    client.type('python3 swap.py &\r');
    await client.waitForOutput('swapping');
    const results = [];
    for (let i = 0; i < 150; i++) results.push(await save(client, `pkg/x${i}.py`, `print(${i})\n`));
    assert.deepEqual(readdirSync(victim), [], 'nothing was written into the host folder');
    for (const r of results.filter((x) => !x.ok)) assert.match(r.message ?? '', /not a plain folder|symlink/);
    await client.close();
  } finally {
    rmSync(victim, { recursive: true, force: true });
  }
});

test('E2: a FIFO in place of a file gets a clear refusal, and the lab stays responsive for everyone', { skip: jailSkip }, async () => {
  const { session: mine, client } = await shell();
  await runInTerminal(client, 'rm -f server.py app.log; mkfifo server.py app.log');
  const started = Date.now();
  const saved = await save(client, 'server.py', 'print("hi")\n');
  assert.equal(saved.ok, false);
  assert.match(saved.message ?? '', /server\.py is not a regular file/);
  assert.doesNotMatch(saved.message ?? '', /\/tmp\/|socket-lab-/, 'the message names the path as the learner sees it');
  // Run saves the editor's files first: the same refusal, and nothing typed into the terminal.
  client.send({ type: 'run', label: 'Run server', files: [{ path: 'server.py', content: 'print(1)\n' }] });
  await client.waitFor((c) => c.messages.filter((m) => m.type === 'error').length >= 2, 10_000, 'the run refusal');
  // Reading a FIFO (a check reading a log file) returns at once too.
  await assert.rejects(lab.lab.registry.get(mine)!.confinement.files.read('app.log'), /app\.log is not a regular file/);
  // Another learner's session, and the pages, are unaffected.
  const other = await TerminalClient.connect(lab, { session: await lab.createSession(FIXTURE_LESSON), terminal: 'server' });
  await other.waitForOutput('$ ');
  assert.equal((await save(other, 'client.py', 'print(2)\n')).ok, true);
  assert.equal((await fetch(`${lab.origin}/api/health`, { headers: lab.headers })).status, 200);
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  await Promise.all([client.close(), other.close()]);
});
