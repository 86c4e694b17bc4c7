// The course home and the lesson menu: marks the lessons this browser has completed, and on the
// home page offers to continue where the learner left off.
import { t } from '../i18n/ui';
import { completedAt, lastLesson } from './progress-store';

for (const item of document.querySelectorAll<HTMLElement>('[data-lesson]')) {
  const at = completedAt(item.dataset.lesson!);
  const mark = item.querySelector<HTMLElement>('[data-role="done"]');
  if (at === undefined || !mark) continue;
  mark.hidden = false;
  mark.textContent = t('course.completed', { date: new Date(at).toLocaleDateString() });
  item.dataset.done = 'true';
}

const resume = document.querySelector<HTMLAnchorElement>('[data-role="resume"]');
const last = lastLesson();
const lastItem = last ? document.querySelector<HTMLElement>(`.lesson-list [data-lesson="${CSS.escape(last)}"] a`) : null;
if (resume && lastItem) {
  resume.href = lastItem.getAttribute('href')!;
  resume.textContent = t('course.resume', { title: lastItem.textContent ?? '' });
  resume.hidden = false;
}
