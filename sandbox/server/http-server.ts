// The one HTTP server: security headers on everything, /api and /ws/terminal to the lab, the
// rest to the built site. Used by `npm start`, the tests and the bench alike.
import { createServer, type Server } from 'node:http';
import type { Lab } from '../lab.js';
import { applySecurityHeaders } from './security.js';
import { gateSite, loadSiteHandler } from './site-handler.js';

export async function createLabServer(lab: Lab, distDir: string): Promise<Server> {
  const site = gateSite(lab.security, await loadSiteHandler(distDir));
  const server = createServer((req, res) => {
    applySecurityHeaders(res);
    if (!lab.handleRequest(req, res)) site(req, res);
  });
  lab.attach(server);
  return server;
}
