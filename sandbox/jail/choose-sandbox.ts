// Decides, once at start, whether sessions run in the jail or in the unsandboxed local mode,
// and says which (and why) in the log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noConfinement, type ConfinementProvider } from '../process/launch.js';
import type { PythonInfo } from '../process/python.js';
import type { LabLogger } from '../server/lab-context.js';
import { BUBBLEWRAP, canUseApt, ensureSystemPackages, NFTABLES } from '../setup/system-packages.js';
import { checkJail } from './availability.js';
import { JailProvider } from './jail.js';
import type { JailLimits } from './limits.js';

export interface SandboxChoice {
  provider: ConfinementProvider;
  /** Why the sandbox is off, and how to turn it on (unsandboxed mode only). */
  off?: { reason: string; fix: string };
}

export function chooseSandbox(python: PythonInfo, log: LabLogger, env: NodeJS.ProcessEnv = process.env, limits?: Partial<JailLimits>): SandboxChoice {
  if (env.SOCKET_LAB_SANDBOX === 'off') {
    return { provider: noConfinement, off: { reason: 'SOCKET_LAB_SANDBOX=off was set', fix: 'unset SOCKET_LAB_SANDBOX' } };
  }
  if (process.platform === 'linux' && canUseApt()) {
    try {
      ensureSystemPackages([BUBBLEWRAP, NFTABLES]);
    } catch (err) {
      log.warn((err as Error).message);
    }
  }
  const check = checkJail();
  if (!check.ok) return { provider: noConfinement, off: { reason: check.reason, fix: check.fix } };
  const stateDir = mkdtempSync(join(tmpdir(), 'socket-lab-jail-'));
  return { provider: new JailProvider({ stateDir, python, log, limits }) };
}
