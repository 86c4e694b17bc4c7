// The lab's capabilities as measured on this host: one status per capability, with the reason
// and the fix for each missing one. Owned by the sandbox provider; read by sessions (which faults
// work), the API (the page shows what is off), the log and `npm run doctor`.
import { CAPABILITIES, CAPABILITY_IDS, type CapabilityId, type CapabilityStatus } from '../../schema/capabilities.js';
import { DEFAULT_LANG } from '../../schema/langs.js';
import { serverText, type ServerWords } from '../../schema/server-words.js';

export class CapabilityReport {
  private readonly statuses = new Map<CapabilityId, CapabilityStatus>();

  constructor(initial: CapabilityStatus[] = []) {
    for (const status of initial) this.set(status);
  }

  /** Every capability switched off with the same reason (the unsandboxed mode, a failed self-test): a diagnosis, or the lab's own words. */
  static allOff(reason: string | ServerWords, fix?: string, except: CapabilityStatus[] = []): CapabilityReport {
    const said = typeof reason === 'string' ? { reason } : { reason: serverText(reason, DEFAULT_LANG), reasonWords: reason };
    const report = new CapabilityReport(CAPABILITY_IDS.map((id) => ({ id, ok: false, ...said, fix })));
    for (const status of except) report.set(status);
    return report;
  }

  set(status: CapabilityStatus): void {
    this.statuses.set(status.id, status);
  }

  get(id: CapabilityId): CapabilityStatus | undefined {
    return this.statuses.get(id);
  }

  /** Why `id` is off, or undefined when it works. Unmeasured counts as off: nothing is promised untested. */
  missing(id: CapabilityId): string | undefined {
    const status = this.statuses.get(id);
    if (status?.ok) return undefined;
    return status?.reason ?? 'not tested on this host';
  }

  /** The lab's own words for why `id` is off, when it has them (else missing() is a host's diagnosis). */
  missingWords(id: CapabilityId): ServerWords | undefined {
    const status = this.statuses.get(id);
    return status?.ok ? undefined : status?.reasonWords;
  }

  list(): CapabilityStatus[] {
    return CAPABILITY_IDS.map((id) => this.statuses.get(id) ?? { id, ok: false, reason: 'not tested on this host' });
  }

  /** One line per capability, for the log and the doctor. */
  lines(): string[] {
    return this.list().map(
      (s) => `${s.ok ? 'ok     ' : 'missing'} ${s.id.padEnd(16)} ${s.ok ? CAPABILITIES[s.id] : `${s.reason}${s.fix ? ` — fix: ${s.fix}` : ''}`}`,
    );
  }
}
