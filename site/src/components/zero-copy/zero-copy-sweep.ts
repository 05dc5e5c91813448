// The sweep: at every size, check that both ways compute the same result to the bit, then time one
// call of each (median of `repeats` samples, after a warm-up).
import { timePerCall } from '../batch-sweep/timing.ts';
import { resultsDiffer } from './zero-copy-check.ts';
import type { SizePoint } from './zero-copy-protocol.ts';
import { elementsOf, inputVector } from './zero-copy-workload.ts';

/** A vector Rust allocated and owns, reached through a view of wasm memory. */
export interface InPlaceVector {
  /** The view of its values, made again if the memory grew since it was last made. */
  view(): Float32Array;
  /** Runs the kernel on it in place; returns the norm it had. */
  normalize(): number;
  free(): void;
}

/** The two ways into the same kernel (the worker passes the wasm exports; tests pass a JavaScript kernel). */
export interface ZeroCopyKernel {
  /** Normalises a JavaScript array: wasm-bindgen's glue copies it into wasm memory and back. Returns the norm. */
  copied(values: Float32Array): number;
  /** A zeroed vector of `length` values in wasm memory. */
  allocate(length: number): InPlaceVector;
}

/** How to time and what to measure. */
export interface ZeroCopyPlan {
  sizes: readonly number[];
  repeats: number;
  seed: number;
  now: () => number;
  minSampleMs: number;
  /** Called after each size with its point. */
  onPoint?: (point: SizePoint, index: number) => void;
}

/** Checks and times both ways at one size; throws when their results differ. */
export function measureSize(kernel: ZeroCopyKernel, bytes: number, plan: Omit<ZeroCopyPlan, 'sizes' | 'onPoint'>): SizePoint {
  const input = inputVector(elementsOf(bytes), plan.seed);
  const vector = kernel.allocate(input.length);
  try {
    // The copying call allocates in wasm memory, which may grow it: the vector's view is asked for after it.
    const copiedValues = input.slice();
    const copiedNorm = kernel.copied(copiedValues);
    vector.view().set(input);
    const inPlaceNorm = vector.normalize();
    const problem = resultsDiffer(bytes, { values: copiedValues, norm: copiedNorm }, { values: vector.view(), norm: inPlaceNorm });
    if (problem) throw new Error(problem);
    const options = { now: plan.now, minSampleMs: plan.minSampleMs, repeats: plan.repeats };
    const work = input.slice();
    const copied = timePerCall(() => kernel.copied(work), options);
    const inPlace = timePerCall(() => vector.normalize(), options);
    return { bytes, copied: copied.msPerCall * 1e6, inPlace: inPlace.msPerCall * 1e6 };
  } finally {
    vector.free();
  }
}

/** Measures every size in order; the points are in the order of `plan.sizes`. */
export function runZeroCopySweep(kernel: ZeroCopyKernel, plan: ZeroCopyPlan): SizePoint[] {
  return plan.sizes.map((bytes, index) => {
    const point = measureSize(kernel, bytes, plan);
    plan.onPoint?.(point, index);
    return point;
  });
}
