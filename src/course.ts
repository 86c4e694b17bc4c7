// The course as a page in one language sees it: every lesson in order, its words in that language
// where the lesson has a translation (and, until it has one, in English, marked so the page can say it).
import { getCollection, type CollectionEntry } from 'astro:content';
import { showLesson, translationProblems, type ShownLesson } from '../schema/lesson-translation';
import { localePath, type Lang } from '../schema/langs';

export interface CourseLesson {
  id: string;
  data: ShownLesson;
  /** The entry whose body the page renders: the translation's, or the English one. */
  body: CollectionEntry<'lessons'> | CollectionEntry<'lessonsJa'>;
  /** False while the lesson's text exists only in English. */
  translated: boolean;
  href: string;
}

export async function courseIn(lang: Lang): Promise<CourseLesson[]> {
  const english = (await getCollection('lessons')).sort((a, b) => a.data.order - b.data.order);
  const translations = lang === 'ja' ? new Map((await getCollection('lessonsJa')).map((t) => [t.id, t])) : new Map();
  return english.map((lesson) => {
    const translation = translations.get(lesson.id);
    if (translation) {
      const problems = translationProblems(lesson.data, translation.data);
      if (problems.length) throw new Error(`lessons/${lesson.id}: its ${lang} translation does not match the lesson: ${problems.join('; ')}`);
    }
    return {
      id: lesson.id,
      data: showLesson(lesson.data, translation?.data),
      body: translation ?? lesson,
      translated: lang === 'en' || translation !== undefined,
      href: localePath(lang, `/lessons/${lesson.id}/`),
    };
  });
}

/** getStaticPaths for a language's lesson pages: each lesson with the course around it. */
export async function lessonPaths(lang: Lang) {
  const lessons = await courseIn(lang);
  const link = (l?: CourseLesson) => l && { href: l.href, title: l.data.title };
  const all = lessons.map((l) => ({ id: l.id, href: l.href, title: l.data.title }));
  return lessons.map((lesson, i) => ({ params: { id: lesson.id }, props: { lesson, all, previous: link(lessons[i - 1]), next: link(lessons[i + 1]) } }));
}

export type LessonPageProps = Awaited<ReturnType<typeof lessonPaths>>[number]['props'];
