import { describe, expect, it } from 'vitest';
import type { SweepPoint } from './sweep-protocol.ts';
import { describeReading, readSweep, validatePoints } from './sweep-reading.ts';

function points(perElement: number[], batched: number[], plainJs?: number[]): SweepPoint[] {
  return batched.map((ns, index) => ({
    batchSize: 2 ** index,
    perElement: perElement[index] ?? 1,
    batched: ns,
    plainJs: plainJs?.[index] ?? 1,
  }));
}

describe('readSweep', () => {
  it('finds the batch size from which batched calls stay faster', () => {
    // Batched dips below per-element at 2, goes above again at 4, and stays below from 8.
    const reading = readSweep(points([5, 5, 5, 5, 5, 5], [20, 4, 6, 3, 1.05, 1]));
    expect(reading.crossover).toBe(8);
    expect(reading.best).toEqual({ batchSize: 32, ns: 1 });
    expect(reading.nearBest).toEqual({ batchSize: 16, stays: true });
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
    expect(reading.nearBest).toEqual({ batchSize: 1, stays: true });
    const single = readSweep(points([1], [3]));
    expect(single.crossover).toBeNull();
  });

  it('says when batched calls get slower again past their best', () => {
    const reading = readSweep(points([9, 9, 9, 9], [8, 2, 1, 1.5]));
    expect(reading.nearBest).toEqual({ batchSize: 4, stays: false });
    expect(describeReading(reading)).toMatch(/first come within 10% .* at 4 elements per call, but are slower again at 8/);
  });

  it('treats equal times as no win', () => {
    expect(readSweep(points([2, 2], [3, 2])).crossover).toBeNull();
  });

  it('uses the given near-best fraction', () => {
    const reading = readSweep(points([9, 9, 9], [4, 1.4, 1]), 0.5);
    expect(reading.nearBest.batchSize).toBe(2);
    expect(describeReading(reading)).toMatch(/within 50% of their best/);
  });
});

describe('describeReading', () => {
  it('states the crossover, the speed-up at the largest size and the near-best size', () => {
    const sweep: SweepPoint[] = [1, 2, 4, 8].map((batchSize, index) => ({
      batchSize: batchSize * 1024,
      perElement: 4,
      batched: [8, 2, 0.5, 0.5][index] as number,
      plainJs: 1,
    }));
    expect(describeReading(readSweep(sweep))).toBe(
      'Batching pays off from 2,048 elements per call on this machine: from there up, batched calls beat ' +
        'per-element calls (8.0× faster at 8,192 elements per call). Batched calls stay within 10% of their ' +
        'best (0.50 ns per element at 4,096 elements per call) from 4,096 elements per call up.',
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
