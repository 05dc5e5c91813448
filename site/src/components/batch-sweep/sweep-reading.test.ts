import { describe, expect, it } from 'vitest';
import type { SweepPoint } from './sweep-protocol.ts';
import { describeReading, FIT_FROM_BATCH, fitSweep, readSweep, validatePoints } from './sweep-reading.ts';

function points(perElement: number[], batched: number[], plainJs?: number[]): SweepPoint[] {
  return batched.map((ns, index) => ({
    batchSize: 2 ** index,
    perElement: perElement[index] ?? 1,
    batched: ns,
    plainJs: plainJs?.[index] ?? 1,
  }));
}

/** A small deterministic generator (mulberry32), so the noisy sweeps are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A sweep like the demo's (batch sizes 1 to 65,536) that follows F / B + w from 8 up, with every time off by
 * up to `noise` (a fraction) in either direction; below 8 the scalar tail adds `tailNs` per element.
 */
function modelSweep(fixedNs: number, perElementNs: number, { noise = 0, seed = 1, tailNs = 0 } = {}): SweepPoint[] {
  const next = random(seed);
  const sweep: SweepPoint[] = [];
  for (let batchSize = 1; batchSize <= 65536; batchSize *= 2) {
    const exact = fixedNs / batchSize + perElementNs + (batchSize < FIT_FROM_BATCH ? tailNs : 0);
    sweep.push({ batchSize, perElement: fixedNs * 1.5, batched: exact * (1 + noise * (2 * next() - 1)), plainJs: 1 });
  }
  return sweep;
}

/** The sweep with the batched time at `batchSize` multiplied by `factor`. */
function withPoint(sweep: SweepPoint[], batchSize: number, factor: number): SweepPoint[] {
  return sweep.map((point) => (point.batchSize === batchSize ? { ...point, batched: point.batched * factor } : point));
}

describe('readSweep: the crossover with per-element calls', () => {
  it('finds the batch size from which batched calls stay faster', () => {
    // Batched dips below per-element at 2, goes above again at 4, and stays below from 8.
    const reading = readSweep(points([5, 5, 5, 5, 5, 5], [20, 4, 6, 3, 1.05, 1]));
    expect(reading.crossover).toBe(8);
    expect(reading.best).toEqual({ batchSize: 32, ns: 1 });
    expect(reading.largest.batchSize).toBe(32);
  });

  it('reports no crossover when batched calls are slower at the largest size', () => {
    const reading = readSweep(points([2, 2, 2], [9, 1, 3]));
    expect(reading.crossover).toBeNull();
    expect(describeReading(reading)).toMatch(/^No crossover on this run/);
  });

  it('says when batched calls win from the very first size', () => {
    const reading = readSweep(points([5, 5], [4, 1]));
    expect(reading.crossover).toBe(1);
    expect(describeReading(reading)).toMatch(/every batch size/);
  });

  it('handles a single point', () => {
    const reading = readSweep(points([3], [1]));
    expect(reading.crossover).toBe(1);
    expect(reading.best).toEqual({ batchSize: 1, ns: 1 });
    expect(reading.fit).toBeNull();
    expect(describeReading(reading)).toMatch(/Too few batch sizes/);
    expect(readSweep(points([1], [3])).crossover).toBeNull();
  });

  it('treats equal times as no win', () => {
    expect(readSweep(points([2, 2], [3, 2])).crossover).toBeNull();
  });
});

describe('fitSweep: F / B + w', () => {
  it('recovers F and w from an exact curve, using the sizes from 8 up only', () => {
    const fit = fitSweep(modelSweep(40, 0.2, { tailNs: 3 }));
    expect(fit?.fixedNs).toBeCloseTo(40, 6);
    expect(fit?.perElementNs).toBeCloseTo(0.2, 9);
    expect(Math.min(...(fit?.used ?? []))).toBeGreaterThanOrEqual(FIT_FROM_BATCH);
  });

  it('stays close on noisy sweeps', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const fit = fitSweep(modelSweep(40, 0.2, { noise: 0.05, seed }));
      expect(fit?.fixedNs, `seed ${seed}`).toBeGreaterThan(40 * 0.85);
      expect(fit?.fixedNs, `seed ${seed}`).toBeLessThan(40 * 1.15);
      expect(fit?.perElementNs, `seed ${seed}`).toBeGreaterThan(0.2 * 0.9);
      expect(fit?.perElementNs, `seed ${seed}`).toBeLessThan(0.2 * 1.1);
    }
  });

  it('leaves out one point far off the curve', () => {
    const fit = fitSweep(withPoint(modelSweep(40, 0.2), 256, 3));
    expect(fit?.dropped).toBe(256);
    expect(fit?.fixedNs).toBeCloseTo(40, 6);
    expect(fit?.perElementNs).toBeCloseTo(0.2, 9);
  });

  it('falls back to every point when fewer than three are 8 or larger', () => {
    const fit = fitSweep(points([9, 9, 9], [11, 6, 3.5]));
    expect(fit?.used).toEqual([1, 2, 4]);
    expect(fit?.fixedNs).toBeCloseTo(10, 9);
    expect(fit?.perElementNs).toBeCloseTo(1, 9);
  });
});

describe('readSweep: the knee read from the fit', () => {
  it('names the first measured size where F / B is at most 5% of w', () => {
    // 40 / (0.05 * 0.2) = 4,000 elements per call; the first power of two past it is 4,096.
    const reading = readSweep(modelSweep(40, 0.2, { noise: 0.03, seed: 7 }));
    expect(reading.knee?.batchSize).toBe(4096);
    expect(reading.knee?.threshold).toBeGreaterThan(3400);
    expect(reading.knee?.threshold).toBeLessThan(4096);
  });

  it('is not moved by one tail point that happened to be a little faster', () => {
    // The reading this replaces said "within 10% of their best from 65,536 elements per call up"
    // because the last point was the fastest. The model puts the knee where it was.
    for (const factor of [0.9, 0.8, 0.6]) {
      const sweep = withPoint(modelSweep(40, 0.2, { noise: 0.02, seed: 3 }), 65536, factor);
      const reading = readSweep(sweep);
      expect(reading.best.batchSize, `factor ${factor}`).toBe(65536);
      expect(reading.knee?.batchSize, `factor ${factor}`).toBe(4096);
      expect(describeReading(reading), `factor ${factor}`).not.toMatch(/from 65,536 elements per call/);
    }
  });

  it('is not moved by one slow point in the tail either', () => {
    const reading = readSweep(withPoint(modelSweep(40, 0.2, { noise: 0.02, seed: 5 }), 16384, 1.5));
    expect(reading.fit?.dropped).toBe(16384);
    expect(reading.knee?.batchSize).toBe(4096);
  });

  it('says the measured size can be up to twice the threshold', () => {
    // F / (p * w) = 41 / (0.05 * 0.4) = 2,050: just past 2,048, so the reading names 4,096.
    const reading = readSweep(modelSweep(41, 0.4));
    expect(reading.knee?.threshold).toBeCloseTo(2050, 6);
    expect(reading.knee?.batchSize).toBe(4096);
    expect(describeReading(reading)).toMatch(
      'F ≈ 41.0 ns per call and w ≈ 0.40 ns per element; F / B falls to 5% of w at about 2,050 elements per call, ' +
        'so from 4,096 elements per call up a larger batch saves less than 5% per element. (4,096 is the first size ' +
        'measured at or past 2,050; rounding up to a measured size can land up to twice past the threshold.)',
    );
  });

  it('says when the threshold lies beyond the largest size measured', () => {
    const reading = readSweep(modelSweep(2000, 0.2));
    expect(reading.knee?.batchSize).toBeNull();
    expect(describeReading(reading)).toMatch(/beyond the largest size measured \(65,536 elements per call\)/);
  });

  it('says there is no difference when the fit finds no fixed cost', () => {
    // Every batch size costs the same, up to noise: F comes out near zero or negative.
    const flat = modelSweep(0, 0.5, { noise: 0.04, seed: 11 }).map((point) => ({ ...point, perElement: 0.6 }));
    const reading = readSweep(flat);
    const fit = reading.fit;
    expect(fit).not.toBeNull();
    if (fit && fit.fixedNs > 0) {
      // A tiny positive F is a knee at or below 8 elements: no difference the sweep can show either.
      expect(reading.knee?.batchSize).toBe(8);
    } else {
      expect(reading.knee).toBeNull();
      expect(describeReading(reading)).toMatch(/made no measurable difference/);
    }
  });

  it('says there is no difference when F is negative', () => {
    const rising = points([9, 9, 9, 9, 9, 9, 9], [1, 1, 1, 0.98, 0.99, 1.0, 1.02]);
    const reading = readSweep(rising);
    expect(reading.knee).toBeNull();
    expect(describeReading(reading)).toMatch(/no fixed cost per call that stands out of the noise/);
  });

  it('uses the given share', () => {
    // 40 / (0.5 * 0.2) = 400 elements per call: the first power of two past it is 512.
    expect(readSweep(modelSweep(40, 0.2), 0.5).knee?.batchSize).toBe(512);
    expect(describeReading(readSweep(modelSweep(40, 0.2), 0.5))).toMatch(/falls to 50% of w/);
    expect(() => readSweep(modelSweep(40, 0.2), 0)).toThrow(RangeError);
  });
});

describe('describeReading', () => {
  it('states the crossover, the speed-up at the largest size and the knee', () => {
    const sweep: SweepPoint[] = [8, 16, 32, 64, 128].map((batchSize) => ({
      batchSize,
      perElement: 4,
      batched: 16 / batchSize + 0.5,
      plainJs: 1,
    }));
    expect(describeReading(readSweep(sweep))).toBe(
      'Batching pays off from 8 elements per call on this machine: from there up, batched calls beat ' +
        'per-element calls (6.4× faster at 128 elements per call). Fitting F / B + w to the batched calls gives ' +
        'F ≈ 16.0 ns per call and w ≈ 0.50 ns per element; F / B falls to 5% of w at about 640 elements per call, ' +
        'beyond the largest size measured (128 elements per call).',
    );
  });
});

describe('validatePoints', () => {
  const good: SweepPoint = { batchSize: 1, perElement: 1, batched: 1, plainJs: 1 };

  it('rejects an empty sweep', () => {
    expect(() => validatePoints([])).toThrow(/at least one point/);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 0, -1])('rejects a time of %s', (value) => {
    expect(() => validatePoints([{ ...good, batched: value }])).toThrow(/finite and positive/);
    expect(() => readSweep([{ ...good, perElement: value }])).toThrow(RangeError);
  });

  it('rejects batch sizes out of order or not whole', () => {
    expect(() => validatePoints([{ ...good, batchSize: 2 }, good])).toThrow(/increasing/);
    expect(() => validatePoints([{ ...good, batchSize: 1.5 }])).toThrow(/increasing/);
  });
});
