// Progress as a file: completed lessons and edited files, exported from this browser and imported
// into another (or after clearing data). Only the lab's own keys travel; a bad file changes nothing.
import { t } from '../i18n/ui';

const FORMAT = 'socket-lab-progress';
const KEY_PATTERN = /^socketlab:(completed:[A-Za-z0-9-]+|v1:file:[A-Za-z0-9-]+:[^\n]+)$/;
const MAX_BYTES = 5 * 1024 * 1024;

export interface ProgressFile {
  format: typeof FORMAT;
  version: 1;
  exportedAt: string;
  entries: Record<string, string>;
}

export function exportProgress(storage: Storage = localStorage): ProgressFile {
  const entries: Record<string, string> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    if (KEY_PATTERN.test(key)) entries[key] = storage.getItem(key)!;
  }
  return { format: FORMAT, version: 1, exportedAt: new Date().toISOString(), entries };
}

/** Checks a file's text; returns its entries or a sentence saying what is wrong with it. */
export function parseProgress(text: string): { ok: true; entries: Record<string, string> } | { ok: false; error: string } {
  if (text.length > MAX_BYTES) return { ok: false, error: t('progress.tooLarge') };
  let data: Partial<ProgressFile>;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: t('progress.notJson') };
  }
  if (data?.format !== FORMAT) return { ok: false, error: t('progress.notOurs') };
  if (data.version !== 1) return { ok: false, error: t('progress.version', { version: String(data.version) }) };
  const entries = data.entries;
  if (!entries || typeof entries !== 'object') return { ok: false, error: t('progress.noEntries') };
  for (const [key, value] of Object.entries(entries)) {
    if (!KEY_PATTERN.test(key) || typeof value !== 'string') return { ok: false, error: t('progress.foreignEntry', { key: key.slice(0, 60) }) };
  }
  return { ok: true, entries };
}

export function importProgress(entries: Record<string, string>, storage: Storage = localStorage): number {
  for (const [key, value] of Object.entries(entries)) storage.setItem(key, value);
  return Object.keys(entries).length;
}
