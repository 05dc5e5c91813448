import type { SweepPoint } from './sweep-protocol.ts';
import { formatCount, formatNs, formatRatio } from './sweep-format.ts';

/** What the sweep says about batching, computed from its points. */
export interface SweepReading {
  /**
   * Smallest batch size from which batched calls are faster than per-element calls at every larger
   * measured size too; null when batched calls are not faster at the largest size.
   */
  crossover: number | null;
  /** Fastest batched measurement. */
  best: { batchSize: number; ns: number };
  /**
   * Smallest batch size from which batched calls stay within `nearBestFraction` of `best.ns`
   * (`stays` true); when a larger batch size is slower again, the first size within it (`stays` false).
   */
  nearBest: { batchSize: number; stays: boolean };
  nearBestFraction: number;
  /** The largest batch size and per-element / batched time there. */
  largest: { batchSize: number; perElement: number; batched: number; plainJs: number };
}

/** Throws unless points are non-empty, sorted by strictly increasing batch size, with finite positive times. */
export function validatePoints(points: readonly SweepPoint[]): void {
  if (points.length === 0) throw new RangeError('A sweep needs at least one point.');
  let previous = 0;
  for (const point of points) {
    if (!Number.isSafeInteger(point.batchSize) || point.batchSize <= previous) {
      throw new RangeError(`Batch sizes must be increasing positive integers; got ${point.batchSize} after ${previous}.`);
    }
    previous = point.batchSize;
    for (const value of [point.perElement, point.batched, point.plainJs]) {
      if (!Number.isFinite(value) || value <= 0) {
        throw new RangeError(`Times must be finite and positive; got ${value} at batch size ${point.batchSize}.`);
      }
    }
  }
}

/** The first index from which `holds` is true for every later point as well, or -1. */
function firstIndexFromWhichAll(points: readonly SweepPoint[], holds: (point: SweepPoint) => boolean): number {
  let index = points.length;
  while (index > 0 && holds(points[index - 1] as SweepPoint)) index -= 1;
  return index === points.length ? -1 : index;
}

/** Computes the crossover and near-best batch sizes of a sweep (see SweepReading). */
export function readSweep(points: readonly SweepPoint[], nearBestFraction = 0.1): SweepReading {
  validatePoints(points);
  if (!(nearBestFraction >= 0) || !Number.isFinite(nearBestFraction)) {
    throw new RangeError(`nearBestFraction must be a finite number >= 0, got ${nearBestFraction}.`);
  }
  const crossoverIndex = firstIndexFromWhichAll(points, (point) => point.batched < point.perElement);
  let best = points[0] as SweepPoint;
  for (const point of points) if (point.batched < best.batched) best = point;
  const limit = best.batched * (1 + nearBestFraction);
  const nearBestIndex = firstIndexFromWhichAll(points, (point) => point.batched <= limit);
  const firstNear = points.find((point) => point.batched <= limit) ?? best;
  const last = points[points.length - 1] as SweepPoint;
  return {
    crossover: crossoverIndex < 0 ? null : (points[crossoverIndex] as SweepPoint).batchSize,
    best: { batchSize: best.batchSize, ns: best.batched },
    nearBest:
      nearBestIndex < 0
        ? { batchSize: firstNear.batchSize, stays: false }
        : { batchSize: (points[nearBestIndex] as SweepPoint).batchSize, stays: true },
    nearBestFraction,
    largest: { batchSize: last.batchSize, perElement: last.perElement, batched: last.batched, plainJs: last.plainJs },
  };
}

function perCall(batchSize: number): string {
  return batchSize === 1 ? '1 element per call' : `${formatCount(batchSize)} elements per call`;
}

/** One or two plain sentences stating the reading, with the numbers behind it. */
export function describeReading(reading: SweepReading): string {
  const { crossover, best, nearBest, nearBestFraction, largest } = reading;
  const percent = `${Math.round(nearBestFraction * 100)}%`;
  const bestAt = `${formatNs(best.ns)} ns per element at ${perCall(best.batchSize)}`;
  const near = nearBest.stays
    ? `Batched calls stay within ${percent} of their best (${bestAt}) from ${perCall(nearBest.batchSize)} up.`
    : `Batched calls first come within ${percent} of their best (${bestAt}) at ${perCall(nearBest.batchSize)}, ` +
      `but are slower again at ${perCall(largest.batchSize)}.`;
  if (crossover === null) {
    return (
      `No crossover on this run: at ${perCall(largest.batchSize)} batched calls took ` +
      `${formatNs(largest.batched)} ns per element against ${formatNs(largest.perElement)} ns for per-element calls, ` +
      `so batching did not pay off here. ${near}`
    );
  }
  const speedup = formatRatio(largest.perElement / largest.batched);
  const from =
    crossover === 1
      ? 'Batched calls were faster than per-element calls at every batch size on this machine, even at 1 element per call'
      : `Batching pays off from ${perCall(crossover)} on this machine: from there up, batched calls beat per-element calls`;
  return `${from} (${speedup} faster at ${perCall(largest.batchSize)}). ${near}`;
}
