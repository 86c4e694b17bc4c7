// The course page's "Export progress" / "Import progress" controls.
import { t } from '../i18n/ui';
import { exportProgress, importProgress, parseProgress } from './progress-file';

const root = document.querySelector<HTMLElement>('[data-role="progress-controls"]');
if (root) {
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  const say = (text: string, kind: 'info' | 'error' = 'info') => {
    status.textContent = text;
    status.dataset.kind = kind;
  };
  root.querySelector('[data-action="export"]')!.addEventListener('click', () => {
    const file = exportProgress();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    link.download = `socket-lab-progress-${file.exportedAt.slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
    say(t('progress.exported', { count: Object.keys(file.entries).length }));
  });
  const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  input.addEventListener('change', async () => {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    const parsed = parseProgress(await chosen.text());
    if (!parsed.ok) return say(t('progress.refused', { error: parsed.error }), 'error');
    const count = importProgress(parsed.entries);
    say(t('progress.imported', { count }));
    setTimeout(() => location.reload(), 600);
  });
}
