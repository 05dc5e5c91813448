import { describe, expect, it } from 'vitest';
import { batchSizes, batchStarts, isPowerOfTwo, SWEEP_ELEMENTS } from './sweep-schedule.ts';

describe('batchSizes', () => {
  it('gives the 17 powers of two from 1 to 65,536 for the demo', () => {
    const sizes = batchSizes(SWEEP_ELEMENTS);
    expect(sizes).toHaveLength(17);
    expect(sizes[0]).toBe(1);
    expect(sizes.at(-1)).toBe(65_536);
    sizes.slice(1).forEach((size, index) => {
      expect(size).toBe((sizes[index] as number) * 2);
    });
  });

  it('has a single size for one element', () => {
    expect(batchSizes(1)).toEqual([1]);
  });

  it.each([0, -4, 3, 1000, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 25])('rejects %s elements', (n) => {
    expect(() => batchSizes(n)).toThrow(RangeError);
  });
});

describe('batchStarts', () => {
  it('covers every element once', () => {
    expect(batchStarts(8, 4)).toEqual([0, 4]);
    expect(batchStarts(8, 8)).toEqual([0]);
    expect(batchStarts(10, 4)).toEqual([0, 4, 8]);
  });

  it('has no batches for no elements', () => {
    expect(batchStarts(0, 4)).toEqual([]);
  });

  it('rejects a batch size below one', () => {
    expect(() => batchStarts(8, 0)).toThrow(/positive integer/);
  });
});

describe('isPowerOfTwo', () => {
  it('knows powers of two from other numbers', () => {
    expect([1, 2, 64, 2 ** 20].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 6, -2, 0.5].some(isPowerOfTwo)).toBe(false);
  });
});
