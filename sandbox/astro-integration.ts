// `npm run dev`: mounts the sandbox (API + terminal WebSockets) into `astro dev`, so the site and
// the lab work together with hot reload. Production uses sandbox/main.ts instead.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

export function socketLabDev(): AstroIntegration {
  return {
    name: 'socket-lab-dev',
    hooks: {
      'astro:server:setup': async ({ server, logger }) => {
        const { createLab } = await import('./lab.ts');
        const address = server.config.server;
        const port = typeof address.port === 'number' ? address.port : 4321;
        const lab = createLab({
          lessonsDir: fileURLToPath(new URL('../lessons/', import.meta.url)),
          port,
          log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
        });
        server.middlewares.use((req, res, next) => {
          // Trade the printed token for the cookie, exactly like production.
          const url = new URL(req.url ?? '/', 'http://lab');
          const token = url.searchParams.get('token');
          if (token && lab.security.isToken(token)) res.setHeader('Set-Cookie', lab.security.sessionCookie());
          if (!lab.handleRequest(req, res)) next();
        });
        server.httpServer?.on('upgrade', (req, socket, head) => lab.handleUpgrade(req, socket, head));
        server.httpServer?.once('close', () => void lab.close());
        logger.info(`Socket Lab (dev) — open ${lab.security.loginUrl()} (sandbox: ${lab.sandbox.mode})`);
      },
    },
  };
}
