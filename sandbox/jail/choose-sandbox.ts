// Decides, once at start, whether sessions run in the jail or in the unsandboxed local mode, and
// what works on this host: the jail is only "on" after the self-test made and used one real
// session the way a learner's is made (sandbox/host/self-test.ts). Says which, and why, in the log.
import type { CapabilityReport } from '../host/capability-report.js';
import { labTempDir } from '../host/lab-instance.js';
import { sweepDeadLabs } from '../host/leftovers.js';
import { selfTest } from '../host/self-test.js';
import { unconfinedProvider, type ConfinementProvider } from '../process/launch.js';
import type { PythonInfo } from '../process/python.js';
import type { LabLogger } from '../logger.js';
import type { SandboxNotice } from '../../schema/wire.js';
import { ensureSystemPackages, SANDBOX_PACKAGES } from '../setup/system-packages.js';
import { checkJail } from './availability.js';
import { JailProvider } from './jail.js';
import type { JailLimits } from './limits.js';

export interface SandboxChoice {
  provider: ConfinementProvider;
  /** Why the sandbox is off, and how to turn it on (unsandboxed mode only). */
  off?: SandboxNotice;
  capabilities: CapabilityReport;
}

async function unsandboxed(python: PythonInfo, off: SandboxNotice): Promise<SandboxChoice> {
  const provider = unconfinedProvider();
  const measured = await selfTest({ provider, python: python.executable, static: provider.capabilities.list() }).catch(() => provider.capabilities);
  provider.capabilities = measured;
  return { provider, off, capabilities: measured };
}

export async function chooseSandbox(
  python: PythonInfo,
  log: LabLogger,
  env: NodeJS.ProcessEnv = process.env,
  limits?: Partial<JailLimits>,
): Promise<SandboxChoice> {
  sweepDeadLabs(log);
  if (env.SOCKET_LAB_SANDBOX === 'off') {
    return unsandboxed(python, { reason: 'SOCKET_LAB_SANDBOX=off was set', fix: 'unset SOCKET_LAB_SANDBOX' });
  }
  if (process.platform === 'linux') {
    // Installs what is missing where it may (root with apt), and otherwise says what and how.
    try {
      ensureSystemPackages(SANDBOX_PACKAGES);
    } catch (err) {
      log.warn((err as Error).message);
    }
  }
  const check = checkJail();
  if (!check.ok) return unsandboxed(python, { reason: check.reason, fix: check.fix });
  const stateDir = labTempDir('jail');
  const provider = new JailProvider({ stateDir, python, log, limits });
  try {
    provider.capabilities = await selfTest({ provider, python: python.executable, static: provider.staticCapabilities() });
  } catch (err) {
    provider.close();
    return unsandboxed(python, {
      reason: `the sandbox could not run a test session on this host: ${(err as Error).message}`,
      fix: 'run `npm run doctor` to see which piece is missing and the command that fixes it',
    });
  }
  return { provider, capabilities: provider.capabilities };
}
