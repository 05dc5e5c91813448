// The sweep: at every size, check that both ways compute the same result to the bit, then time one
// call of each (after a warm-up, the median of `repeats` samples).
import { callsPerSample, median, sampleDuration } from '../batch-sweep/timing.ts';
import { resultsDiffer } from './zero-copy-check.ts';
import { type SizePoint, WAYS, type Way } from './zero-copy-protocol.ts';
import { elementsOf, inputVector } from './zero-copy-workload.ts';

/** A vector Rust allocated and owns, reached through a view of wasm memory. */
export interface InPlaceVector {
  /** The view of its values, made again if the memory grew since it was last made. */
  view(): Float32Array;
  /** Runs the kernel on it in place; returns the norm it had. */
  normalize(): number;
  free(): void;
}

/** The two ways into the same kernel: the worker passes the wasm exports, tests a kernel written in JavaScript over a WebAssembly.Memory. */
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

/** Timings tried at most, when a pause during calibration left too few calls per sample. */
export const TIMING_ATTEMPTS = 3;

/** How to time: the clock, how long a sample lasts at least, and how many samples of each way. */
export type TimingPlan = Pick<ZeroCopyPlan, 'now' | 'minSampleMs' | 'repeats'>;

/**
 * Median time of one call of each way, in ns. Both are warmed up (untimed calls for minSampleMs each),
 * their calls per sample found by doubling, and then their samples taken in turn, ABBA, so that a
 * change in the machine's speed during the run (another program, the clock rate) falls on both alike.
 * A pause while the calls per sample are found (a collection, the thread descheduled) can make one
 * short sample look long enough, and every later sample then lasts a fraction of a clock step; a
 * timing whose median sample lasts under half of minSampleMs is taken again.
 */
export function timeBothNs(calls: Readonly<Record<Way, () => number>>, plan: TimingPlan): Record<Way, number> {
  const { now, minSampleMs, repeats } = plan;
  for (const way of WAYS) {
    const warmUntil = now() + minSampleMs;
    do calls[way]();
    while (now() < warmUntil);
  }
  for (let attempt = 1; attempt <= TIMING_ATTEMPTS; attempt += 1) {
    const iterations = { copied: callsPerSample(calls.copied, plan), inPlace: callsPerSample(calls.inPlace, plan) };
    const samples: Record<Way, number[]> = { copied: [], inPlace: [] };
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      for (const way of repeat % 2 === 0 ? WAYS : [...WAYS].reverse()) {
        samples[way].push(sampleDuration(calls[way], iterations[way], now) / iterations[way]);
      }
    }
    const ms = { copied: median(samples.copied), inPlace: median(samples.inPlace) };
    if (WAYS.every((way) => ms[way] > 0 && ms[way] * iterations[way] >= minSampleMs / 2)) {
      return { copied: ms.copied * 1e6, inPlace: ms.inPlace * 1e6 };
    }
  }
  throw new Error(
    `${TIMING_ATTEMPTS} timings in a row were cut short by pauses (their samples lasted under half of ${minSampleMs} ms); ` +
      'the machine is too busy to time this now.',
  );
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
    const work = input.slice();
    return { bytes, ...timeBothNs({ copied: () => kernel.copied(work), inPlace: () => vector.normalize() }, plan) };
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
