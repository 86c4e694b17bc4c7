// The fault proxy against real Python programs on loopback: each toxic does what Toxiproxy's does,
// as a Python client sees it (exception class, EOF, bytes, timing with generous margins).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from '../support/lab-harness.js';
import { startFaultApi, type FaultApi } from '../support/fault-api.js';

const fixtures = `${repoRoot}test/fixtures/faults`;
// The same probe the sandbox tests run: sends, half-closes, reads to EOF, reports as JSON.
const PROBE = `${repoRoot}sandbox/checks/probe.py`;
let upstream: ChildProcess;
let upstreamPort: number;
let api: FaultApi;

before(async () => {
  upstream = spawn('/usr/bin/python3', [`${fixtures}/echo_server.py`], { stdio: ['ignore', 'pipe', 'inherit'] });
  upstreamPort = await new Promise<number>((resolve) => upstream.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  api = await startFaultApi();
});
after(async () => {
  upstream.kill();
  await api.close();
});
const call: FaultApi['call'] = (method, path, body) => api.call(method, path, body);

let counter = 0;
async function proxyWith(toxics: unknown[], upstreamAddr = `127.0.0.1:${upstreamPort}`) {
  const name = `p${++counter}`;
  const created = await call('POST', '/proxies', { name, listen: '127.0.0.1:0', upstream: upstreamAddr });
  assert.equal(created.status, 201);
  for (const toxic of toxics) assert.equal((await call('POST', `/proxies/${name}/toxics`, toxic)).status, 200);
  return { name, port: Number(created.body.listen.split(':').pop()) };
}

type ProbeResult = { exception: string | null; received: number; chunks: number; elapsed: number };

/** Runs the Python probe (asynchronously: the proxy under test lives in this process). */
async function probe(port: number, size: number): Promise<ProbeResult> {
  const { stdout } = await promisify(execFile)('/usr/bin/python3', [PROBE, String(port), '--send', String(size), '--half-close'], { timeout: 20_000 });
  return JSON.parse(stdout);
}

const cases: Array<{ what: string; toxics: unknown[]; size: number; expect: (r: ProbeResult) => void }> = [
  { what: 'no toxic: every byte echoed', toxics: [], size: 5000, expect: (r) => assert.deepEqual([r.exception, r.received], [null, 5000]) },
  {
    what: 'latency delays the answer',
    toxics: [{ type: 'latency', attributes: { latency: 400 } }],
    size: 100,
    expect: (r) => {
      assert.equal(r.received, 100);
      assert.ok(r.elapsed >= 0.38 && r.elapsed < 3, `${r.elapsed}s`);
    },
  },
  {
    what: 'bandwidth limits the rate',
    toxics: [{ type: 'bandwidth', attributes: { rate: 50 } }],
    size: 100 * 1024,
    expect: (r) => {
      assert.equal(r.received, 100 * 1024);
      assert.ok(r.elapsed >= 1.6 && r.elapsed < 6, `${r.elapsed}s for 100 KB at 50 KB/s`);
    },
  },
  {
    what: 'slicer cuts the answer into small pieces',
    toxics: [{ type: 'slicer', attributes: { average_size: 10, size_variation: 3, delay: 5000 } }],
    size: 300,
    expect: (r) => {
      assert.equal(r.received, 300);
      assert.ok(r.chunks >= 10, `${r.chunks} recv() calls`);
    },
  },
  {
    what: 'limit_data closes after N bytes: the client reads them, then EOF',
    toxics: [{ type: 'limit_data', attributes: { bytes: 100 } }],
    size: 5000,
    expect: (r) => assert.deepEqual([r.exception, r.received], [null, 100]),
  },
  {
    what: 'timeout with a time: nothing gets through, then the connection closes (EOF)',
    toxics: [{ type: 'timeout', stream: 'upstream', attributes: { timeout: 500 } }],
    size: 100,
    expect: (r) => {
      assert.deepEqual([r.exception, r.received], [null, 0]);
      assert.ok(r.elapsed >= 0.45 && r.elapsed < 2.5, `${r.elapsed}s`);
    },
  },
  {
    what: "timeout 0: a black hole; the client's own timeout fires",
    toxics: [{ type: 'timeout', attributes: { timeout: 0 } }],
    size: 100,
    expect: (r) => assert.equal(r.exception, 'TimeoutError'),
  },
  {
    what: 'reset_peer: the client sees a reset',
    toxics: [
      { type: 'reset_peer', attributes: { timeout: 300 } },
      { type: 'latency', attributes: { latency: 2000 } },
    ],
    size: 100,
    expect: (r) => assert.equal(r.exception, 'ConnectionResetError'),
  },
  {
    what: 'slow_close delays the close',
    toxics: [{ type: 'slow_close', attributes: { delay: 700 } }],
    size: 100,
    expect: (r) => {
      assert.equal(r.received, 100);
      assert.ok(r.elapsed >= 0.65, `${r.elapsed}s`);
    },
  },
  {
    what: 'toxicity 0: the toxic never applies',
    toxics: [{ type: 'latency', toxicity: 0, attributes: { latency: 3000 } }],
    size: 100,
    expect: (r) => assert.ok(r.elapsed < 1, `${r.elapsed}s`),
  },
];

for (const c of cases) {
  test(`toxic: ${c.what}`, async () => {
    const { port } = await proxyWith(c.toxics);
    c.expect(await probe(port, c.size));
  });
}

test('upstream down: the client still connects (to the proxy) and reads EOF, not a refusal', async () => {
  const { port } = await proxyWith([], '127.0.0.1:1');
  const result = await probe(port, 10);
  assert.deepEqual([result.exception, result.received], [null, 0]);
});

test('a disabled proxy refuses connections; /reset enables it and removes every toxic', async () => {
  const { name, port } = await proxyWith([{ type: 'latency', attributes: { latency: 1 } }]);
  const listen = `127.0.0.1:${port}`;
  assert.equal((await call('POST', `/proxies/${name}`, { enabled: false })).body.enabled, false);
  assert.equal((await probe(port, 10)).exception, 'ConnectionRefusedError');
  assert.equal((await call('POST', '/reset')).status, 204);
  const after = await call('GET', `/proxies/${name}`);
  assert.deepEqual([after.body.enabled, after.body.toxics, after.body.listen], [true, [], listen]);
  assert.equal((await probe(port, 10)).received, 10);
});
