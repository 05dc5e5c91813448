import { type CollectionEntry, getCollection } from 'astro:content';
import { loadTracks } from './lesson-sources.ts';
import { neighbours, type ResolvedTrack, resolveTracks } from './tracks.ts';

/** A lesson entry with the fields the track checks use. */
export type Lesson = CollectionEntry<'lessons'> & { track: string; order: number };

/** The course: tracks in order, with their lessons looked up and checked. */
export interface Course {
  tracks: ResolvedTrack<Lesson>[];
  lessons: Lesson[];
}

let course: Promise<Course> | undefined;

async function build(): Promise<Course> {
  const entries = await getCollection('lessons');
  const lessons: Lesson[] = entries.map((entry) => ({ ...entry, track: entry.data.track, order: entry.data.order }));
  const tracks = resolveTracks('lessons/tracks.json', loadTracks(), lessons);
  return { tracks, lessons };
}

/** Loads and checks the course once per build. */
export function loadCourse(): Promise<Course> {
  course ??= build();
  return course;
}

/** The lesson's own track (the one its front matter names) and its neighbours there. */
export function placeInTrack(
  loaded: Course,
  lesson: Lesson,
): { track: ResolvedTrack<Lesson>; position: number; previous: Lesson | undefined; next: Lesson | undefined } {
  const track = loaded.tracks.find((candidate) => candidate.id === lesson.track);
  if (!track) throw new Error(`Lesson ${lesson.id} names track "${lesson.track}", which lessons/tracks.json lacks.`);
  const position = track.lessons.findIndex((candidate) => candidate.id === lesson.id) + 1;
  return { track, position, ...neighbours(track, lesson.id) };
}
