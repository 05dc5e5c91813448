// What the zero-copy demo measures: the vector sizes (shown in the page's table and sent to the worker),
// the number of timed samples, and the input every way gets.

/**
 * Vector sizes in bytes, 16 B to 16 MiB in steps of 4× (4 to 4,194,304 f32 values). The lesson's Go
 * program covers the same range in steps of 16×.
 */
export const VECTOR_BYTES = [16, 64, 256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216] as const;

/** Timed samples per way and size; the table shows their median. */
export const ZERO_COPY_REPEATS = 7;

/** Seed of the input vectors, so every run and every way computes on the same numbers. */
export const INPUT_SEED = 20_250_301;

/** Elements of the small vector that the detach experiment views, and then looks at after the memory grew. */
export const DETACH_ELEMENTS = 1024;

/** Number of f32 values in a vector of `bytes` bytes; throws unless `bytes` is a positive multiple of 4. */
export function elementsOf(bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes <= 0 || bytes % 4 !== 0) {
    throw new RangeError(`A vector size is a positive whole number of f32 values (a multiple of 4 bytes), got ${bytes}.`);
  }
  return bytes / 4;
}

/** `length` values in [-1, 1) from a xorshift32 generator started at `seed`: the same numbers on every run. */
export function inputVector(length: number, seed: number = INPUT_SEED): Float32Array {
  const values = new Float32Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    values[i] = (state >>> 8) / 2 ** 23 - 1;
  }
  return values;
}
