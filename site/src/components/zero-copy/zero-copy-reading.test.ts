import { describe, expect, it } from 'vitest';
import { describeZeroCopy, readZeroCopy, validateSizePoints } from './zero-copy-reading.ts';
import { points, typicalResult } from './zero-copy-result.fixture.ts';

const read = (...rows: [number, number, number][]) => readZeroCopy(points(...rows));

describe('readZeroCopy', () => {
  it('finds the sizes up to which the copies cost more than the kernel', () => {
    const reading = readZeroCopy(typicalResult.points);
    expect(reading).toMatchObject({ verdict: 'dearer-up-to', dearer: [16, 1024] });
    expect(describeZeroCopy(reading)).toBe(
      "Up to 1 KiB the glue's copies cost more than the kernel itself: at 16 B the copying call took 210 ns against 22.0 ns in " +
        'place (9.5×). Above 1 KiB they did not clearly cost more than the kernel; at 16 MiB the copies were 36% of the copying ' +
        "call's time (6.10 ms against 3.90 ms, 2.75 GB/s against 4.30 GB/s in place).",
    );
  });

  it('needs the copies to exceed the kernel by the clear ratio, not by a hair', () => {
    // 2.3× is copies of 1.3 kernels: clear. 2.1× is copies of 1.1 kernels: not clear.
    expect(read([16, 230, 100], [64, 210, 100]).verdict).toBe('dearer-up-to');
    expect(read([16, 210, 100], [64, 230, 100])).toMatchObject({ verdict: 'dearer-from', dearer: [64] });
  });

  it('says when the copies cost more everywhere, from a size on, or at scattered sizes', () => {
    const everywhere = read([16, 300, 100], [64, 900, 200]);
    expect(everywhere.verdict).toBe('dearer-everywhere');
    expect(describeZeroCopy(everywhere)).toMatch(/^The glue's copies cost more than the kernel at every size from 16 B to 64 B: at 16 B/);
    const from = read([16, 150, 100], [64, 200, 100], [256, 500, 100]);
    expect(from).toMatchObject({ verdict: 'dearer-from', dearer: [256] });
    expect(describeZeroCopy(from)).toMatch(
      /^From 256 B on the glue's copies cost more .* Below 256 B they did not clearly cost more: at 16 B/,
    );
    const scattered = read([16, 500, 100], [64, 150, 100], [256, 500, 100]);
    expect(scattered).toMatchObject({ verdict: 'dearer-at-some', dearer: [16, 256] });
    expect(describeZeroCopy(scattered)).toMatch(
      /^The glue's copies cost more than the kernel at 16 B and 256 B but not at the sizes between them/,
    );
  });

  it('says when the copies never cost more than the kernel, with their largest share', () => {
    const never = read([16, 150, 100], [64, 130, 120]);
    expect(never).toMatchObject({ verdict: 'never-dearer', mostShare: { bytes: 16 } });
    expect(describeZeroCopy(never)).toBe(
      "At no size did the glue's copies clearly cost more than the kernel itself. Their largest share of the copying call's " +
        'time was 33%, at 16 B (150 ns against 100 ns, 0.107 GB/s against 0.160 GB/s in place).',
    );
    const slowerInPlace = read([16, 100, 150], [64, 100, 125]);
    expect(describeZeroCopy(slowerInPlace)).toBe(
      "At no size did the glue's copies clearly cost more than the kernel itself, and the copying call was never the slower one.",
    );
  });

  it('says "no clear difference" when the two ways are within the clear ratio everywhere', () => {
    const reading = read([16, 110, 100], [64, 100, 110]);
    expect(reading.verdict).toBe('no-clear-difference');
    expect(describeZeroCopy(reading)).toBe(
      "No clear difference on this machine: at every size the two calls took within 1.2× of each other's time " +
        '(at 16 B 110 ns against 100 ns in place (1.1×); at 64 B 100 ns against 110 ns in place (0.9×)).',
    );
  });
});

describe('validateSizePoints', () => {
  it('refuses empty, unordered and impossible sweeps', () => {
    expect(() => validateSizePoints([])).toThrow(/at least one size/);
    expect(() => validateSizePoints(points([64, 1, 1], [16, 1, 1]))).toThrow(/increasing/);
    expect(() => validateSizePoints(points([16, 0, 1]))).toThrow(/finite and positive/);
    expect(() => validateSizePoints(points([16, 1, Number.NaN]))).toThrow(/finite and positive/);
    expect(() => validateSizePoints(points([16, 1, 1]))).not.toThrow();
  });
});
