// The fault proxy on loopback: does a latency toxic add what it says (asked vs measured round trip,
// in this process), and what does the proxy cost in bulk throughput (direct vs through the agent)?
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ProxyCollection } from '../sandbox/fault-agent/proxy-collection.js';
import { median, ms, now, type ReportLine } from './stats.js';
import { FaultAgent } from '../sandbox/faults/agent-handle.js';
import type { SessionNetwork } from '../sandbox/process/launch.js';

const HOST = '127.0.0.1'; // loopback only: the bench never touches another address
const BULK = 64 * 1024 * 1024;
const PING = Buffer.alloc(32, 'p');
/** The host's own loopback, as the unsandboxed mode runs the agent: commands as they are. */
const LOOPBACK_NETWORK: SessionNetwork = { procNetDir: '/proc/self/net', service: (c) => c, admin: { unavailable: 'bench' } };

async function listen(onSocket: (s: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer({ allowHalfOpen: true }, (s) => {
    s.on('error', () => s.destroy()); // a client gone mid-write is not the bench's problem
    onSocket(s);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function connect(port: number): Promise<Socket> {
  const socket = createConnection({ host: HOST, port, allowHalfOpen: true });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.setNoDelay(true); // one small write per round trip: don't let Nagle add delay
  return socket;
}

/** Median round trip of a 32-byte ping, `rounds` times on one connection (after one warm-up). */
async function roundTrips(port: number, rounds: number): Promise<number> {
  const socket = await connect(port);
  const samples: number[] = [];
  let got = 0;
  let wake = () => {};
  socket.on('data', (d: Buffer) => {
    got += d.length;
    wake();
  });
  for (let i = 0; i <= rounds; i++) {
    const want = got + PING.length;
    const t = now();
    await new Promise<void>((resolve) => {
      wake = () => got >= want && resolve();
      socket.write(PING);
    });
    if (i > 0) samples.push(now() - t); // the first trip pays for connection setup in the proxy
  }
  socket.destroy();
  return median(samples);
}

/** The least any Node proxy does: pipe() both ways, no toxics, no events, in a process of its own. */
async function plainPipeProxy(upstream: number): Promise<{ child: ChildProcess; port: number }> {
  const script = `const net = require('node:net');
    const server = net.createServer({ allowHalfOpen: true }, (c) => {
      const u = net.createConnection({ host: '${HOST}', port: ${upstream}, allowHalfOpen: true });
      c.pipe(u); u.pipe(c); c.on('error', () => u.destroy()); u.on('error', () => c.destroy());
    });
    server.listen(0, '${HOST}', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`the bare proxy exited with ${code}`)));
  });
  return { child, port };
}

/** Sends BULK bytes one way and waits for the sink's byte count: MiB/s end to end. */
async function bulk(port: number): Promise<number> {
  const socket = await connect(port);
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let reply = '';
  socket.on('data', (d) => (reply += d));
  const done = new Promise<void>((resolve) => socket.on('end', resolve));
  const t = now();
  for (let sent = 0; sent < BULK; sent += chunk.length) {
    if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
  }
  socket.end(); // half-close: the sink answers with its count once it has read everything
  await done;
  const seconds = (now() - t) / 1000;
  socket.destroy();
  if (Number(reply) !== BULK) throw new Error(`sink counted ${reply} bytes, expected ${BULK}`);
  return BULK / 1024 / 1024 / seconds;
}

export async function measureFaultProxy(): Promise<ReportLine[]> {
  const echo = await listen((s) => {
    s.setNoDelay(true);
    s.on('data', (d) => s.write(d));
    s.on('end', () => s.end());
  });
  const sink = await listen((s) => {
    let count = 0;
    s.on('data', (d: Buffer) => (count += d.length));
    s.on('end', () => s.end(String(count)));
  });
  const proxies = new ProxyCollection();
  const lines: ReportLine[] = [];
  try {
    const direct = await roundTrips(echo.port, 50);
    lines.push({ what: 'direct round trip (no proxy), median', value: ms(direct) });
    const echoProxy = await proxies.add({ name: 'echo', listen: `${HOST}:0`, upstream: `${HOST}:${echo.port}` });
    const echoPort = Number(echoProxy.listen.split(':').pop());
    for (const asked of [0, 50, 200, 500]) {
      proxies.addToxic('echo', { name: 'lat', type: 'latency', stream: 'downstream', attributes: { latency: asked, jitter: 0 } });
      // Fewer rounds for long latencies: the median is stable and the report stays quick.
      const added = (await roundTrips(echoPort, asked >= 200 ? 10 : 30)) - direct;
      proxies.removeToxic('echo', 'lat');
      const error = added - asked;
      lines.push({
        what: `latency ${asked} ms asked → added round trip`,
        value: `${ms(added)} (error ${error >= 0 ? '+' : ''}${error.toFixed(2)} ms)`,
        budget: 'error ≤ 5 ms',
        ok: Math.abs(error) <= 5,
      });
    }

    // Bulk goes through the real agent, its own process as in a session (the lab starts one per
    // session): in this process the proxy would share one event loop with the sender and the sink.
    const agent = await FaultAgent.start(LOOPBACK_NETWORK, { anyPortIfBusy: true });
    try {
      const made = await agent.call('POST', '/proxies', { name: 'sink', listen: `${HOST}:0`, upstream: `${HOST}:${sink.port}` });
      if (made.status !== 201) throw new Error(`the agent refused the proxy: ${JSON.stringify(made.body)}`);
      const sinkPort = Number((made.body as { listen: string }).listen.split(':').pop());
      const plain = await plainPipeProxy(sink.port);
      // Alternate and take medians: the first transfer pays for JIT and buffer growth.
      const rates = { direct: [] as number[], agent: [] as number[], plain: [] as number[] };
      try {
        for (let i = 0; i < 5; i++) {
          rates.direct.push(await bulk(sink.port));
          rates.agent.push(await bulk(sinkPort));
          rates.plain.push(await bulk(plain.port));
        }
      } finally {
        plain.child.kill();
      }
      const [direct, proxied, floor] = [median(rates.direct), median(rates.agent), median(rates.plain)];
      lines.push(
        { what: 'bulk 64 MiB direct (sender and sink in this process), median of 5', value: `${direct.toFixed(0)} MiB/s` },
        { what: 'bulk 64 MiB through the fault agent (its own process, no toxics), median of 5', value: `${proxied.toFixed(0)} MiB/s` },
        {
          what: 'baseline: through a bare Node proxy (socket.pipe both ways, its own process)',
          value: `${floor.toFixed(0)} MiB/s (${((floor / direct) * 100).toFixed(0)} % of direct)`,
        },
        {
          what: 'proxied / direct',
          value: `${((proxied / direct) * 100).toFixed(0)} % (${(proxied / floor).toFixed(2)}× the bare proxy)`,
          budget: '≥ 80 %',
          ok: proxied / direct >= 0.8,
        },
      );
    } finally {
      await agent.stop();
    }
  } finally {
    await proxies.closeAll();
    for (const { server } of [echo, sink]) await new Promise((r) => server.close(r));
  }
  return lines;
}
