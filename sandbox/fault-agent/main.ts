// The fault agent: one per session, inside the session's network namespace, with no privilege.
// It serves the Toxiproxy-shaped API where learners' scripts expect it (127.0.0.1:8474) and the
// same API to the lab server on its control channel: JSON lines on stdin (requests) and stdout
// (answers, proxy events). Everything it writes to stdout is one JSON object per line.
//   usage: main.ts [host:port] [--any-port-if-busy]
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { createFaultApi, faultApiRoutes } from './http-api.js';
import { ProxyCollection } from './proxy-collection.js';
import { splitHostPort } from './fault-proxy.js';
import type { AgentOutput, AgentRequest } from './protocol.js';

export const DEFAULT_FAULT_API = '127.0.0.1:8474';

const args = process.argv.slice(2);
const address = args.find((a) => !a.startsWith('--')) ?? DEFAULT_FAULT_API;
// Without the sandbox every tab's agent shares the machine's loopback: the second takes any port.
const anyPortIfBusy = args.includes('--any-port-if-busy');
const { host, port } = splitHostPort(address);

const write = (line: AgentOutput) => process.stdout.write(`${JSON.stringify(line)}\n`);
const proxies = new ProxyCollection();
proxies.on('event', (event) => write({ event }));
const answer = faultApiRoutes(proxies);

const api = createFaultApi(proxies);
api.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE' && anyPortIfBusy) return api.listen(0, host);
  process.stderr.write(`fault agent: cannot listen on ${address}: ${err.message}\n`);
  process.exit(1);
});
api.on('listening', () => write({ ready: `${host}:${(api.address() as AddressInfo).port}` }));
api.listen(port, host);

createInterface({ input: process.stdin }).on('line', (line) => {
  let request: AgentRequest;
  try {
    request = JSON.parse(line);
  } catch {
    return write({ reply: -1, status: 400, body: { error: 'control line is not JSON', status: 400 } });
  }
  void answer(request.method, request.path, async () => request.body ?? {}).then((a) => write({ reply: request.id, ...a }));
});

const stop = async () => {
  await proxies.closeAll();
  process.exit(0);
};
process.stdin.on('end', () => void stop()); // the lab server went away: so do we
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
