// The lab-network page is static, but what works depends on the host the lab runs on: ask the
// server (/api/health carries the self-test's capabilities) and mark each host that is off, with why.
import { fromServer, pageLang, t } from '../i18n/ui';
import type { ServerWords } from '../../schema/server-words';
import { CAPABILITY_IDS, capabilityText, type CapabilityId } from '../../schema/capabilities';

const isCapabilityId = (id: string): id is CapabilityId => (CAPABILITY_IDS as string[]).includes(id);

interface Capability {
  id: string;
  ok: boolean;
  reason?: string;
  reasonWords?: ServerWords;
}

async function showCapabilities(): Promise<void> {
  let capabilities: Capability[];
  try {
    const response = await fetch('/api/health');
    if (!response.ok) return; // not signed in: the page still documents what the lab builds
    capabilities = ((await response.json()) as { capabilities?: Capability[] }).capabilities ?? [];
  } catch {
    return;
  }
  const off = capabilities.filter((c) => !c.ok);
  if (!off.length) return;
  const note = document.querySelector<HTMLElement>('[data-role="capability-note"]')!;
  const list = note.querySelector('[data-role="capability-list"]')!;
  for (const c of off) {
    const item = document.createElement('li');
    // What is off, in the page's language; why, as the host's own diagnosis said it.
    item.textContent = `${isCapabilityId(c.id) ? `${capabilityText(c.id, pageLang())} (${c.id})` : c.id}: ${fromServer(c.reason ?? '', c.reasonWords)}`;
    list.append(item);
  }
  note.hidden = false;
  for (const row of document.querySelectorAll<HTMLElement>('tr[data-needs]')) {
    const missing = off.find((c) => c.id === row.dataset.needs);
    const cell = row.querySelector<HTMLElement>('[data-role="host-off"]');
    if (!missing || !cell) continue;
    row.dataset.off = 'true';
    cell.textContent = ` ${t('labNetwork.hostOff', { reason: fromServer(missing.reason ?? '', missing.reasonWords) })}`;
    cell.hidden = false;
  }
}

void showCapabilities();
