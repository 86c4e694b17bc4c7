// The course as Astro content collections. The schema is the shared one in schema/lesson.ts, so
// a lesson the site accepts is a lesson the server accepts, and a bad field fails the build. Each
// translation (index.ja.mdx) is its own collection: the same body in Japanese, and only the
// frontmatter's words (schema/lesson-translation.ts).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonFrontmatterSchema } from '../schema/lesson';
import { lessonTranslationSchema } from '../schema/lesson-translation';
import { LESSON_PARTS, LESSONS_FOLDER } from '../schema/lesson-layout';

const lessonFolder = (file: string) =>
  glob({
    pattern: `*/${file}`,
    base: `./${LESSONS_FOLDER}`,
    // lessons/01-first-socket/index.mdx → "01-first-socket"
    generateId: ({ entry }) => entry.split('/')[0],
  });

const lessons = defineCollection({ loader: lessonFolder(LESSON_PARTS.text), schema: lessonFrontmatterSchema });
const lessonsJa = defineCollection({ loader: lessonFolder(LESSON_PARTS.textJa), schema: lessonTranslationSchema });

export const collections = { lessons, lessonsJa };
