/** Number of elements the demo sweeps over: 2^16. */
export const SWEEP_ELEMENTS = 65_536;

/** Timed samples per method and batch size; the demo reports their median. */
export const SWEEP_REPEATS = 5;

/** True when `n` is a positive integer power of two. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** Batch sizes 1, 2, 4, ... up to and including `n`; `n` must be a power of two up to 2^24. */
export function batchSizes(n: number): number[] {
  if (!isPowerOfTwo(n) || n > 2 ** 24) {
    throw new RangeError(`The element count must be a power of two between 1 and 2^24, got ${n}.`);
  }
  const sizes: number[] = [];
  for (let size = 1; size <= n; size *= 2) sizes.push(size);
  return sizes;
}

/** Start offsets of consecutive batches of `size` elements covering `n` elements. */
export function batchStarts(n: number, size: number): number[] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`Batch size must be a positive integer, got ${size}.`);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Element count must be a whole number, got ${n}.`);
  const starts: number[] = [];
  for (let start = 0; start < n; start += size) starts.push(start);
  return starts;
}

/** The sweeps "Edit the kernel" offers: a quick one to try an edit, and the demo's full one. */
export const SWEEP_SIZES = {
  quick: { elements: 4096, repeats: 3 },
  full: { elements: SWEEP_ELEMENTS, repeats: SWEEP_REPEATS },
} as const;

/** One of SWEEP_SIZES. */
export type SweepSize = keyof typeof SWEEP_SIZES;
