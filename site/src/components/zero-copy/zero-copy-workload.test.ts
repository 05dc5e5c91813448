import { describe, expect, it } from 'vitest';
import { elementsOf, inputVector, VECTOR_BYTES } from './zero-copy-workload.ts';

describe('the zero-copy workload', () => {
  it('runs from 16 B to 16 MiB in steps of 4×', () => {
    expect(VECTOR_BYTES[0]).toBe(16);
    expect(VECTOR_BYTES.at(-1)).toBe(16 * 1024 * 1024);
    for (let i = 1; i < VECTOR_BYTES.length; i += 1) expect(VECTOR_BYTES[i]).toBe(4 * (VECTOR_BYTES[i - 1] as number));
  });

  it('counts f32 values and refuses sizes that are not whole values', () => {
    expect(elementsOf(16)).toBe(4);
    for (const bad of [0, 6, -4, 1.5 * 4, Number.NaN]) expect(() => elementsOf(bad)).toThrow(/multiple of 4 bytes/);
  });

  it('makes the same input for the same seed, in [-1, 1), varied and never all zero', () => {
    const a = inputVector(1000, 42);
    expect(inputVector(1000, 42)).toEqual(a);
    expect(inputVector(1000, 43)).not.toEqual(a);
    expect(a.every((x) => x >= -1 && x < 1)).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(990);
    expect(inputVector(4, 0).some((x) => x !== 0)).toBe(true);
  });
});
