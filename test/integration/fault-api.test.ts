// The fault API answers like Toxiproxy (paths, methods, status codes, error JSON), and bad input
// gets 400/404/409 with a message and changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { startFaultApi, type FaultApi } from '../support/fault-api.js';

let api: FaultApi;
before(async () => {
  api = await startFaultApi();
});
after(() => api.close());
const call: FaultApi['call'] = (method, path, body) => api.call(method, path, body);

test('proxies: create 201, show 200, list, update 200 (POST and PATCH), delete 204', async () => {
  const created = await call('POST', '/proxies', { name: 'db', listen: '127.0.0.1:0', upstream: '127.0.0.1:5432' });
  assert.equal(created.status, 201);
  assert.deepEqual(Object.keys(created.body).sort(), ['enabled', 'listen', 'name', 'toxics', 'upstream']);
  assert.equal(created.body.enabled, true);
  assert.equal((await call('GET', '/proxies/db')).status, 200);
  assert.ok((await call('GET', '/proxies')).body.db);
  assert.equal((await call('PATCH', '/proxies/db', { enabled: false })).body.enabled, false);
  assert.equal((await call('POST', '/proxies/db', { enabled: true })).body.enabled, true);
  assert.equal((await call('DELETE', '/proxies/db')).status, 204);
  assert.equal((await call('GET', '/proxies/db')).status, 404);
});

test('toxics: create 200 with Toxiproxy defaults, show, update, delete 204', async () => {
  await call('POST', '/proxies', { name: 'web', listen: '127.0.0.1:0', upstream: '127.0.0.1:8080' });
  const toxic = await call('POST', '/proxies/web/toxics', { type: 'latency', attributes: { latency: 100 } });
  assert.equal(toxic.status, 200);
  assert.deepEqual(toxic.body, { name: 'latency_downstream', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 100, jitter: 0 } });
  assert.equal((await call('GET', '/proxies/web/toxics/latency_downstream')).status, 200);
  const updated = await call('PATCH', '/proxies/web/toxics/latency_downstream', { attributes: { jitter: 10 } });
  assert.deepEqual(updated.body.attributes, { latency: 100, jitter: 10 });
  assert.equal((await call('GET', '/proxies/web/toxics')).body.length, 1);
  assert.equal((await call('DELETE', '/proxies/web/toxics/latency_downstream')).status, 204);
  assert.deepEqual((await call('GET', '/proxies/web/toxics')).body, []);
});

test('populate 201 creates or replaces; version answers JSON', async () => {
  const populated = await call('POST', '/populate', [
    { name: 'a', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' },
    { name: 'b', listen: '127.0.0.1:0', upstream: '127.0.0.1:2', enabled: false },
  ]);
  assert.equal(populated.status, 201);
  assert.deepEqual(
    populated.body.proxies.map((p: { name: string }) => p.name),
    ['a', 'b'],
  );
  assert.equal((await call('POST', '/populate', [{ name: 'a', listen: '127.0.0.1:0', upstream: '127.0.0.1:3' }])).body.proxies[0].upstream, '127.0.0.1:3');
  const version = await call('GET', '/version');
  assert.equal(version.status, 200);
  assert.equal(typeof version.body.version, 'string');
});

test("bad input is refused with Toxiproxy's status and message, and changes nothing", async () => {
  await call('POST', '/proxies', { name: 'svc', listen: '127.0.0.1:0', upstream: '127.0.0.1:9' });
  const before = JSON.stringify((await call('GET', '/proxies/svc')).body);
  const cases: Array<[string, string, unknown, number, RegExp]> = [
    ['POST', '/proxies', { name: 'x' }, 400, /missing required field: upstream/],
    ['POST', '/proxies', { upstream: '127.0.0.1:1' }, 400, /missing required field: name/],
    ['POST', '/proxies', { name: 'svc', upstream: '127.0.0.1:1' }, 409, /proxy already exists/],
    ['POST', '/proxies', '{not json', 400, /bad request body/],
    ['POST', '/proxies', { name: 'y', upstream: 'no-port' }, 400, /host:port/],
    ['GET', '/proxies/nope', undefined, 404, /proxy not found/],
    ['POST', '/proxies/nope/toxics', { type: 'latency' }, 404, /proxy not found/],
    ['POST', '/proxies/svc/toxics', { type: 'gremlins' }, 400, /invalid toxic type/],
    ['POST', '/proxies/svc/toxics', { type: 'latency', stream: 'sideways' }, 400, /stream was invalid/],
    ['POST', '/proxies/svc/toxics', { type: 'slicer', attributes: { average_size: -5 } }, 400, /average_size/],
    ['POST', '/proxies/svc/toxics', { type: 'limit_data', attributes: { bytes: 'lots' } }, 400, /bytes/],
    ['POST', '/proxies/svc/toxics', { type: 'latency', toxicity: 2 }, 400, /toxicity/],
    ['GET', '/proxies/svc/toxics/ghost', undefined, 404, /toxic not found/],
    ['DELETE', '/proxies/svc/toxics/ghost', undefined, 404, /toxic not found/],
    ['GET', '/nowhere', undefined, 404, /no route/],
  ];
  for (const [method, path, body, status, message] of cases) {
    const res = await call(method, path, body);
    assert.equal(res.status, status, `${method} ${path} ${JSON.stringify(body)}`);
    assert.match(res.body.error, message);
    assert.equal(res.body.status, status);
  }
  assert.equal(JSON.stringify((await call('GET', '/proxies/svc')).body), before);
  // A duplicate toxic name is a conflict; the first one stays as it was.
  await call('POST', '/proxies/svc/toxics', { name: 'slow', type: 'latency', attributes: { latency: 5 } });
  const dup = await call('POST', '/proxies/svc/toxics', { name: 'slow', type: 'bandwidth' });
  assert.equal(dup.status, 409);
  assert.equal((await call('GET', '/proxies/svc/toxics/slow')).body.type, 'latency');
});

test('a proxy cannot take a port that is in use: 409 with the reason', async () => {
  const first = await call('POST', '/proxies', { name: 'first', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
  const res = await call('POST', '/proxies', { name: 'second', listen: first.body.listen, upstream: '127.0.0.1:1' });
  assert.equal(res.status, 409);
  assert.match(res.body.error, /address already in use/);
  assert.equal((await call('GET', '/proxies/second')).status, 404);
});

test('the fault agent serves HTTP and its control channel, reports proxy events, and exits when the lab hangs up', async () => {
  const { spawn } = await import('node:child_process');
  const { createConnection, createServer } = await import('node:net');
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const port = (probe.address() as AddressInfo).port;
  probe.close();
  const agent = spawn(process.execPath, ['--import', 'tsx', 'sandbox/fault-agent/main.ts', `127.0.0.1:${port}`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => agent.once('exit', resolve));
  try {
    type AgentLine = { ready?: string; reply?: number; status?: number; body?: { listen: string }; event?: { kind: string; proxy: string } };
    const lines: AgentLine[] = [];
    agent.stdout!.on('data', (d) =>
      lines.push(
        ...String(d)
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ),
    );
    const deadline = Date.now() + 15_000;
    const waitFor = async (match: (l: AgentLine) => boolean) => {
      while (!lines.some(match) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return lines.find(match);
    };
    assert.deepEqual(await waitFor((l) => 'ready' in l), { ready: `127.0.0.1:${port}` });
    assert.equal((await fetch(`http://127.0.0.1:${port}/version`)).status, 200);
    agent.stdin!.write(
      `${JSON.stringify({ id: 7, method: 'POST', path: '/proxies', body: { name: 'down', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' } })}\n`,
    );
    agent.stdin!.write('not json\n');
    const created = (await waitFor((l) => l.reply === 7))!;
    assert.equal(created.status, 201);
    assert.equal((await waitFor((l) => l.reply === -1))!.status, 400);
    const [host, p] = created.body!.listen.split(':');
    await new Promise<void>((resolve) =>
      createConnection({ host, port: Number(p) })
        .on('close', () => resolve())
        .on('error', () => resolve()),
    );
    await waitFor((l) => l.event?.kind === 'upstream-unavailable');
    const events = lines.filter((l) => 'event' in l).map((l) => l.event!);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['connect', 'upstream-unavailable'],
    );
    assert.equal(events[0].proxy, 'down');
    agent.stdin!.end();
    assert.equal(await exited, 0);
  } finally {
    agent.kill('SIGKILL');
  }
});

test('a port out of range (upstream 99999, listen 70000) is a 400 and the agent keeps serving', async () => {
  for (const body of [
    { name: 'far', listen: '127.0.0.1:0', upstream: '127.0.0.1:99999' },
    { name: 'far', listen: '127.0.0.1:70000', upstream: '127.0.0.1:1' },
  ]) {
    const answer = await call('POST', '/proxies', body);
    assert.equal(answer.status, 400);
    assert.match(JSON.stringify(answer.body), /port must be 0–65535/);
  }
  await call('POST', '/proxies', { name: 'near', listen: '127.0.0.1:0', upstream: '127.0.0.1:1' });
  assert.equal((await call('PATCH', '/proxies/near', { upstream: '127.0.0.1:123456' })).status, 400);
  assert.equal((await call('GET', '/version')).status, 200);
  assert.equal((await call('DELETE', '/proxies/near')).status, 204);
});
