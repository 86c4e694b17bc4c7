// The fault agent's HTTP API, shaped like Toxiproxy's (same paths, methods, status codes and error
// JSON), so `curl` or a Python script written against Toxiproxy works here unchanged.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, badBody } from './api-error.js';
import type { ProxyCollection } from './proxy-collection.js';

export const FAULT_API_VERSION = '2.12.0-socketlab';
const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    text += chunk;
    if (text.length > MAX_BODY) throw badBody(`larger than ${MAX_BODY} bytes`);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badBody('not valid JSON');
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

type Handler = (params: string[], body: () => Promise<unknown>) => Promise<[number, unknown?]>;
export type FaultApiAnswer = { status: number; body?: unknown };

/** The API's routes, apart from HTTP: the agent also serves them on its control channel. */
export function faultApiRoutes(proxies: ProxyCollection) {
  const routes: Array<[string, RegExp, Handler]> = [
    ['GET', /^\/proxies$/, async () => [200, Object.fromEntries(proxies.list().map((p) => [p.name, p.toJSON()]))]],
    ['POST', /^\/proxies$/, async (_, body) => [201, (await proxies.add(await body())).toJSON()]],
    ['POST', /^\/populate$/, async (_, body) => [201, { proxies: (await proxies.populate(await body())).map((p) => p.toJSON()) }]],
    ['POST', /^\/reset$/, async () => (await proxies.reset(), [204])],
    ['GET', /^\/version$/, async () => [200, { version: FAULT_API_VERSION }]],
    ['GET', /^\/proxies\/([^/]+)$/, async ([name]) => [200, proxies.get(name).toJSON()]],
    ['POST|PATCH', /^\/proxies\/([^/]+)$/, async ([name], body) => [200, (await proxies.update(name, await body())).toJSON()]],
    ['DELETE', /^\/proxies\/([^/]+)$/, async ([name]) => (await proxies.remove(name), [204])],
    ['GET', /^\/proxies\/([^/]+)\/toxics$/, async ([name]) => [200, proxies.get(name).toxics]],
    ['POST', /^\/proxies\/([^/]+)\/toxics$/, async ([name], body) => [200, proxies.addToxic(name, await body())]],
    ['GET', /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/, async ([p, t]) => [200, proxies.getToxic(p, t)]],
    ['POST|PATCH', /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/, async ([p, t], body) => [200, proxies.updateToxic(p, t, await body())]],
    ['DELETE', /^\/proxies\/([^/]+)\/toxics\/([^/]+)$/, async ([p, t]) => (proxies.removeToxic(p, t), [204])],
  ];

  /** Answers one request; errors become Toxiproxy's `{error, status}` JSON. */
  return async function answer(method: string, path: string, body: () => Promise<unknown>): Promise<FaultApiAnswer> {
    try {
      for (const [methods, pattern, handler] of routes) {
        const match = pattern.exec(path);
        if (match && methods.split('|').includes(method)) {
          const [status, result] = await handler(match.slice(1).map(decodeURIComponent), body);
          return { status, body: result };
        }
      }
      throw new ApiError(`no route ${method} ${path}`, 404);
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError((err as Error).message, 500);
      return { status: error.status, body: { error: error.message, status: error.status } };
    }
  };
}

export function createFaultApi(proxies: ProxyCollection): Server {
  const answer = faultApiRoutes(proxies);
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://agent').pathname;
    const { status, body } = await answer(req.method ?? '', path, () => readBody(req));
    send(res, status, body);
  });
}
