import type { WrongBatch } from './learner-check.ts';
import { type LearnerPoint, METHODS, type Method, type SweepPoint } from './sweep-protocol.ts';
import { timePerCall } from './timing.ts';

/** Allowed |result - reference| as a fraction of Σ|a_i b_i|: f32 rounding in any summation order stays far below it. */
export const DEFAULT_TOLERANCE = 1e-3;

/** One full pass over all elements in batches of `batchSize`; returns the dot product it computed. */
export type Pass = (batchSize: number) => number;

/** Inputs of runSweep. */
export interface SweepPlan {
  elements: number;
  batchSizes: readonly number[];
  passes: Readonly<Record<Method, Pass>>;
  /** Dot product in f64 and the sum of |a_i * b_i| (the scale rounding errors are measured against). */
  reference: { sum: number; magnitude: number };
  now: () => number;
  minSampleMs: number;
  repeats: number;
  /** Allowed |result - reference| as a fraction of reference.magnitude. */
  tolerance?: number;
  /** The learner's kernel, measured at each batch size right after the lesson's methods. */
  learner?: LearnerPlan;
  onPoint?: (point: SweepPoint, index: number, learner?: LearnerPoint) => void;
}

/** The learner's kernel in a sweep, beside the lesson's kernel built by the same runner. */
export interface LearnerPlan {
  /** The first batch of this size where the learner's kernel disagrees with the lesson's, or null. */
  check: (batchSize: number) => WrongBatch | null;
  /** One full pass over all elements with the learner's kernel; returns the dot product it computed. */
  pass: Pass;
  /** The same pass with the lesson's kernel as the runner built it. */
  lessonPass: Pass;
}

/**
 * Times the lesson's runner-built kernel, then checks and times the learner's, at one batch size.
 * A wrong learner kernel is not timed; a wrong lesson build throws like any method that disagrees.
 */
export function measureLearner(
  learner: LearnerPlan,
  batchSize: number,
  plan: Pick<SweepPlan, 'elements' | 'reference' | 'now' | 'minSampleMs' | 'repeats'>,
  tolerance: number,
): LearnerPoint {
  const { elements, reference, now, minSampleMs, repeats } = plan;
  const options = { now, minSampleMs, repeats };
  const lesson = timePerCall(() => learner.lessonPass(batchSize), options);
  checkAgreement('batched', batchSize, lesson.result, reference, tolerance);
  const lessonNs = (lesson.msPerCall * 1e6) / elements;
  const wrong = learner.check(batchSize);
  if (wrong) return { batchSize, lessonNs, ok: false, ...wrong };
  const timing = timePerCall(() => learner.pass(batchSize), options);
  // A kernel that is right once and wrong later (state left in its memory) is wrong, too.
  const error = Math.abs(timing.result - reference.sum);
  if (!Number.isFinite(timing.result) || error > tolerance * reference.magnitude) {
    return { batchSize, lessonNs, ok: false, start: 0, length: elements, got: timing.result, expected: reference.sum };
  }
  return { batchSize, lessonNs, ok: true, ns: (timing.msPerCall * 1e6) / elements };
}

/** Throws if a pass result is not within tolerance of the reference: the three methods must agree. */
export function checkAgreement(
  method: Method,
  batchSize: number,
  result: number,
  reference: { sum: number; magnitude: number },
  tolerance: number,
): void {
  const error = Math.abs(result - reference.sum);
  if (!Number.isFinite(result) || error > tolerance * reference.magnitude) {
    throw new Error(
      `Results disagree: ${method} at batch size ${batchSize} computed ${result}, expected ${reference.sum} ` +
        `(allowed error ${(tolerance * reference.magnitude).toPrecision(3)}).`,
    );
  }
}

/** Times every method at every batch size, in nanoseconds per element, checking results before and after. */
export function runSweep(plan: SweepPlan): SweepPoint[] {
  const { elements, batchSizes, passes, reference, now, minSampleMs, repeats, tolerance = DEFAULT_TOLERANCE, learner, onPoint } = plan;
  const points: SweepPoint[] = [];
  batchSizes.forEach((batchSize, index) => {
    const nsPerElement = {} as Record<Method, number>;
    for (const method of METHODS) {
      const pass = passes[method];
      checkAgreement(method, batchSize, pass(batchSize), reference, tolerance);
      const timing = timePerCall(() => pass(batchSize), { now, minSampleMs, repeats });
      checkAgreement(method, batchSize, timing.result, reference, tolerance);
      nsPerElement[method] = (timing.msPerCall * 1e6) / elements;
    }
    const point: SweepPoint = { batchSize, ...nsPerElement };
    points.push(point);
    const learnerPoint = learner ? measureLearner(learner, batchSize, plan, tolerance) : undefined;
    onPoint?.(point, index, learnerPoint);
  });
  return points;
}
