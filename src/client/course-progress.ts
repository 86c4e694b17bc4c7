// The course home: marks the lessons this browser has completed.
import { completedAt } from './progress-store';

for (const item of document.querySelectorAll<HTMLElement>('[data-lesson]')) {
  const at = completedAt(item.dataset.lesson!);
  const mark = item.querySelector<HTMLElement>('[data-role="done"]');
  if (at === undefined || !mark) continue;
  mark.hidden = false;
  mark.textContent = `✓ Completed ${new Date(at).toLocaleDateString()}`;
  item.dataset.done = 'true';
}
