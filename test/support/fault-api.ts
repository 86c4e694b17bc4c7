// An in-process fault API on a free loopback port, and a tiny client for it.
import type { AddressInfo } from 'node:net';
import { createFaultApi } from '../../sandbox/fault-agent/http-api.js';
import { ProxyCollection } from '../../sandbox/fault-agent/proxy-collection.js';

export interface FaultApi {
  base: string;
  // The tests assert on whatever JSON the API answers, field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startFaultApi(): Promise<FaultApi> {
  const proxies = new ProxyCollection();
  const api = createFaultApi(proxies);
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  return {
    base,
    async call(method, path, body) {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(`${base}${path}`, { method, body: payload });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await proxies.closeAll();
      api.closeAllConnections(); // fetch keeps connections alive; close() would wait for them
      await new Promise((resolve) => api.close(resolve));
    },
  };
}
