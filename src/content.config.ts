// The course as an Astro content collection. The schema is the shared one in schema/lesson.ts, so
// a lesson the site accepts is a lesson the server accepts, and a bad field fails the build.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonFrontmatterSchema } from '../schema/lesson';
import { LESSON_PARTS, LESSONS_FOLDER } from '../schema/lesson-layout';

const lessons = defineCollection({
  loader: glob({
    pattern: `*/${LESSON_PARTS.text}`,
    base: `./${LESSONS_FOLDER}`,
    // lessons/01-first-socket/index.mdx → "01-first-socket"
    generateId: ({ entry }) => entry.split('/')[0],
  }),
  schema: lessonFrontmatterSchema,
});

export const collections = { lessons };
