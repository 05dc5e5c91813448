// Budgets from a workshop plan (lessons/workshops.json), for a presenter opened with ?plan=<id>: a
// plan gives minutes per segment, and a segment may cover several steps of the notes (or a step
// several segments). Each segment's minutes are shared among the steps it covers in proportion to
// their minutes in the notes; a step no segment covers keeps the notes' minutes.
import { sameHeading } from '../../lib/heading-match.ts';
import type { PageSection } from '../../lib/speaker-notes.ts';
import type { PlanData } from '../../lib/workshops.ts';
import { notesBudget, type StepInfo } from './presenter-state.ts';

/** One segment of a plan that belongs to this lesson: the page headings it covers and its minutes. */
export interface LessonSegment {
  anchors: string[];
  minutes: number;
}

/** A plan as the presenter needs it: its id, its title and this lesson's segments. */
export interface LessonPlan {
  id: string;
  title: string;
  segments: LessonSegment[];
}

/** The plans that teach `lesson`, with their segments turned into page anchors (plans are checked at build time, so names match). */
export function lessonPlans(lesson: string, plans: readonly PlanData[], sections: readonly PageSection[]): LessonPlan[] {
  const exercise = sections.find((section) => section.text.startsWith('Exercise'));
  const found: LessonPlan[] = [];
  for (const plan of plans) {
    const segments: LessonSegment[] = [];
    for (const session of plan.days.flatMap((day) => day.sessions)) {
      for (const segment of session.segments) {
        if (!('lesson' in segment) || segment.lesson !== lesson) continue;
        const anchors =
          'exercise' in segment
            ? exercise
              ? [exercise.slug]
              : []
            : segment.sections.flatMap((name) => sections.filter((s) => sameHeading(name, s.text)).map((s) => s.slug));
        segments.push({ anchors, minutes: segment.minutes });
      }
    }
    if (segments.length > 0) found.push({ id: plan.id, title: plan.title, segments });
  }
  return found;
}

/** Where a step's budget comes from, and how many minutes it is (null: no budget). */
export interface StepBudget {
  minutes: number | null;
  source: 'plan' | 'notes';
}

/** Each step's budget under `plan`, or from the notes alone when there is no plan. */
export function stepBudgets(steps: readonly StepInfo[], plan: LessonPlan | null): StepBudget[] {
  const fromPlan: (number | null)[] = steps.map(() => null);
  for (const segment of plan?.segments ?? []) {
    const covered = steps.flatMap((step, index) => (step.anchors.some((a) => segment.anchors.includes(a)) ? [index] : []));
    if (covered.length === 0) continue;
    const weights = covered.map((index) => notesBudget(steps[index] as StepInfo) ?? 0);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    covered.forEach((index, i) => {
      const share = total > 0 ? (weights[i] ?? 0) / total : 1 / covered.length;
      fromPlan[index] = (fromPlan[index] ?? 0) + segment.minutes * share;
    });
  }
  return steps.map((step, index) => {
    const minutes = fromPlan[index];
    return minutes === null || minutes === undefined ? { minutes: notesBudget(step), source: 'notes' } : { minutes, source: 'plan' };
  });
}
