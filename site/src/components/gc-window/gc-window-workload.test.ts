import { describe, expect, it } from 'vitest';
import {
  decodeColumns,
  decodeSamples,
  fillBatches,
  GC_WINDOW_WORKLOAD,
  KEY_LIMIT,
  MAX_VALUE,
  requestBodies,
  SAMPLE_BYTES,
  totalBatches,
  uint32Generator,
  validateWorkload,
} from './gc-window-workload.ts';

const small = { window: 100, keys: 7, batch: 16, warmup: 2, batches: 5, seed: 9 };

describe('validateWorkload', () => {
  it("accepts the demo's workload and names the field that is wrong", () => {
    expect(() => validateWorkload(GC_WINDOW_WORKLOAD)).not.toThrow();
    expect(() => validateWorkload({ ...small, warmup: 0 })).not.toThrow();
    expect(() => validateWorkload({ ...small, batch: 0 })).toThrow(/batch must be a whole number of at least 1, got 0/);
    expect(() => validateWorkload({ ...small, window: 1.5 })).toThrow(/window/);
    expect(() => validateWorkload({ ...small, seed: Number.NaN })).toThrow(/seed/);
    expect(() => validateWorkload({ ...small, keys: KEY_LIMIT + 1 })).toThrow(/at most 1073741824 are distinct/);
  });

  it('counts the batches that fill the window, and all of them', () => {
    expect(fillBatches(small)).toBe(7);
    expect(totalBatches(small)).toBe(7 + 2 + 5);
  });
});

describe('uint32Generator', () => {
  it('is fixed by its seed and gives 32-bit unsigned numbers', () => {
    const a = uint32Generator(1);
    const b = uint32Generator(1);
    const c = uint32Generator(2);
    const first = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(first);
    expect(Array.from({ length: 100 }, c)).not.toEqual(first);
    for (const value of first) expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    expect(new Set(first).size).toBe(100);
  });
});

describe('requestBodies and the decoders', () => {
  it('makes a new body per call, the same sequence from the same seed', () => {
    const one = requestBodies(small);
    const two = requestBodies(small);
    const body = one();
    expect(body.byteLength).toBe(small.batch * SAMPLE_BYTES);
    expect(new Uint8Array(two())).toEqual(new Uint8Array(body));
    expect(new Uint8Array(one())).not.toEqual(new Uint8Array(body));
  });

  it("draws keys from the workload's distinct keys, below 2^30, and values from 1 to the maximum", () => {
    const next = requestBodies({ ...small, batch: 2000 });
    const samples = decodeSamples(next());
    const keys = new Set(samples.map((sample) => sample.key));
    expect(keys.size).toBe(small.keys);
    for (const key of keys) expect(Number.isInteger(key) && key >= 0 && key < KEY_LIMIT).toBe(true);
    for (const { value } of samples) expect(value >= 1 && value <= MAX_VALUE).toBe(true);
    expect(new Set(samples.map((sample) => sample.value)).size).toBeGreaterThan(500);
  });

  it('decodes a body into objects and into typed arrays with the same samples', () => {
    const body = requestBodies(small)();
    const samples = decodeSamples(body);
    const { keys, values } = decodeColumns(body);
    expect(samples).toHaveLength(small.batch);
    expect([...keys].map(Number)).toEqual(samples.map((sample) => sample.key));
    expect([...values]).toEqual(samples.map((sample) => sample.value));
  });

  it('reads a key as little-endian u64, high word included', () => {
    const body = new ArrayBuffer(SAMPLE_BYTES);
    const view = new DataView(body);
    view.setUint32(0, 5, true);
    view.setUint32(4, 2, true);
    view.setUint32(8, 7, true);
    expect(decodeSamples(body)).toEqual([{ key: 2 * 2 ** 32 + 5, value: 7 }]);
    expect(decodeColumns(body).keys[0]).toBe(2n * 2n ** 32n + 5n);
  });
});
