import { describe, expect, it } from 'vitest';
import { resultsDiffer } from './zero-copy-check.ts';

const output = (values: number[], norm = 1) => ({ values: new Float32Array(values), norm });

describe('resultsDiffer', () => {
  it('is null for the same bits', () => {
    expect(resultsDiffer(16, output([0.6, 0.8, 0, Number.NaN]), output([0.6, 0.8, 0, Number.NaN]))).toBeNull();
  });

  it('names the first element that differs, with both bit patterns', () => {
    expect(resultsDiffer(16, output([0.6, 0.8, 1, 2]), output([0.6, 0.5, 1, 3]))).toBe(
      'At 16 B the two ways disagree at element 1: 0.800000011920929 (0x3f4ccccd) copied, 0.5 (0x3f000000) in place. ' +
        'Both ran the same kernel on the same input, so one of them was handed something else.',
    );
  });

  it('tells 0 from -0, and sees a different norm or length', () => {
    expect(resultsDiffer(4, output([0]), output([-0]))).toMatch(/element 0: 0 \(0x00000000\) copied, 0 \(0x80000000\)/);
    expect(resultsDiffer(8, output([1, 0], 5), output([1, 0], 4))).toMatch(
      /^At 8 B the two ways computed different norms: 5 copied, 4 in place\./,
    );
    expect(resultsDiffer(1024, output([1]), output([1, 2]))).toMatch(/^At 1 KiB the two ways returned 1 and 2 values\./);
  });

  it('compares views that start inside a larger buffer', () => {
    const memory = new Float32Array([9, 0.6, 0.8, 9]);
    expect(resultsDiffer(8, { values: memory.subarray(1, 3), norm: 1 }, output([0.6, 0.8]))).toBeNull();
  });
});
