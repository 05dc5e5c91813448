// The `notes` collection: every lessons/<id>/notes.md split at its `##` headings (speaker-notes.ts),
// each part rendered by Astro's own Markdown pipeline, so `render(entry)` gives the part's notes and
// `data.runLive` its "Run live" block. Entry ids are "<lesson>/<NN>": 00 is the file's summary, then
// the parts in file order. The check against the lesson page happens in course.ts (loadNotes), where
// the page's headings are known.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { splitNotes } from './speaker-notes.ts';

/** Zod schema of one entry of the `notes` collection. */
export const notesEntrySchema = z.object({
  lesson: z.string(),
  /** 0 for the summary (text before the first `##`), then 1, 2, ... for the parts in file order. */
  index: z.number().int().nonnegative(),
  /** The heading as written (the file's `#` title for the summary). */
  heading: z.string(),
  /** The heading's text as rendered, which is what the check compares with the page's headings. */
  text: z.string(),
  line: z.number().int().nonnegative(),
  /** HTML of the part's "Run live" block, rendered like the rest; null when it has none. */
  runLive: z.string().nullable(),
});

async function headingText(context: LoaderContext, heading: string): Promise<string> {
  const rendered = await context.renderMarkdown(`## ${heading}`);
  return rendered.metadata?.headings?.[0]?.text ?? heading;
}

async function loadLesson(context: LoaderContext, base: string, lesson: string): Promise<void> {
  const path = join(base, lesson, 'notes.md');
  const fileURL = pathToFileURL(path);
  const markdown = readFileSync(path, 'utf8');
  const split = splitNotes(`lessons/${lesson}/notes.md`, markdown);
  const entries = [{ heading: split.title ?? '', line: 0, body: split.summary, runLive: null as string | null }, ...split.parts];
  for (const [index, part] of entries.entries()) {
    const id = `${lesson}/${String(index).padStart(2, '0')}`;
    const runLive = part.runLive === null ? null : (await context.renderMarkdown(part.runLive, { fileURL })).html;
    const data = await context.parseData({
      id,
      data: {
        lesson,
        index,
        heading: part.heading,
        text: index === 0 ? part.heading : await headingText(context, part.heading),
        line: part.line,
        runLive,
      },
    });
    const rendered = await context.renderMarkdown(part.body, { fileURL });
    context.store.set({
      id,
      data,
      body: part.body,
      rendered,
      digest: context.generateDigest({ heading: part.heading, body: part.body, runLive: part.runLive ?? '' }),
    });
  }
}

/** Loads lessons/<id>/notes.md for every lesson folder under `base`; a folder without one is left to the check in course.ts. */
export function notesLoader(base: string): Loader {
  const root = resolve(base);
  const loadAll = async (context: LoaderContext) => {
    context.store.clear();
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(root, entry.name, 'notes.md'))) await loadLesson(context, root, entry.name);
    }
  };
  return {
    name: 'hybrid-lab-notes',
    load: async (context) => {
      await loadAll(context);
      context.watcher?.add(root);
      context.watcher?.on('change', (changed) => {
        if (changed.startsWith(root) && changed.endsWith('notes.md')) void loadAll(context);
      });
    },
  };
}
