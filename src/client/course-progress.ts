// The course home and the lesson menu: marks the lessons this browser has completed, and on the
// home page offers to continue where the learner left off.
import { formatDate, t } from '../i18n/ui';
import { completedAt, lastLesson } from './progress-store';

for (const item of document.querySelectorAll<HTMLElement>('[data-lesson]')) {
  const at = completedAt(item.dataset.lesson!);
  const mark = item.querySelector<HTMLElement>('[data-role="done"]');
  if (at === undefined || !mark) continue;
  mark.hidden = false;
  mark.textContent = t('course.completed', { date: formatDate(at) });
  item.dataset.done = 'true';
}

// Where to go next: the lesson left half-done, or, once it is complete, the next lesson not yet
// completed. A first visit keeps the page's own link: Start here, lesson 1.
const resume = document.querySelector<HTMLAnchorElement>('[data-role="resume"]');
const items = [...document.querySelectorAll<HTMLElement>('.lesson-list [data-lesson]')];
const last = lastLesson();
const lastIndex = items.findIndex((item) => item.dataset.lesson === last);
if (resume && lastIndex >= 0) {
  const unfinished = (item: HTMLElement) => completedAt(item.dataset.lesson!) === undefined;
  const current = items[lastIndex];
  const next = unfinished(current) ? current : [...items.slice(lastIndex + 1), ...items.slice(0, lastIndex)].find(unfinished);
  if (next) {
    const link = next.querySelector('a')!;
    resume.href = link.getAttribute('href')!;
    resume.textContent = t(next === current ? 'course.resume' : 'course.continueNext', { title: link.textContent ?? '' });
  } else {
    resume.removeAttribute('href');
    resume.textContent = t('course.allDone');
  }
}
