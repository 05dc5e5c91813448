import { describe, expect, it } from 'vitest';
import { jsDot } from './js-kernel.ts';
import { agrees, firstWrongBatch, magnitudePrefix, stepMismatch } from './learner-check.ts';

const elements = 64;
const a = Float32Array.from({ length: elements }, (_, i) => ((i % 13) - 6) / 7);
const b = Float32Array.from({ length: elements }, (_, i) => ((i % 5) - 2) / 3);
const prefix = magnitudePrefix(a, b, elements);
const lesson = (start: number, length: number) => jsDot(a, b, start, length);

describe('magnitudePrefix', () => {
  it('gives Σ|a_i b_i| of any range by one subtraction', () => {
    let direct = 0;
    for (let i = 5; i < 21; i += 1) direct += Math.abs((a[i] as number) * (b[i] as number));
    expect((prefix[21] as number) - (prefix[5] as number)).toBeCloseTo(direct, 12);
  });
});

describe('firstWrongBatch', () => {
  it('accepts a kernel that sums in another order (f64, left to right)', () => {
    const leftToRight = (start: number, length: number) => {
      let sum = 0;
      for (let i = start; i < start + length; i += 1) sum += (a[i] as number) * (b[i] as number);
      return Math.fround(sum);
    };
    for (const size of [1, 2, 4, 8, 16, 32, 64]) expect(firstWrongBatch(elements, size, leftToRight, lesson, prefix, 1e-3)).toBeNull();
  });

  it('finds the first batch a kernel that drops the tail gets wrong, with both results', () => {
    // Sums whole groups of 8 only: right from 8 elements per call, wrong below.
    const noTail = (start: number, length: number) => jsDot(a, b, start, length - (length % 8));
    expect(firstWrongBatch(elements, 8, noTail, lesson, prefix, 1e-3)).toBeNull();
    const wrong = firstWrongBatch(elements, 4, noTail, lesson, prefix, 1e-3);
    expect(wrong).toMatchObject({ length: 4, got: 0 });
    expect(wrong?.expected).not.toBe(0);
    // Batch [0, 4) has products summing to 0 only if the data says so: the first wrong one is reported.
    expect(wrong?.start).toBe(firstWrongStart(4));
  });

  it('flags NaN and explains a result that is not a number', () => {
    expect(firstWrongBatch(elements, 64, () => Number.NaN, lesson, prefix, 1e-3)).toMatchObject({ start: 0, length: 64 });
    expect(() => firstWrongBatch(elements, 64, () => undefined, lesson, prefix, 1e-3)).toThrow('`hl_dot` returned nothing');
  });
});

function firstWrongStart(size: number): number {
  for (let start = 0; start < elements; start += size) if (lesson(start, size) !== 0) return start;
  return -1;
}

describe('agrees', () => {
  it('allows the tolerance times the magnitude, and never NaN or Infinity', () => {
    expect(agrees(1.0009, 1, 1, 1e-3)).toBe(true);
    expect(agrees(1.0011, 1, 1, 1e-3)).toBe(false);
    expect(agrees(Number.POSITIVE_INFINITY, 1, 1, 1e-3)).toBe(false);
  });
});

describe('stepMismatch', () => {
  it('accepts acc + a * b in f32, and names the first call of a wrong step', () => {
    expect(stepMismatch((acc, x, y) => Math.fround(acc + Math.fround(x * y)), 1e-3)).toBeNull();
    expect(stepMismatch((acc, x, y) => Math.fround(acc + 2 * x * y), 1e-3)).toEqual({ acc: 0, a: 1, b: 2, got: 4, expected: 2 });
    expect(() => stepMismatch(() => undefined, 1e-3)).toThrow('`hl_dot_step` returned nothing');
  });
});
