import { z } from 'astro/zod';

const trackSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id such as "core"')
      .describe('Track id; lessons name it in their `track` front matter.'),
    title: z.string().trim().min(1).describe('Title shown on the home page.'),
    description: z.string().trim().min(1).describe('One or two sentences on who the track is for.'),
    lessons: z
      .array(z.string().min(1))
      .describe('Lesson ids (folder names under lessons/) in reading order; may be empty while a track is planned.'),
  })
  .strict();

/** Zod schema of lessons/tracks.json. */
export const tracksFileSchema = z.object({ tracks: z.array(trackSchema).min(1) }).strict();

/** One track as written in lessons/tracks.json. */
export type TrackData = z.infer<typeof trackSchema>;

/** What resolveTracks needs to know about a lesson. */
export interface TrackMember {
  id: string;
  track: string;
  order: number;
}

/** A track with its lessons looked up, in reading order. */
export interface ResolvedTrack<L extends TrackMember> {
  id: string;
  title: string;
  description: string;
  lessons: L[];
}

/** Validates the parsed JSON of lessons/tracks.json; throws naming the file and the bad field. */
export function parseTracks(file: string, json: unknown): TrackData[] {
  const result = tracksFileSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
      return `  - ${field}: ${issue.message}`;
    });
    throw new Error([`Invalid ${file}:`, ...lines].join('\n'));
  }
  const tracks = result.data.tracks;
  const seenTracks = new Set<string>();
  for (const track of tracks) {
    if (seenTracks.has(track.id)) throw new Error(`Invalid ${file}: track id "${track.id}" appears twice.`);
    seenTracks.add(track.id);
    const seenLessons = new Set<string>();
    for (const lesson of track.lessons) {
      if (seenLessons.has(lesson)) {
        throw new Error(`Invalid ${file}: track "${track.id}" lists lesson "${lesson}" twice.`);
      }
      seenLessons.add(lesson);
    }
  }
  return tracks;
}

/**
 * Looks up each track's lessons and checks both sides agree: every listed lesson exists, and every
 * lesson is listed in the track its front matter names, at the position its `order` gives.
 */
export function resolveTracks<L extends TrackMember>(
  file: string,
  tracks: readonly TrackData[],
  lessons: readonly L[],
): ResolvedTrack<L>[] {
  const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));
  const known = [...byId.keys()].sort().join(', ') || '(none)';
  const resolved = tracks.map((track) => ({
    id: track.id,
    title: track.title,
    description: track.description,
    lessons: track.lessons.map((id) => {
      const lesson = byId.get(id);
      if (!lesson) {
        throw new Error(
          `${file}: track "${track.id}" lists lesson "${id}", but there is no lessons/${id}/index.mdx. ` + `Known lessons: ${known}.`,
        );
      }
      return lesson;
    }),
  }));
  for (const lesson of lessons) {
    const home = tracks.find((track) => track.id === lesson.track);
    if (!home) {
      throw new Error(
        `lessons/${lesson.id}/index.mdx: front matter says track "${lesson.track}", ` + `but ${file} has no track with that id.`,
      );
    }
    const position = home.lessons.indexOf(lesson.id) + 1;
    if (position === 0) {
      throw new Error(
        `lessons/${lesson.id}/index.mdx: front matter says track "${lesson.track}", ` +
          `but ${file} does not list "${lesson.id}" in that track. Add it to the track's "lessons".`,
      );
    }
    if (position !== lesson.order) {
      throw new Error(
        `lessons/${lesson.id}/index.mdx: front matter says order ${lesson.order}, ` +
          `but ${file} lists it at position ${position} of track "${lesson.track}". Make them agree.`,
      );
    }
  }
  return resolved;
}

/** The lessons before and after `id` in a track, if any. */
export function neighbours<L extends TrackMember>(track: ResolvedTrack<L>, id: string): { previous: L | undefined; next: L | undefined } {
  const index = track.lessons.findIndex((lesson) => lesson.id === id);
  if (index < 0) return { previous: undefined, next: undefined };
  return { previous: track.lessons[index - 1], next: track.lessons[index + 1] };
}
