// Everything the request handlers share: built once by createLab().
import type { ConfinementProvider } from '../process/launch.js';
import type { PythonInfo } from '../process/python.js';
import type { LessonCatalog } from '../lessons/catalog.js';
import type { SessionRegistry } from '../sessions/registry.js';
import type { LabSecurity } from './security.js';

import type { LabLogger } from '../logger.js';
import type { SandboxNotice } from '../../schema/wire.js';

export interface LabContext {
  security: LabSecurity;
  catalog: LessonCatalog;
  registry: SessionRegistry;
  sandbox: ConfinementProvider;
  /** Why the sandbox is off (unsandboxed mode only). */
  sandboxOff?: SandboxNotice;
  python: PythonInfo;
  log: LabLogger;
}
