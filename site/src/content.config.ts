import { defineCollection } from 'astro:content';
import { lessonLoader } from './lib/lesson-loader.ts';
import { lessonFrontMatter } from './lib/lesson-schema.ts';

// One lesson per folder: lessons/<NN-slug>/index.mdx. HYBRID_LESSONS_DIR may point elsewhere.
const lessons = defineCollection({
  loader: lessonLoader(process.env.HYBRID_LESSONS_DIR ?? '../lessons'),
  schema: lessonFrontMatter,
});

export const collections = { lessons };
