// `npm run dev` mounts the same sandbox into `astro dev`: a session and a terminal work there too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { repoRoot } from '../support/lab-harness.js';
import { SOCKET_PATHS } from '../../schema/wire-constants.js';

/** The lab's folders in the temp dir (sessions, jail files, check runs), by name. */
const labFolders = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('socket-lab-')));

test('astro dev serves lessons and the sandbox API and terminals on one port, and SIGTERM leaves nothing behind', async () => {
  const before = labFolders();
  const port = 4300 + Math.floor(Math.random() * 500);
  const dev = spawn('npx', ['astro', 'dev', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so the whole npx → astro tree is stopped at the end
  });
  try {
    let log = '';
    const token = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no token line from astro dev:\n${log}`)), 60_000);
      const onData = (d: Buffer) => {
        log += d;
        const match = /token=([A-Za-z0-9_-]+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      dev.stdout.on('data', onData);
      dev.stderr.on('data', onData);
    });
    const origin = `http://127.0.0.1:${port}`;
    const headers = { Origin: origin, Cookie: `socketlab_token_${port}=${token}` };
    // The token is printed while the server is being set up; wait until it answers.
    let page: Response | undefined;
    for (const deadline = Date.now() + 30_000; !page && Date.now() < deadline;) {
      page = await fetch(`${origin}/lessons/01-first-socket/`).catch(() => new Promise<undefined>((r) => setTimeout(r, 200)));
    }
    assert.equal(page?.status, 200);
    const res = await fetch(`${origin}/api/sessions`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{"lesson":"01-first-socket"}',
    });
    assert.equal(res.status, 201);
    const { session } = (await res.json()) as { session: string };
    const ws = new WebSocket(`ws://127.0.0.1:${port}${SOCKET_PATHS.terminal}?session=${session}&terminal=server`, { headers });
    let output = '';
    ws.on('message', (data, isBinary) => {
      if (isBinary) output += data.toString();
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(Buffer.from('echo dev-$((40+2))\r'));
    const deadline = Date.now() + 10_000;
    while (!output.includes('dev-42') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.match(output, /dev-42/);
    ws.close();
  } finally {
    process.kill(-dev.pid!, 'SIGTERM');
  }
  // Vite closes the server on SIGTERM; the lab ends its sessions first, so its folders go too.
  const left = () => [...labFolders()].filter((n) => !before.has(n));
  for (const deadline = Date.now() + 15_000; left().length && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(left(), [], 'the dev server removed its session and jail folders');
});
