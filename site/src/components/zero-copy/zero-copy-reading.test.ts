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
        "place (9.5×). From 64 KiB to 16 MiB they were 36% to 53% of the copying call's time; at 16 MiB it took 6.10 ms against " +
        '3.90 ms in place (2.75 against 4.30 GB/s).',
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
    expect(describeZeroCopy(everywhere)).toBe(
      "The glue's copies cost more than the kernel at every size from 16 B to 64 B: at 16 B the copying call took 300 ns against " +
        "100 ns in place (3.0×). At 64 B they were 78% of the copying call's time; it took 900 ns against 200 ns in place " +
        '(0.0711 against 0.320 GB/s).',
    );
    const from = read([16, 150, 100], [64, 200, 100], [256, 500, 100]);
    expect(from).toMatchObject({ verdict: 'dearer-from', dearer: [256] });
    expect(describeZeroCopy(from)).toBe(
      "From 256 B on the glue's copies cost more than the kernel itself. At 256 B they were 80% of the copying call's time; " +
        'it took 500 ns against 100 ns in place (0.512 against 2.56 GB/s). Below 256 B, from 16 B to 64 B they were 33% to 50% ' +
        "of the copying call's time.",
    );
    const scattered = read([16, 500, 100], [64, 150, 100], [256, 500, 100]);
    expect(scattered).toMatchObject({ verdict: 'dearer-at-some', dearer: [16, 256] });
    expect(describeZeroCopy(scattered)).toMatch(
      /^The glue's copies cost more than the kernel at 16 B and 256 B but not at the sizes between them, which is more noise than pattern: run it again\. At 256 B they were 80%/,
    );
  });

  it('says when the copies never cost more than the kernel, with their largest share', () => {
    const never = read([16, 150, 100], [64, 130, 120]);
    expect(never).toMatchObject({ verdict: 'never-dearer', mostShare: { bytes: 16 } });
    expect(describeZeroCopy(never)).toBe(
      "At no size did the glue's copies clearly cost more than the kernel itself. Their largest share of the copying call's " +
        'time was 33%, at 16 B; it took 150 ns against 100 ns in place (0.107 against 0.160 GB/s).',
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
