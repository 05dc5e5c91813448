// Workshop plans (lessons/workshops.json): days of sessions, each a list of segments (sections of a
// lesson, a lesson's exercise, a break) with minutes. Checked against the lessons at build time: every
// segment names a real lesson and real sections, and every session's segments add up to its length,
// so a session that runs long fails the build with a message naming the plan and the session.
import { z } from 'astro/zod';
import { sameHeading } from './heading-match.ts';

const minutes = z.number().int().positive();

const segmentSchema = z.union([
  z
    .object({
      lesson: z.string().min(1).describe('Lesson id (folder name under lessons/).'),
      sections: z
        .array(z.string().min(1))
        .min(1)
        .describe('Texts of the lesson’s `##` headings this segment covers, as the page shows them.'),
      minutes,
    })
    .strict(),
  z
    .object({
      lesson: z.string().min(1),
      exercise: z.literal(true).describe('The lesson’s exercise, with its review.'),
      minutes,
    })
    .strict(),
  z
    .object({
      break: z.string().trim().min(1).describe('What the break is called: "Break", "Lunch"...'),
      minutes,
    })
    .strict(),
]);

const sessionSchema = z
  .object({
    title: z.string().trim().min(1),
    minutes: minutes.describe('The session’s length: its segments must add up to exactly this.'),
    breakAfter: z.number().int().nonnegative().optional().describe('Minutes between this session and the next one of the same day.'),
    segments: z.array(segmentSchema).min(1),
  })
  .strict();

const planSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id such as "core-full-day"'),
    title: z.string().trim().min(1),
    description: z.string().trim().min(1),
    audience: z.string().trim().min(1).describe('Who the plan is for and what they need beforehand.'),
    days: z.array(z.object({ sessions: z.array(sessionSchema).min(1) }).strict()).min(1),
  })
  .strict();

/** Zod schema of lessons/workshops.json. */
export const workshopsFileSchema = z.object({ plans: z.array(planSchema).min(1) }).strict();

export type PlanData = z.infer<typeof planSchema>;
type SegmentData = z.infer<typeof segmentSchema>;

/** What a plan check needs to know about a lesson (from its page, at build time). */
export interface PlanLesson {
  id: string;
  title: string;
  /** The page's `##` headings: their text and the id of their anchor. */
  sections: { text: string; slug: string }[];
  hasExercise: boolean;
}

/** A segment looked up: what it is called, where it links, and its minutes. */
export interface ResolvedSegment {
  kind: 'sections' | 'exercise' | 'break';
  label: string;
  /** The lesson's title, for section and exercise segments. */
  lessonTitle?: string;
  /** Link to the lesson page, at the first section's anchor where there is one. */
  href?: string;
  minutes: number;
}

export interface ResolvedSession {
  title: string;
  minutes: number;
  breakAfter: number;
  segments: ResolvedSegment[];
}

export interface ResolvedPlan {
  id: string;
  title: string;
  description: string;
  audience: string;
  days: { sessions: ResolvedSession[] }[];
  /** Teaching minutes (sessions), without the gaps between them. */
  totalMinutes: number;
}

/** Validates the parsed JSON of lessons/workshops.json; throws naming the file and each bad field. */
export function parseWorkshops(file: string, json: unknown): PlanData[] {
  const result = workshopsFileSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)'}: ${issue.message}`,
    );
    throw new Error([`Invalid ${file}:`, ...lines].join('\n'));
  }
  const seen = new Set<string>();
  for (const plan of result.data.plans) {
    if (seen.has(plan.id)) throw new Error(`Invalid ${file}: plan id "${plan.id}" appears twice.`);
    seen.add(plan.id);
  }
  return result.data.plans;
}

function resolveSegment(
  where: string,
  segment: SegmentData,
  lessons: ReadonlyMap<string, PlanLesson>,
  problems: string[],
): ResolvedSegment {
  if ('break' in segment) return { kind: 'break', label: segment.break, minutes: segment.minutes };
  const lesson = lessons.get(segment.lesson);
  if (!lesson) {
    problems.push(`${where}: no lesson "${segment.lesson}" (known: ${[...lessons.keys()].sort().join(', ')}).`);
    return { kind: 'exercise' in segment ? 'exercise' : 'sections', label: segment.lesson, minutes: segment.minutes };
  }
  const page = `/lessons/${lesson.id}/`;
  if ('exercise' in segment) {
    if (!lesson.hasExercise) problems.push(`${where}: lesson "${lesson.id}" has no exercise.`);
    const heading = lesson.sections.find((section) => section.text.startsWith('Exercise'));
    return {
      kind: 'exercise',
      label: 'Exercise',
      lessonTitle: lesson.title,
      href: heading ? `${page}#${heading.slug}` : page,
      minutes: segment.minutes,
    };
  }
  const found = segment.sections.map((text) => {
    const section = lesson.sections.find((candidate) => sameHeading(text, candidate.text));
    if (!section) {
      problems.push(
        `${where}: lesson "${lesson.id}" has no section "${text}" (its sections: ${lesson.sections.map((s) => `"${s.text}"`).join(', ')}).`,
      );
    }
    return section;
  });
  const first = found[0];
  return {
    kind: 'sections',
    label: segment.sections.join('; '),
    lessonTitle: lesson.title,
    href: first ? `${page}#${first.slug}` : page,
    minutes: segment.minutes,
  };
}

/**
 * Looks up every plan's segments in the lessons and checks each session adds up to its length. Throws
 * one error listing every problem, each naming the plan, the day, the session and the segment.
 */
export function resolvePlans(file: string, plans: readonly PlanData[], lessons: readonly PlanLesson[]): ResolvedPlan[] {
  const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));
  const problems: string[] = [];
  const resolved = plans.map((plan) => {
    let totalMinutes = 0;
    const days = plan.days.map((day, d) => ({
      sessions: day.sessions.map((session) => {
        const where = `plan "${plan.id}", day ${d + 1}, session "${session.title}"`;
        const segments = session.segments.map((segment, s) => resolveSegment(`${where}, segment ${s + 1}`, segment, byId, problems));
        const sum = segments.reduce((total, segment) => total + segment.minutes, 0);
        if (sum > session.minutes) {
          problems.push(
            `${where} runs long: its segments add up to ${sum} minutes, ${sum - session.minutes} more than its ${session.minutes}.`,
          );
        } else if (sum < session.minutes) {
          problems.push(
            `${where}: its segments add up to ${sum} minutes, ${session.minutes - sum} fewer than its ${session.minutes}; give the time to a segment or shorten the session.`,
          );
        }
        totalMinutes += session.minutes;
        return { title: session.title, minutes: session.minutes, breakAfter: session.breakAfter ?? 0, segments };
      }),
    }));
    return { id: plan.id, title: plan.title, description: plan.description, audience: plan.audience, days, totalMinutes };
  });
  if (problems.length > 0) throw new Error([`${file} does not fit the lessons:`, ...problems.map((p) => `  - ${p}`)].join('\n'));
  return resolved;
}

/** One row of a day's timetable: a segment with its clock times (minutes after midnight). */
export interface TimetableRow {
  session: string;
  segment: ResolvedSegment;
  start: number;
  end: number;
}

/** A day's timetable from `startMinutes` (e.g. 9 × 60 for 09:00): sessions in order, with the gaps between them. */
export function dayTimetable(day: { sessions: readonly ResolvedSession[] }, startMinutes: number): TimetableRow[] {
  const rows: TimetableRow[] = [];
  let clock = startMinutes;
  for (const session of day.sessions) {
    for (const segment of session.segments) {
      rows.push({ session: session.title, segment, start: clock, end: clock + segment.minutes });
      clock += segment.minutes;
    }
    clock += session.breakAfter;
  }
  return rows;
}

/** "3 h 05 min" for 185 minutes. */
export function formatDuration(total: number): string {
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')} min`;
}
