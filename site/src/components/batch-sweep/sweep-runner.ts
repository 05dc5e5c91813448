import { type Method, METHODS, type SweepPoint } from './sweep-protocol.ts';
import { timePerCall } from './timing.ts';

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
  onPoint?: (point: SweepPoint, index: number) => void;
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
  const { elements, batchSizes, passes, reference, now, minSampleMs, repeats, tolerance = 1e-3, onPoint } = plan;
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
    onPoint?.(point, index);
  });
  return points;
}
