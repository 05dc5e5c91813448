// The workload both windows get, made the same way in every worker from one seed: request bodies of
// (key, value) samples, as the lesson's Go program sends its three variants.

/** How much work one run of the demo does. */
export interface GcWindowWorkload {
  /** Samples the window keeps. */
  readonly window: number;
  /** Distinct keys the samples are drawn from. */
  readonly keys: number;
  /** Samples per batch (one request). */
  readonly batch: number;
  /** Batches handled after the window is full and before the timed ones, so the JIT has compiled the hot code. */
  readonly warmup: number;
  /** Batches timed, one by one. */
  readonly batches: number;
  /** Seed of the generator: the same seed gives the same samples in the same batches. */
  readonly seed: number;
}

/**
 * The demo's workload. The batches are larger than the Go program's 512 samples because a browser's
 * clock may tick in 0.1 ms steps: a batch must last several steps for its time to mean anything.
 */
export const GC_WINDOW_WORKLOAD: GcWindowWorkload = {
  window: 1_000_000,
  keys: 10_000,
  batch: 16_384,
  warmup: 100,
  batches: 2000,
  seed: 42,
};

/** Bytes of one sample in a request body: the key as two little-endian u32 words, then the value. */
export const SAMPLE_BYTES = 12;

/**
 * Multiplier that spreads key ids 0, 1, 2... over non-sequential keys below KEY_LIMIT (odd, so no two ids
 * below KEY_LIMIT collide).
 */
export const KEY_STRIDE = 0x9e37_79b1;

/**
 * Keys stay below 2^30: V8 keeps such integers as small integers in an object's fields and a Map's
 * entries, where a larger one would be one more boxed number. The JavaScript window gets its best case;
 * what remains is the object per sample that the demo is about.
 */
export const KEY_LIMIT = 2 ** 30;

/** Largest value of a sample; values are 1..MAX_VALUE (microseconds, say). */
export const MAX_VALUE = 2000;

/** Throws a RangeError naming the field unless every size is a positive whole number and every key fits a JS number exactly. */
export function validateWorkload(workload: GcWindowWorkload): void {
  for (const field of ['window', 'keys', 'batch', 'warmup', 'batches'] as const) {
    const value = workload[field];
    const least = field === 'warmup' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < least) {
      throw new RangeError(`The workload's ${field} must be a whole number of at least ${least}, got ${value}.`);
    }
  }
  if (!Number.isSafeInteger(workload.seed)) throw new RangeError(`The workload's seed must be a whole number, got ${workload.seed}.`);
  if (workload.keys > KEY_LIMIT) throw new RangeError(`The workload has ${workload.keys} keys; at most ${KEY_LIMIT} are distinct.`);
}

/** Batches that fill an empty window: the first timed batch then evicts as many samples as it adds. */
export function fillBatches(workload: GcWindowWorkload): number {
  return Math.ceil(workload.window / workload.batch);
}

/** Every batch a run handles: filling, warm-up and timed. */
export function totalBatches(workload: GcWindowWorkload): number {
  return fillBatches(workload) + workload.warmup + workload.batches;
}

/** A small, fast generator of 32-bit numbers (mulberry32): fixed by its seed, the same in every browser. */
export function uint32Generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b_79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * The request bodies of a workload, in order. Each call returns a new buffer, as a body read from the
 * network would be.
 */
export function requestBodies(workload: GcWindowWorkload): () => ArrayBuffer {
  validateWorkload(workload);
  const next = uint32Generator(workload.seed);
  return () => {
    const body = new ArrayBuffer(workload.batch * SAMPLE_BYTES);
    const view = new DataView(body);
    for (let offset = 0; offset < body.byteLength; offset += SAMPLE_BYTES) {
      // The low 30 bits of id × stride: (id × KEY_STRIDE) mod 2^30.
      const key = Math.imul(next() % workload.keys, KEY_STRIDE) & (KEY_LIMIT - 1);
      view.setUint32(offset, key, true);
      view.setUint32(offset + 4, 0, true);
      view.setUint32(offset + 8, 1 + (next() % MAX_VALUE), true);
    }
    return body;
  };
}

/** One sample, decoded as a JavaScript object. */
export interface Sample {
  key: number;
  value: number;
}

/** Decodes a body into one new object per sample: what the JavaScript window keeps. */
export function decodeSamples(body: ArrayBuffer): Sample[] {
  const view = new DataView(body);
  const samples: Sample[] = [];
  for (let offset = 0; offset < body.byteLength; offset += SAMPLE_BYTES) {
    const key = view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 2 ** 32;
    samples.push({ key, value: view.getUint32(offset + 8, true) });
  }
  return samples;
}

/** Which u32 word of a u64 holds its low half in this platform's typed arrays. */
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;

/** Decodes a body into two new typed arrays, keys and values: what the Rust window takes in one call. */
export function decodeColumns(body: ArrayBuffer): { keys: BigUint64Array; values: Uint32Array } {
  const view = new DataView(body);
  const count = body.byteLength / SAMPLE_BYTES;
  const keys = new BigUint64Array(count);
  // The keys' words set as two u32 each: no BigInt is made per sample.
  const words = new Uint32Array(keys.buffer);
  const values = new Uint32Array(count);
  for (let i = 0, offset = 0; i < count; i += 1, offset += SAMPLE_BYTES) {
    words[2 * i + LOW_WORD] = view.getUint32(offset, true);
    words[2 * i + 1 - LOW_WORD] = view.getUint32(offset + 4, true);
    values[i] = view.getUint32(offset + 8, true);
  }
  return { keys, values };
}
