/** Median of a non-empty list of finite numbers; throws on an empty list, NaN or Infinity. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median() of an empty list');
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`median() got a non-finite value: ${value}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/**
 * Smallest step the clock is seen to advance by, in its own unit (ms for performance.now()).
 * Browsers coarsen timers, most of all in workers without cross-origin isolation (100 µs or more).
 */
export function estimateClockResolution(now: () => number, observations = 10, maxSpins = 10_000_000): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (let observation = 0; observation < observations; observation += 1) {
    const start = now();
    let next = start;
    let spins = 0;
    while (next === start) {
      next = now();
      spins += 1;
      if (spins > maxSpins) throw new Error('The clock did not advance; cannot time anything with it.');
    }
    smallest = Math.min(smallest, next - start);
  }
  return smallest;
}

/** How long one timed sample must last so that clock resolution adds at most 1% error: 100 ticks, at least `floorMs`. */
export function minSampleDuration(resolutionMs: number, floorMs = 10): number {
  if (!Number.isFinite(resolutionMs) || resolutionMs <= 0) {
    throw new RangeError(`Clock resolution must be a positive number of ms, got ${resolutionMs}.`);
  }
  return Math.max(100 * resolutionMs, floorMs);
}

/** Options of timePerCall. */
export interface TimingOptions {
  /** Clock in milliseconds, e.g. performance.now. */
  now: () => number;
  /** Each sample repeats the call until it lasts at least this long. */
  minSampleMs: number;
  /** Number of samples whose median is reported. */
  repeats: number;
  /** Give up when a sample would need more calls than this (a broken clock). */
  maxIterations?: number;
}

/** What timePerCall measured. */
export interface Timing {
  /** Median over the samples of the time of one call, in ms. */
  msPerCall: number;
  /** Calls per sample, found by doubling until a sample lasted minSampleMs. */
  iterations: number;
  /** Time of one call in each sample, in ms. */
  samples: number[];
  /** Result of the last call, returned so the caller can check it and the work is not optimised away. */
  result: number;
}

/** Calls `fn` `iterations` times in a row and returns how long that took, in the unit of `now`. */
export function sampleDuration(fn: () => number, iterations: number, now: () => number): number {
  const start = now();
  for (let i = 0; i < iterations; i += 1) fn();
  return now() - start;
}

/**
 * Calls per sample: doubles from 1 until a sample of that many calls lasts minSampleMs (which also warms
 * `fn` up); throws past maxIterations (default 2^26), where the clock is not advancing.
 */
export function callsPerSample(fn: () => number, options: Omit<TimingOptions, 'repeats'>): number {
  const { now, minSampleMs, maxIterations = 2 ** 26 } = options;
  if (!Number.isFinite(minSampleMs) || minSampleMs <= 0) {
    throw new RangeError(`minSampleMs must be a positive number, got ${minSampleMs}.`);
  }
  let iterations = 1;
  while (sampleDuration(fn, iterations, now) < minSampleMs) {
    iterations *= 2;
    if (iterations > maxIterations) {
      throw new Error(`A sample of ${maxIterations} calls took less than ${minSampleMs} ms; is the clock advancing?`);
    }
  }
  return iterations;
}

/**
 * Times `fn`: doubles the number of calls per sample until a sample lasts minSampleMs (which also
 * warms it up), then takes `repeats` samples of that many calls and reports the median per call.
 */
export function timePerCall(fn: () => number, options: TimingOptions): Timing {
  const { now, repeats } = options;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats must be a positive integer, got ${repeats}.`);
  let result = Number.NaN;
  const tracked = () => {
    result = fn();
    return result;
  };
  const iterations = callsPerSample(tracked, options);
  const samples: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat += 1) samples.push(sampleDuration(tracked, iterations, now) / iterations);
  return { msPerCall: median(samples), iterations, samples, result };
}
