// Checks every result of the learner's kernel against the lesson's kernel on the same data, so a
// wrong kernel is reported as wrong (with the batch and both numbers) instead of timed as fast.

import { resultProblem } from './learner-module.ts';
import type { StepMismatch } from './sweep-protocol.ts';

/** Prefix sums of |a_i * b_i| in f64: the scale of batch [s, s+n) is prefix[s+n] - prefix[s]. */
export function magnitudePrefix(a: Float32Array, b: Float32Array, elements: number): Float64Array {
  const prefix = new Float64Array(elements + 1);
  for (let i = 0; i < elements; i += 1) prefix[i + 1] = (prefix[i] as number) + Math.abs((a[i] as number) * (b[i] as number));
  return prefix;
}

/** A batch whose results disagreed. */
export interface WrongBatch {
  start: number;
  length: number;
  got: number;
  expected: number;
}

/** True when `got` is within `tolerance` × `magnitude` of `expected` (NaN and Infinity never are). */
export function agrees(got: number, expected: number, magnitude: number, tolerance: number): boolean {
  return Number.isFinite(got) && Math.abs(got - expected) <= tolerance * magnitude;
}

/**
 * Calls both kernels on every batch of `size` over `elements` and returns the first batch where the
 * learner's result is not within `tolerance` of the batch's Σ|a_i b_i| of the lesson's, or null.
 * Throws with the reason when the learner's function returns something that is not a number.
 */
export function firstWrongBatch(
  elements: number,
  size: number,
  learnerDot: (start: number, length: number) => unknown,
  lessonDot: (start: number, length: number) => number,
  prefix: Float64Array,
  tolerance: number,
): WrongBatch | null {
  for (let start = 0; start < elements; start += size) {
    const length = Math.min(size, elements - start);
    const got = learnerDot(start, length);
    const problem = resultProblem('hl_dot', got);
    if (problem) throw new TypeError(problem);
    const expected = lessonDot(start, length);
    const magnitude = (prefix[start + length] as number) - (prefix[start] as number);
    if (!agrees(got as number, expected, magnitude, tolerance)) return { start, length, got: got as number, expected };
  }
  return null;
}

/** The calls of hl_dot_step the page checks: zeros, signs, a fraction, a large and a small value. */
export const STEP_CASES: readonly (readonly [number, number, number])[] = [
  [0, 1, 2],
  [1.5, 2, 3],
  [-2.25, 0.5, -4],
  [0.001, 3.3, 7.7],
  [1e6, -1e-3, 250],
];

/**
 * Null when the learner's hl_dot_step agrees with the lesson's `acc + a * b` (in f32) on STEP_CASES,
 * else the first call that did not. Throws when it returns something that is not a number.
 */
export function stepMismatch(learnerStep: (acc: number, a: number, b: number) => unknown, tolerance: number): StepMismatch | null {
  const f = Math.fround;
  for (const [rawAcc, rawA, rawB] of STEP_CASES) {
    const [acc, a, b] = [f(rawAcc), f(rawA), f(rawB)];
    const got = learnerStep(acc, a, b);
    const problem = resultProblem('hl_dot_step', got);
    if (problem) throw new TypeError(problem);
    const expected = f(acc + f(a * b));
    if (!agrees(got as number, expected, Math.abs(acc) + Math.abs(a * b), tolerance)) return { acc, a, b, got: got as number, expected };
  }
  return null;
}
