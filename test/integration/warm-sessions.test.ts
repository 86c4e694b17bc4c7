// Sessions built ahead of demand (the warm pool): a learner's new session is one of them, with the
// lesson's files and terminals, as if it had been built for that lesson; none outlives the lab.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startTestLab, type TestLab } from '../support/lab-harness.js';
import { TerminalClient } from '../support/terminal-client.js';
import { processesOfSession, sleep, stripAnsi } from '../support/fixtures.js';
import { jailSkip } from '../support/jail.js';
import { noConfinement, type ConfinementProvider } from '../../sandbox/process/launch.js';

let lab: TestLab;
before(async () => {
  lab = await startTestLab();
});
after(() => lab?.close());

async function untilWarm(target: TestLab, count: number): Promise<void> {
  for (let waited = 0; target.lab.registry.warm.readyCount < count; waited += 50) {
    if (waited > 20_000) throw new Error(`the pool held ${target.lab.registry.warm.readyCount} warm sessions, not ${count}, after 20 s`);
    await sleep(50);
  }
}

async function open(session: string, terminal: string, cols = 46, rows = 7) {
  const client = await TerminalClient.connect(lab, { session, terminal, cols, rows });
  const ready = await client.waitForMessage('ready');
  await client.waitForOutput('$ ');
  return { client, ready };
}

test('a warm session becomes the lesson asked for: its files, its terminal names, the browser size, a first open that is no resume', async () => {
  await untilWarm(lab, 2);
  const warmIds = lab.lab.registry.warm.readyIds;
  const session = await lab.createSession('01-first-socket');
  assert.equal(session, warmIds[0], 'the oldest warm session was taken');
  const { client, ready } = await open(session, 'client');
  assert.equal(ready.resumed, false);
  client.type('stty size; ls; echo "$SOCKET_LAB_SESSION"\r');
  await client.waitForOutput(/7 46[\s\S]*client\.py\s+server\.py/);
  await client.waitForOutput(session);
  // Reopened, the same shell is a resume and takes the new size.
  await client.close();
  const again = await open(session, 'client', 100, 30);
  assert.equal(again.ready.resumed, true);
  again.client.type('stty size\r');
  await again.client.waitForOutput('30 100');
  await again.client.close();
  await lab.lab.registry.end(session);
});

test('a session for a Japanese page holds the starter with Japanese comments; Show solution in Japanese too', async () => {
  await untilWarm(lab, 1);
  const session = await lab.createSession('01-first-socket', 'ja');
  const { client } = await open(session, 'server', 80, 24);
  // The words of lessons/01-first-socket/comments.ja.yaml around the English file's code.
  client.type('grep -c ループバック server.py; grep -c "^PORT = 65432 " server.py; grep -c loopback server.py; echo seeded\r');
  await client.waitForOutput(/1\r\n1\r\n0\r\nseeded/);
  await client.close();
  await lab.lab.registry.end(session);
  const res = await fetch(`${lab.origin}/api/lessons/01-first-socket/solution?lang=ja`, { headers: lab.headers });
  const { files } = (await res.json()) as { files: Array<{ path: string; content: string }> };
  assert.match(files.find((f) => f.path === 'server.py')!.content, /^"""エコーサーバー。/);
});

test('the starter files belong to the learner: a shell edits, replaces and deletes them, and Run saves over them', { skip: jailSkip }, async () => {
  await untilWarm(lab, 1);
  const session = await lab.createSession('01-first-socket');
  const { client } = await open(session, 'server');
  client.type('echo "# mine" >> client.py && mv server.py old.py && rm old.py && mkdir -p sub/deeper && ls -n && echo edited-ok\r');
  await client.waitForOutput('edited-ok\r\n');
  const listing = stripAnsi(client.output);
  assert.doesNotMatch(listing, /denied/i);
  assert.match(listing, /client\.py/);
  await lab.lab.registry.get(session)!.saveFiles([{ path: 'server.py', content: 'print("saved")\n' }]);
  client.type('cat server.py\r');
  await client.waitForOutput('saved');
  await client.close();
  await lab.lab.registry.end(session);
});

test('a lesson with four terminals gets the two warm shells and starts the other two; all four work', async () => {
  await untilWarm(lab, 1);
  const session = await lab.createSession('12-capstone-chat');
  const terminals = lab.lab.registry.get(session)!.lesson.meta.terminals.map((t) => t.id);
  assert.equal(terminals.length, 4);
  for (const terminal of terminals) {
    const { client, ready } = await open(session, terminal, 40, 9);
    assert.equal(ready.resumed, false, terminal);
    client.type(`stty size; echo "is ${terminal}"\r`);
    await client.waitForOutput(/9 40[\s\S]*is /);
    await client.waitForOutput(`is ${terminal}\r\n`);
    await client.close();
  }
  await lab.lab.registry.end(session);
});

test('the pool refills after a burst of new sessions, and closing the lab ends the warm sessions too', async () => {
  const own = await startTestLab();
  try {
    await untilWarm(own, 2);
    const burst = await Promise.all([1, 2, 3, 4].map(() => own.createSession('01-first-socket')));
    assert.equal(new Set(burst).size, 4, 'four distinct sessions, two warm and two built on demand');
    await untilWarm(own, 2);
    const warm = own.lab.registry.warm.readyIds;
    for (const id of warm) assert.ok(processesOfSession(id).length >= 2, 'a warm session holds its shells');
    const root = own.lab.registry.root;
    await own.close();
    for (const id of [...warm, ...burst]) assert.deepEqual(processesOfSession(id), [], `nothing of ${id} is left`);
    assert.equal(existsSync(root), false, 'no session folder is left');
  } finally {
    await own.close().catch(() => {});
  }
});

test('a host where sessions cannot be built warns once, does not retry in a loop, and each learner gets the reason', async () => {
  let attempts = 0;
  const failing: ConfinementProvider = {
    mode: 'sandboxed',
    capabilities: noConfinement.capabilities,
    create: async () => {
      attempts++;
      throw new Error("the session's network could not be created: setup exited with 1: open: Permission denied");
    },
  };
  const warnings: string[] = [];
  const own = await startTestLab({ sandbox: failing, log: { info: () => {}, warn: (m) => warnings.push(m), error: () => {} } });
  try {
    await sleep(500);
    assert.equal(attempts, 1, 'one attempt ahead of demand');
    assert.equal(warnings.filter((w) => /could not prepare a session ahead/.test(w)).length, 1);
    const res = await fetch(`${own.origin}/api/sessions`, {
      method: 'POST',
      headers: { ...own.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ lesson: '01-first-socket' }),
    });
    assert.notEqual(res.status, 201);
    assert.match(await res.text(), /Permission denied/);
    await sleep(300);
    assert.equal(attempts, 2, "the learner's attempt, and no background retry after it failed");
  } finally {
    await own.close();
  }
});
