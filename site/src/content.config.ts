import { defineCollection } from 'astro:content';
import { lessonLoader } from './lib/lesson-loader.ts';
import { lessonFrontMatter } from './lib/lesson-schema.ts';
import { notesEntrySchema, notesLoader } from './lib/notes-loader.ts';

// One lesson per folder: lessons/<NN-slug>/index.mdx. HYBRID_LESSONS_DIR may point elsewhere.
const lessons = defineCollection({
  loader: lessonLoader(process.env.HYBRID_LESSONS_DIR ?? '../lessons'),
  schema: lessonFrontMatter,
});

// Speaker notes, one entry per `##` part of lessons/<id>/notes.md (see lib/speaker-notes.ts).
const notes = defineCollection({
  loader: notesLoader(process.env.HYBRID_LESSONS_DIR ?? '../lessons'),
  schema: notesEntrySchema,
});

export const collections = { lessons, notes };
