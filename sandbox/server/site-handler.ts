// Serves the built site (dist/) through @astrojs/node's standalone handler, behind the gate:
// Host allow-list, the token → cookie exchange, and the cookie on every page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { LabSecurity } from './security.js';
import { signInPage } from './sign-in-page.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

export async function loadSiteHandler(distDir: string): Promise<NodeHandler> {
  // We own the HTTP server; the adapter must not start its own.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = (await import(pathToFileURL(join(distDir, 'server', 'entry.mjs')).href)) as { handler: NodeHandler };
  return entry.handler;
}

export function gateSite(security: LabSecurity, site: NodeHandler): NodeHandler {
  return (req, res) => {
    const host = security.checkHost(req);
    if (!host.ok) {
      res.writeHead(host.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${host.reason}\n`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://lab');
    const token = url.searchParams.get('token');
    if (token !== null) {
      if (!security.isToken(token)) {
        res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8' }).end(signInPage(req));
        return;
      }
      // Trade the token for the cookie and drop it from the address bar (and from history).
      url.searchParams.delete('token');
      res.writeHead(302, { 'Set-Cookie': security.sessionCookie(), Location: url.pathname + url.search });
      res.end();
      return;
    }
    if (!security.hasValidCookie(req)) {
      res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' }).end(signInPage(req));
      return;
    }
    site(req, res);
  };
}
