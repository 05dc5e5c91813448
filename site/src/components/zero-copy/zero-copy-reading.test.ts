import { describe, expect, it } from 'vitest';
import { describeZeroCopy, readZeroCopy, validateSizePoints } from './zero-copy-reading.ts';
import { points, typicalResult } from './zero-copy-result.fixture.ts';

const read = (...rows: [number, number, number][]) => readZeroCopy(points(...rows));
const sizesOf = (runs: { bytes: number }[][]) => runs.map((run) => run.map((point) => point.bytes));

describe('readZeroCopy', () => {
  it('finds the sizes up to which the copies cost more than the kernel, and their share above them', () => {
    const reading = readZeroCopy(typicalResult.points);
    expect(reading.verdict).toBe('dearer-up-to');
    expect(sizesOf(reading.dearer)).toEqual([[16, 1024]]);
    expect(describeZeroCopy(reading)).toBe(
      "Up to 1 KiB the glue's copies cost more than the kernel itself. At 16 B the copying call took 210 ns against 22.0 ns in " +
        "place (9.5×). From 64 KiB to 16 MiB they were 36% to 53% of the copying call's time. At 16 MiB it took 6.10 ms " +
        'against 3.90 ms in place (2.75 against 4.30 GB/s).',
    );
  });

  it('needs the copies to exceed the kernel by the clear ratio, not by a hair', () => {
    // 2.3× is copies of 1.3 kernels: clear. 2.1× is copies of 1.1 kernels: not clear.
    expect(read([16, 230, 100], [64, 210, 100]).verdict).toBe('dearer-up-to');
    expect(read([16, 210, 100], [64, 230, 100]).verdict).toBe('dearer-from');
  });

  it('says when the copies cost more at every size', () => {
    const reading = read([16, 300, 100], [64, 900, 200]);
    expect(reading.verdict).toBe('dearer-everywhere');
    expect(describeZeroCopy(reading)).toBe(
      "At every size from 16 B to 64 B the glue's copies cost more than the kernel itself. At 16 B the copying call took 300 ns " +
        "against 100 ns in place (3.0×). At 64 B they were 78% of the copying call's time; it took 900 ns against 200 ns in " +
        'place (0.0711 against 0.320 GB/s).',
    );
  });

  it('says from which size on the copies cost more, or that only the largest did', () => {
    const from = read([16, 150, 100], [64, 250, 100], [256, 500, 100]);
    expect(from.verdict).toBe('dearer-from');
    expect(describeZeroCopy(from)).toBe(
      "From 64 B on the glue's copies cost more than the kernel itself. At 256 B they were 80% of the copying call's time; it " +
        "took 500 ns against 100 ns in place (0.512 against 2.56 GB/s). At 16 B they were 33% of the copying call's time.",
    );
    expect(describeZeroCopy(read([16, 150, 100], [64, 200, 100], [256, 500, 100]))).toBe(
      "At the largest size, 256 B, the glue's copies cost more than the kernel itself: they were 80% of the copying call's " +
        'time; it took 500 ns against 100 ns in place (0.512 against 2.56 GB/s). From 16 B to 64 B they were 33% to 50% of ' +
        "the copying call's time.",
    );
  });

  it('says when the copies cost more at both ends, the fixed costs at one and the bytes at the other', () => {
    const reading = read([16, 500, 100], [64, 300, 100], [256, 150, 100], [1024, 160, 100], [4096, 500, 100]);
    expect(reading.verdict).toBe('dearer-at-both-ends');
    expect(sizesOf(reading.dearer)).toEqual([[16, 64], [4096]]);
    expect(describeZeroCopy(reading)).toBe(
      "From 16 B to 64 B, and again at 4 KiB, the glue's copies cost more than the kernel itself: at the small end that is most " +
        "likely the call's fixed costs (an allocation, a free and a call back into JavaScript to copy the result out), at the " +
        'large end moving the bytes. At 16 B the copying call took 500 ns against 100 ns in place (5.0×). At 4 KiB they were ' +
        "80% of the copying call's time; it took 500 ns against 100 ns in place (8.19 against 41.0 GB/s). In between, from " +
        "256 B to 1 KiB they were 33% to 38% of the copying call's time.",
    );
  });

  it('says when the sizes at which the copies cost more follow no pattern', () => {
    const reading = read([16, 150, 100], [64, 500, 100], [256, 150, 100], [1024, 500, 100], [4096, 150, 100]);
    expect(reading.verdict).toBe('dearer-at-some');
    expect(describeZeroCopy(reading)).toBe(
      "At 64 B and at 1 KiB the glue's copies cost more than the kernel itself, but not at the sizes between, a pattern that " +
        "does not follow the size: run it again to see which part is noise. At 4 KiB they were 33% of the copying call's time; " +
        'it took 150 ns against 100 ns in place (27.3 against 41.0 GB/s).',
    );
  });

  it('says when the copies never cost more than the kernel, with their largest share', () => {
    const never = read([16, 150, 100], [64, 130, 120]);
    expect(never).toMatchObject({ verdict: 'never-dearer', mostShare: { bytes: 16 } });
    expect(describeZeroCopy(never)).toBe(
      "At no size did the glue's copies clearly cost more than the kernel itself. Their largest share of the copying call's " +
        'time was 33%, at 16 B; it took 150 ns against 100 ns in place (0.107 against 0.160 GB/s).',
    );
    expect(describeZeroCopy(read([16, 100, 150], [64, 100, 125]))).toBe(
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
