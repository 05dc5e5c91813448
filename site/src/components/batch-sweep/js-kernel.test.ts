import { describe, expect, it } from 'vitest';
import { JS_LANES, jsDot } from './js-kernel.ts';

/** The Rust kernel's `dot` written naively with an array of lanes, in f32 via Math.fround. */
function laneDot(a: Float32Array, b: Float32Array, start: number, length: number): number {
  const f = Math.fround;
  const sums = new Array<number>(JS_LANES).fill(0);
  const whole = length - (length % JS_LANES);
  for (let i = 0; i < whole; i += 1)
    sums[i % JS_LANES] = f((sums[i % JS_LANES] as number) + f((a[start + i] as number) * (b[start + i] as number)));
  let tail = 0;
  for (let i = whole; i < length; i += 1) tail = f(tail + f((a[start + i] as number) * (b[start + i] as number)));
  return f(sums.reduce((acc, value) => f(acc + value), 0) + tail);
}

function f64Dot(a: Float32Array, b: Float32Array, start: number, length: number): { sum: number; magnitude: number } {
  let sum = 0;
  let magnitude = 0;
  for (let i = start; i < start + length; i += 1) {
    const product = (a[i] as number) * (b[i] as number);
    sum += product;
    magnitude += Math.abs(product);
  }
  return { sum, magnitude };
}

function data(n: number): [Float32Array, Float32Array] {
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  let state = 7;
  for (let i = 0; i < n; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    a[i] = state / 2 ** 30 - 1;
    b[i] = ((state >> 7) % 1000) / 500 - 1;
  }
  return [a, b];
}

describe('jsDot', () => {
  it('computes exactly what the eight-lane kernel computes, at lengths around the lane width', () => {
    const [a, b] = data(5000);
    for (const length of [0, 1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4097]) {
      for (const start of [0, 3]) {
        expect(jsDot(a, b, start, length), `length ${length} from ${start}`).toBe(laneDot(a, b, start, length));
      }
    }
  });

  it('returns f32 values within rounding of the f64 dot product', () => {
    const [a, b] = data(65_536);
    for (const length of [1, 9, 4096, 65_536]) {
      const got = jsDot(a, b, 0, length);
      expect(Math.fround(got)).toBe(got);
      const { sum, magnitude } = f64Dot(a, b, 0, length);
      expect(Math.abs(got - sum)).toBeLessThanOrEqual(1e-5 * magnitude);
    }
  });

  it('rounds to f32 at each step, unlike one f64 accumulator', () => {
    // 2^24 + 1 is not an f32: in f32 the extra 1 is lost, in f64 it is kept.
    const a = new Float32Array([2 ** 24, 0, 0, 0, 0, 0, 0, 0, 1]);
    const b = new Float32Array([1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(jsDot(a, b, 0, 9)).toBe(2 ** 24);
    expect(f64Dot(a, b, 0, 9).sum).toBe(2 ** 24 + 1);
  });
});
