import { type CollectionEntry, getCollection, render } from 'astro:content';
import { parseTasks } from './exercise-format.ts';
import { loadTracks, loadWorkshopPlans } from './lesson-sources.ts';
import { checkNotes, type NotesStep, type PageSection } from './speaker-notes.ts';
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

/** The lesson page's `##` headings: their rendered text and their anchor. */
export async function pageSections(lesson: Lesson): Promise<PageSection[]> {
  const { headings } = await render(lesson);
  return headings.filter((h) => h.depth === 2).map((h) => ({ text: h.text, slug: h.slug }));
}

let plans: Promise<ResolvedPlan[]> | undefined;

/** The workshop plans, checked against the lessons' pages once per build (a plan that does not fit fails the build). */
export function loadPlans(): Promise<ResolvedPlan[]> {
  plans ??= (async () => {
    const { lessons } = await loadCourse();
    const planLessons: PlanLesson[] = await Promise.all(
      lessons.map(async (lesson) => ({
        id: lesson.id,
        title: lesson.data.title,
        sections: await pageSections(lesson),
        hasExercise: parseTasks(`lessons/${lesson.id}/index.mdx`, lesson.body ?? '').length > 0,
      })),
    );
    return resolvePlans('lessons/workshops.json', loadWorkshopPlans(), planLessons);
  })();
  return plans;
}

type NotesEntry = CollectionEntry<'notes'>;

/** A lesson's speaker notes, checked against its page: the presenter's sequence and the reference parts, each with the entry to render. */
export interface LessonNotes {
  /** The text before the first `##` (what the lesson is for, its through-line). */
  summary: NotesEntry | undefined;
  steps: (NotesStep & { entry: NotesEntry })[];
  references: { title: string; entry: NotesEntry }[];
}

let notes: Promise<Map<string, LessonNotes>> | undefined;

/**
 * Every lesson's speaker notes, checked against its page once per build: a heading that names no
 * section, a section without notes, or minutes that do not parse or go back fail the build with one
 * error listing each problem by file, line and heading.
 */
export function loadNotes(): Promise<Map<string, LessonNotes>> {
  notes ??= (async () => {
    const { lessons } = await loadCourse();
    const entries = await getCollection('notes');
    const problems: string[] = [];
    const byLesson = new Map<string, LessonNotes>();
    for (const lesson of lessons) {
      const file = `lessons/${lesson.id}/notes.md`;
      const own = entries.filter((entry) => entry.data.lesson === lesson.id).sort((a, b) => a.data.index - b.data.index);
      if (own.length === 0) {
        problems.push(`${file} is missing: every lesson has speaker notes (lessons/README.md gives their format).`);
        continue;
      }
      const parts = own.filter((entry) => entry.data.index > 0);
      const checked = checkNotes(
        file,
        parts.map((entry) => ({ heading: entry.data.heading, line: entry.data.line, text: entry.data.text })),
        { sections: await pageSections(lesson), minutes: lesson.data.minutes },
      );
      problems.push(...checked.problems);
      const partAt = (index: number): NotesEntry => parts[index] as NotesEntry;
      byLesson.set(lesson.id, {
        summary: own.find((entry) => entry.data.index === 0 && entry.body),
        steps: checked.steps.map((step) => ({ ...step, entry: partAt(step.part) })),
        references: checked.references.map((reference) => ({ title: reference.title, entry: partAt(reference.part) })),
      });
    }
    if (problems.length > 0) {
      throw new Error(
        ['The speaker notes do not fit their lessons (lessons/README.md gives the format):', ...problems.map((p) => `  - ${p}`)].join('\n'),
      );
    }
    return byLesson;
  })();
  return notes;
}
