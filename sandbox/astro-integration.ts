// `npm run dev`: mounts the sandbox (API + terminal WebSockets) into `astro dev`, so the site and
// the lab work together with hot reload. Production uses sandbox/main.ts instead.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export function socketLabDev(): AstroIntegration {
  let port = 4321;
  return {
    name: 'socket-lab-dev',
    hooks: {
      // Astro's resolved port (config or --port): the Host/Origin allow-lists depend on it.
      'astro:config:done': ({ config }) => {
        port = config.server.port;
      },
      'astro:server:setup': async ({ server, logger }) => {
        // Load the sandbox with tsx, outside Vite's config runner (which closes after startup and
        // must not try to bundle node-pty). The sandbox is plain Node code, as in production.
        const { createLab } = (await tsImport('./lab.ts', import.meta.url)) as typeof import('./lab.ts');
        const { chooseSandbox } = (await tsImport('./jail/choose-sandbox.ts', import.meta.url)) as typeof import('./jail/choose-sandbox.ts');
        const { resolvePython } = (await tsImport('./process/python.ts', import.meta.url)) as typeof import('./process/python.ts');
        const log = { info: (m: string) => logger.info(m), warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) };
        const python = resolvePython();
        const sandbox = await chooseSandbox(python, log);
        const lab = createLab({
          lessonsDir: fileURLToPath(new URL('../lessons/', import.meta.url)),
          port,
          log,
          python,
          sandbox: sandbox.provider,
          sandboxOff: sandbox.off,
        });
        server.middlewares.use((req, res, next) => {
          // Trade the printed token for the cookie, exactly like production.
          const url = new URL(req.url ?? '/', 'http://lab');
          const token = url.searchParams.get('token');
          if (token && lab.security.isToken(token)) res.setHeader('Set-Cookie', lab.security.sessionCookie());
          if (!lab.handleRequest(req, res)) next();
        });
        server.httpServer?.on('upgrade', (req, socket, head) => lab.handleUpgrade(req, socket, head));
        // Vite's own SIGTERM/SIGINT handling awaits server.close() before exiting: end the
        // sessions there, so `npm run dev` stopped by a signal leaves no temp folder or cgroup.
        const closeVite = server.close.bind(server);
        server.close = async () => {
          await lab.close();
          return closeVite();
        };
        logger.info(`Socket Lab (dev) — open ${lab.security.loginUrl()} (sandbox: ${lab.sandbox.mode})`);
      },
    },
  };
}
