import { type CollectionEntry, getCollection, render } from 'astro:content';
import { parseTasks } from './exercise-format.ts';
import { loadTracks, loadWorkshopPlans } from './lesson-sources.ts';
import { neighbours, type ResolvedTrack, resolveTracks } from './tracks.ts';
import { type PlanLesson, type ResolvedPlan, resolvePlans } from './workshops.ts';

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

let plans: Promise<ResolvedPlan[]> | undefined;

/** The workshop plans, checked against the lessons' pages once per build (a plan that does not fit fails the build). */
export function loadPlans(): Promise<ResolvedPlan[]> {
  plans ??= (async () => {
    const { lessons } = await loadCourse();
    const planLessons: PlanLesson[] = await Promise.all(
      lessons.map(async (lesson) => {
        const { headings } = await render(lesson);
        return {
          id: lesson.id,
          title: lesson.data.title,
          sections: headings.filter((h) => h.depth === 2).map((h) => ({ text: h.text, slug: h.slug })),
          hasExercise: parseTasks(`lessons/${lesson.id}/index.mdx`, lesson.body ?? '').length > 0,
        };
      }),
    );
    return resolvePlans('lessons/workshops.json', loadWorkshopPlans(), planLessons);
  })();
  return plans;
}
