import { describe, expect, it } from 'vitest';
import { distribution, percentileCurve } from './batch-percentiles.ts';

const oneToThousand = Array.from({ length: 1000 }, (_, index) => 1000 - index);

describe('distribution', () => {
  it('gives nearest-rank percentiles: times a batch really took', () => {
    expect(distribution(oneToThousand)).toEqual({ count: 1000, p50: 500, p90: 900, p99: 990, p999: 999, max: 1000 });
    expect(distribution([0.3, 0.1, 0.2])).toEqual({ count: 3, p50: 0.2, p90: 0.3, p99: 0.3, p999: 0.3, max: 0.3 });
    expect(distribution(new Float64Array([4]))).toEqual({ count: 1, p50: 4, p90: 4, p99: 4, p999: 4, max: 4 });
  });

  it('keeps a zero (a batch shorter than one clock step) and rejects impossible times', () => {
    expect(distribution([0, 0, 1]).p50).toBe(0);
    expect(() => distribution([])).toThrow(/No batch times/);
    expect(() => distribution([1, Number.NaN])).toThrow(/finite number >= 0/);
    expect(() => distribution([-1])).toThrow(RangeError);
  });
});

describe('percentileCurve', () => {
  it('runs from the fastest batch to the slowest, ten points per power of ten of 1 / (1 - p)', () => {
    const curve = percentileCurve(oneToThousand);
    // Steps 0..29 (1 / (1 - p) from 1 to about 794), then the maximum.
    expect(curve).toHaveLength(31);
    expect(curve[0]).toEqual({ percentile: 0, ms: 1 });
    expect(curve[10]).toEqual({ percentile: 90, ms: 900 });
    expect(curve[20]).toEqual({ percentile: 99, ms: 990 });
    expect(curve.at(-1)).toEqual({ percentile: 99.9, ms: 1000 });
    for (let i = 1; i < curve.length; i += 1) {
      expect((curve[i]?.percentile ?? 0) > (curve[i - 1]?.percentile ?? 0)).toBe(true);
      expect((curve[i]?.ms ?? 0) >= (curve[i - 1]?.ms ?? 0)).toBe(true);
    }
  });

  it('is the maximum alone for a single batch', () => {
    expect(percentileCurve([2])).toEqual([{ percentile: 0, ms: 2 }]);
  });
});
