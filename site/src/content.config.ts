import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonFrontMatter, lessonIdFromEntry } from './lib/lesson-schema.ts';

// One lesson per folder: lessons/<NN-slug>/index.mdx. HYBRID_LESSONS_DIR may point elsewhere.
const lessons = defineCollection({
  loader: glob({
    pattern: '*/index.mdx',
    base: process.env.HYBRID_LESSONS_DIR ?? '../lessons',
    generateId: ({ entry }) => lessonIdFromEntry(entry),
  }),
  schema: lessonFrontMatter,
});

export const collections = { lessons };
