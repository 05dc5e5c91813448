import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { lessonIdFromEntry, parseLessonFrontMatter } from './lesson-schema.ts';

/**
 * The glob loader over <lessons>/<id>/index.mdx, with the front matter checked by
 * parseLessonFrontMatter first: its error names the file as lessons/<id>/index.mdx, each bad
 * field, and the value found, where Astro's own message gives the schema's wording only.
 */
export function lessonLoader(base: string): Loader {
  const inner = glob({ pattern: '*/index.mdx', base, generateId: ({ entry }) => lessonIdFromEntry(entry) });
  return {
    name: 'hybrid-lab-lessons',
    load: (context) =>
      inner.load({
        ...context,
        parseData: (props) => {
          parseLessonFrontMatter(`lessons/${props.id}/index.mdx`, props.data);
          return context.parseData(props);
        },
      }),
  };
}
