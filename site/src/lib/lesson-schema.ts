import { z } from 'astro/zod';

/** Track ids a lesson's front matter may name; lessons/tracks.json gives their titles and order. */
export const lessonTrackIds = ['core', 'rust-starter'] as const;

/** Zod schema of the front matter of lessons/<id>/index.mdx; the descriptions document each field. */
export const lessonFrontMatter = z
  .object({
    title: z.string().trim().min(1).describe('Title of the lesson, shown as its heading and in lists.'),
    description: z.string().trim().min(1).describe('One or two sentences: what the reader will do. Used on the home page and in <meta>.'),
    track: z.enum(lessonTrackIds).describe('The track this lesson belongs to (see lessons/tracks.json).'),
    order: z.number().int().positive().describe('Position of the lesson in its track, from 1.'),
    minutes: z.number().int().positive().describe('Estimated time to work through the lesson, in minutes.'),
    objectives: z.array(z.string().trim().min(1)).min(1).describe('What the reader can do after the lesson, one short sentence each.'),
  })
  .strict();

/** Parsed front matter of one lesson. */
export type LessonFrontMatter = z.infer<typeof lessonFrontMatter>;

/** Lesson id of a path like "01-batching/index.mdx" relative to the lessons folder. */
export function lessonIdFromEntry(entry: string): string {
  const parts = entry.split(/[\\/]/);
  if (parts.length !== 2 || parts[1] !== 'index.mdx' || !parts[0]) {
    throw new Error(`Expected a lesson file at <lesson-id>/index.mdx, found "${entry}".`);
  }
  return parts[0];
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A message naming the file, each bad field, what it expected and what it found. */
export function describeFrontMatterIssues(file: string, data: unknown, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `  - ${issue.keys.join(', ')}: not a known field (known: ${lessonFrontMatter.keyof().options.join(', ')})`;
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(front matter)';
    return `  - ${field}: ${issue.message}; found ${describeValue(valueAt(data, issue.path))}`;
  });
  return [`Invalid front matter in ${file}:`, ...lines].join('\n');
}

/** Validates one lesson's front matter; throws an Error naming the file and fields when it is wrong. */
export function parseLessonFrontMatter(file: string, data: unknown): LessonFrontMatter {
  const result = lessonFrontMatter.safeParse(data);
  if (!result.success) throw new Error(describeFrontMatterIssues(file, data, result.error));
  return result.data;
}
