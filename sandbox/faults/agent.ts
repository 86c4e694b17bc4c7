// The fault agent: one per session, inside its network namespace (the next step wires it into
// the jail), serving the Toxiproxy-shaped API where learners' scripts expect it: 127.0.0.1:8474.
// Events (connections, closes, resets, bytes) go to stdout as JSON lines for the lab server.
import { createFaultApi } from './http-api.js';
import { ProxyCollection } from './proxy-collection.js';
import { splitHostPort } from './fault-proxy.js';

export const DEFAULT_FAULT_API = '127.0.0.1:8474';

const address = process.argv[2] ?? DEFAULT_FAULT_API;
const { host, port } = splitHostPort(address);
const proxies = new ProxyCollection();
proxies.on('event', (event) => process.stdout.write(`${JSON.stringify(event)}\n`));
const api = createFaultApi(proxies);
api.on('error', (err) => {
  process.stderr.write(`fault agent: cannot listen on ${address}: ${err.message}\n`);
  process.exit(1);
});
api.listen(port, host, () => process.stdout.write(`${JSON.stringify({ ready: address })}\n`));

const stop = async () => {
  await proxies.closeAll();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
