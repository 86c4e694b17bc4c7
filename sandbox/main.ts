// `npm start`: builds the site when needed, then serves it and the sandbox on one port.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LESSONS_FOLDER } from '../schema/lesson-layout.js';
import { ensureSiteBuilt } from './server/build-site.js';
import { createLabServer } from './server/http-server.js';
import { createLab, consoleLogger } from './lab.js';
import { PythonMissingError, resolvePython } from './process/python.js';
import { chooseSandbox } from './jail/choose-sandbox.js';
import { LessonError } from './lessons/catalog.js';
import { parseStartOptions, START_USAGE } from './server/start-options.js';

const root = fileURLToPath(new URL('..', import.meta.url));

async function main() {
  const options = parseStartOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(START_USAGE);
    return;
  }
  await ensureSiteBuilt(root, { force: options.rebuild });

  const python = resolvePython();
  consoleLogger.info('self-test: making one real session to see what works on this host…');
  const sandbox = await chooseSandbox(python, consoleLogger);
  if (sandbox.off) {
    consoleLogger.warn(`the sandbox is not available: ${sandbox.off.reason}`);
    consoleLogger.warn(`to enable it: ${sandbox.off.fix}`);
  } else {
    consoleLogger.info('sandbox: ON — every session runs in its own namespaces (bubblewrap, seccomp, limits, private lab network)');
  }
  const missing = sandbox.capabilities.list().filter((c) => !c.ok);
  for (const line of sandbox.capabilities.lines()) (line.startsWith('ok') ? consoleLogger.info : consoleLogger.warn)(`capability ${line}`);
  if (missing.length && !sandbox.off)
    consoleLogger.warn(`${missing.length} capabilities are off (sessions still start; what needs them says why). Details: npm run doctor`);
  const lab = createLab({
    lessonsDir: join(root, LESSONS_FOLDER),
    port: options.port,
    python,
    sandbox: sandbox.provider,
    sandboxOff: sandbox.off,
    maxSessions: options.maxSessions,
    warmSessions: options.warmSessions,
  });
  const server = await createLabServer(lab, `${root}/dist`);

  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      consoleLogger.error(`port ${options.port} is already in use (another Socket Lab?). Try: npm start -- --port ${options.port + 1}`);
    } else consoleLogger.error(err.message);
    process.exit(1);
  });
  server.listen(options.port, options.host, () => {
    consoleLogger.info(`Python ${lab.python.version} at ${lab.python.executable}`);
    console.log(`\nSocket Lab running at ${lab.security.loginUrl(options.host)}\n`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    consoleLogger.info(`${signal}: ending sessions…`);
    server.close();
    await lab.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof PythonMissingError || err instanceof LessonError || err?.name === 'StartOptionsError') {
    consoleLogger.error(err.message);
  } else {
    consoleLogger.error(err?.stack ?? String(err));
  }
  process.exit(1);
});
