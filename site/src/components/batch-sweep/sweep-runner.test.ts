import { describe, expect, it } from 'vitest';
import type { LearnerPoint } from './sweep-protocol.ts';
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

describe("runSweep with the learner's kernel", () => {
  it("checks, then times it after the lesson's methods at each batch size", () => {
    const base = plan();
    let time = 0;
    const order: string[] = [];
    const seen: (LearnerPoint | undefined)[] = [];
    /** A pass that takes `ms`, notes its name and returns `value`. */
    const pass = (name: string, ms: number, value: number) => () => {
      time += ms;
      order.push(name);
      return value;
    };
    runSweep({
      ...base,
      now: () => time,
      passes: { perElement: pass('perElement', 1, 10), batched: pass('batched', 1, 10), plainJs: pass('plainJs', 1, 10) },
      learner: {
        check: () => {
          order.push('check');
          return null;
        },
        lessonPass: pass('lessonBuild', 1, 10),
        // Twice the lesson's time: 2 ms per pass over 8 elements.
        pass: pass('learner', 2, 10.002),
      },
      onPoint: (_point, _index, learner) => seen.push(learner),
    });
    expect(seen.map((point) => point?.ok)).toEqual([true, true, true, true]);
    expect(seen[0]).toEqual({ batchSize: 1, lessonNs: 125_000, ok: true, ns: 250_000 });
    const firstBatch = order.slice(0, order.indexOf('check') + 2);
    expect(firstBatch.filter((name, index) => name !== firstBatch[index - 1])).toEqual([
      'perElement',
      'batched',
      'plainJs',
      'lessonBuild',
      'check',
      'learner',
    ]);
  });

  it('does not time a kernel whose batch disagrees, and records the batch and both results', () => {
    let timed = 0;
    let time = 0;
    const seen: (LearnerPoint | undefined)[] = [];
    runSweep({
      ...plan(),
      now: () => {
        time += 10;
        return time;
      },
      learner: {
        check: (size) => (size < 4 ? { start: 0, length: size, got: 0, expected: 0.75 } : null),
        lessonPass: () => 10,
        pass: () => {
          timed += 1;
          return 10;
        },
      },
      onPoint: (_point, _index, learner) => seen.push(learner),
    });
    expect(seen[0]).toMatchObject({ batchSize: 1, ok: false, start: 0, length: 1, got: 0, expected: 0.75 });
    expect(seen[0]?.lessonNs).toBeGreaterThan(0);
    expect(seen[1]?.ok).toBe(false);
    expect(seen[2]?.ok).toBe(true);
    expect(timed).toBeGreaterThan(0);
  });

  it('counts a kernel as wrong when its timed passes stop agreeing', () => {
    let calls = 0;
    let time = 0;
    const seen: (LearnerPoint | undefined)[] = [];
    runSweep({
      ...plan({ batchSizes: [8] }),
      now: () => {
        time += 10;
        return time;
      },
      learner: {
        check: () => null,
        lessonPass: () => 10,
        pass: () => {
          calls += 1;
          return calls > 3 ? 99 : 10;
        },
      },
      onPoint: (_point, _index, learner) => seen.push(learner),
    });
    expect(seen[0]).toMatchObject({ ok: false, got: 99, expected: 10 });
  });

  it("stops the sweep when the lesson's own runner build disagrees", () => {
    let time = 0;
    expect(() =>
      runSweep({
        ...plan({ batchSizes: [8] }),
        now: () => {
          time += 10;
          return time;
        },
        learner: { check: () => null, lessonPass: () => 42, pass: () => 10 },
      }),
    ).toThrow(/Results disagree: batched at batch size 8 computed 42/);
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
