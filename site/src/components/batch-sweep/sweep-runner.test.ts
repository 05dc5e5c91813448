import { describe, expect, it } from 'vitest';
import { checkAgreement, runSweep, type SweepPlan } from './sweep-runner.ts';

function plan(overrides: Partial<SweepPlan> = {}): SweepPlan {
  let time = 0;
  const elements = 8;
  // Per-element costs 2 ms per pass whatever the batch size; batched costs 8/size + 0.5; JS costs 1.
  const cost = (ms: number, value: number) => {
    time += ms;
    return value;
  };
  return {
    elements,
    batchSizes: [1, 2, 4, 8],
    reference: { sum: 10, magnitude: 20 },
    now: () => time,
    minSampleMs: 5,
    repeats: 3,
    passes: {
      perElement: () => cost(2, 10),
      batched: (size) => cost(elements / size + 0.5, 10.001),
      plainJs: () => cost(1, 9.999),
    },
    ...overrides,
  };
}

describe('runSweep', () => {
  it('times each method at each batch size in ns per element', () => {
    const seen: number[] = [];
    const points = runSweep({ ...plan(), onPoint: (_point, index) => seen.push(index) });
    expect(points.map((point) => point.batchSize)).toEqual([1, 2, 4, 8]);
    expect(seen).toEqual([0, 1, 2, 3]);
    // 2 ms per pass over 8 elements = 250,000 ns per element.
    for (const point of points) expect(point.perElement).toBeCloseTo(250_000);
    expect(points[0]?.batched).toBeCloseTo((8.5 * 1e6) / 8);
    expect(points[3]?.batched).toBeCloseTo((1.5 * 1e6) / 8);
    expect(points[3]?.plainJs).toBeCloseTo(125_000);
  });

  it('fails when a method computes a different sum', () => {
    const wrong = plan();
    let calls = 0;
    expect(() =>
      runSweep({
        ...wrong,
        passes: {
          ...wrong.passes,
          batched: () => {
            calls += 1;
            return 12;
          },
        },
      }),
    ).toThrow(/Results disagree: batched at batch size 1 computed 12/);
    // The check runs before any timing, so a wrong kernel fails at once.
    expect(calls).toBe(1);
  });
});

describe('checkAgreement', () => {
  const reference = { sum: 100, magnitude: 1000 };

  it('accepts rounding within the tolerance of the magnitude', () => {
    expect(() => checkAgreement('batched', 4, 100.9, reference, 1e-3)).not.toThrow();
  });

  it('rejects results beyond it, and NaN or Infinity', () => {
    expect(() => checkAgreement('batched', 4, 101.1, reference, 1e-3)).toThrow(/disagree/);
    expect(() => checkAgreement('plainJs', 4, Number.NaN, reference, 1e-3)).toThrow(/disagree/);
    expect(() => checkAgreement('perElement', 4, Number.POSITIVE_INFINITY, reference, 1e-3)).toThrow(/disagree/);
  });
});
