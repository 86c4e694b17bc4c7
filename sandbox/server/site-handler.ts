// Serves the built site (dist/) through @astrojs/node's standalone handler, behind the gate:
// Host allow-list, the token → cookie exchange, and the cookie on every page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { LabSecurity } from './security.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

export async function loadSiteHandler(distDir: string): Promise<NodeHandler> {
  // We own the HTTP server; the adapter must not start its own.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = (await import(pathToFileURL(join(distDir, 'server', 'entry.mjs')).href)) as { handler: NodeHandler };
  return entry.handler;
}

const SIGN_IN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Socket Lab: sign in</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Open the lab with its link</h1>
<p>Socket Lab runs programs on this computer, so it only answers browsers that opened the link it printed when it
started, which carries a secret token (<code>http://127.0.0.1:4321/?token=…</code>).</p>
<p>Look at the terminal where you ran <code>npm start</code> and open the link shown there.</p></body></html>`;

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
        res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8' }).end(SIGN_IN_PAGE);
        return;
      }
      // Trade the token for the cookie and drop it from the address bar (and from history).
      url.searchParams.delete('token');
      res.writeHead(302, { 'Set-Cookie': security.sessionCookie(), Location: url.pathname + url.search });
      res.end();
      return;
    }
    if (!security.hasValidCookie(req)) {
      res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' }).end(SIGN_IN_PAGE);
      return;
    }
    site(req, res);
  };
}
