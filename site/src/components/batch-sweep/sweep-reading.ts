import { formatCount, formatNs, formatRatio } from './sweep-format.ts';
import type { SweepPoint } from './sweep-protocol.ts';

/**
 * The lesson's cost model fitted to the batched series: ns per element = fixedNs / batchSize + perElementNs,
 * F / B + w in the lesson's words.
 */
export interface SweepFit {
  /** F: the fixed cost of one batched call, whatever its length (ns). */
  fixedNs: number;
  /** w: what each element costs on its own (ns). */
  perElementNs: number;
  /** Batch sizes the final fit used. */
  used: number[];
  /** The batch size left out as the one point furthest from the first fit, or null when none was. */
  dropped: number | null;
}

/** Where the fit says batching stops paying: the fixed cost per element falls to `share` of w. */
export interface SweepKnee {
  /** p in F / B <= p * w. */
  share: number;
  /** F / (p * w): the batch size the model gives, not rounded. */
  threshold: number;
  /**
   * The smallest measured batch size at or past `threshold` (among those the fit describes), or null when the
   * threshold lies beyond the largest size measured. Rounding up to a measured size (powers of two) can land
   * up to twice past the threshold.
   */
  batchSize: number | null;
}

/** What the sweep says about batching, computed from its points. */
export interface SweepReading {
  /**
   * Smallest batch size from which batched calls are faster than per-element calls at every larger
   * measured size too; null when batched calls are not faster at the largest size.
   */
  crossover: number | null;
  /** Fastest batched measurement (shown, never used to place the knee: one lucky point must not move it). */
  best: { batchSize: number; ns: number };
  /** The fit of F / B + w to the batched series, or null when there are too few points to fit. */
  fit: SweepFit | null;
  /**
   * The knee read from the fit, or null when the fit found no fixed cost that stands out of the noise
   * (F or w not positive): then the batch size made no difference the measurement can see.
   */
  knee: SweepKnee | null;
  /** The largest batch size and per-element / batched time there. */
  largest: { batchSize: number; perElement: number; batched: number; plainJs: number };
}

/**
 * Smallest batch size the fit uses. Below it the kernel never enters its 8-lane loop and runs only its scalar
 * tail (kernel.rs, LANES), so those points differ in more than the number of calls; the Go program's fit
 * starts at the same size.
 */
export const FIT_FROM_BATCH = 8;

/** The share p of the lesson's rule F / B <= p * w; the Go program's reading uses the same 5%. */
export const KNEE_SHARE = 0.05;

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

/**
 * Least squares of ns against 1/B, each point weighted by 1/ns² (that is, on relative errors): timing noise
 * grows with the time measured, and plain least squares would let the slow small batches decide everything.
 * Null when the points do not pin down a line (fewer than two distinct batch sizes).
 */
function weightedLine(points: readonly SweepPoint[]): { fixedNs: number; perElementNs: number } | null {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const point of points) {
    const weight = 1 / (point.batched * point.batched);
    const x = 1 / point.batchSize;
    sw += weight;
    sx += weight * x;
    sy += weight * point.batched;
    sxx += weight * x * x;
    sxy += weight * x * point.batched;
  }
  const determinant = sw * sxx - sx * sx;
  if (!(determinant > 0) || points.length < 2) return null;
  const fixedNs = (sw * sxy - sx * sy) / determinant;
  return { fixedNs, perElementNs: (sy - fixedNs * sx) / sw };
}

/**
 * Fits F / B + w to the batched series from FIT_FROM_BATCH up (all points when fewer than three are that
 * large). Resistant to one bad point: with five or more points, the point furthest from the first fit
 * (relative to the fitted time) is left out and the line fitted again, so one lucky or unlucky sample
 * cannot move F or w much.
 */
export function fitSweep(points: readonly SweepPoint[]): SweepFit | null {
  const large = points.filter((point) => point.batchSize >= FIT_FROM_BATCH);
  const candidates = large.length >= 3 ? large : points;
  const first = weightedLine(candidates);
  if (!first) return null;
  let used = candidates;
  let dropped: number | null = null;
  if (candidates.length >= 5) {
    let worst = -1;
    let worstResidual = -1;
    candidates.forEach((point, index) => {
      const predicted = first.fixedNs / point.batchSize + first.perElementNs;
      const residual = Math.abs(point.batched - predicted) / Math.max(Math.abs(predicted), Number.MIN_VALUE);
      if (residual > worstResidual) {
        worstResidual = residual;
        worst = index;
      }
    });
    used = candidates.filter((_, index) => index !== worst);
    dropped = (candidates[worst] as SweepPoint).batchSize;
  }
  const line = weightedLine(used) ?? first;
  return { ...line, used: used.map((point) => point.batchSize), dropped };
}

/** Reads the knee from a fit: the first measured size (that the fit describes) where F / B <= share * w. */
function kneeFromFit(fit: SweepFit | null, points: readonly SweepPoint[], share: number): SweepKnee | null {
  if (!fit || !(fit.fixedNs > 0) || !(fit.perElementNs > 0)) return null;
  const threshold = fit.fixedNs / (share * fit.perElementNs);
  const described = Math.min(...fit.used);
  const at = points.find((point) => point.batchSize >= described && point.batchSize >= threshold);
  return { share, threshold, batchSize: at ? at.batchSize : null };
}

/** Computes the crossover, the fit and the knee of a sweep (see SweepReading). */
export function readSweep(points: readonly SweepPoint[], share = KNEE_SHARE): SweepReading {
  validatePoints(points);
  if (!(share > 0) || !Number.isFinite(share)) {
    throw new RangeError(`share must be a finite number > 0, got ${share}.`);
  }
  const crossoverIndex = firstIndexFromWhichAll(points, (point) => point.batched < point.perElement);
  let best = points[0] as SweepPoint;
  for (const point of points) if (point.batched < best.batched) best = point;
  const fit = fitSweep(points);
  const last = points[points.length - 1] as SweepPoint;
  return {
    crossover: crossoverIndex < 0 ? null : (points[crossoverIndex] as SweepPoint).batchSize,
    best: { batchSize: best.batchSize, ns: best.batched },
    fit,
    knee: kneeFromFit(fit, points, share),
    largest: { batchSize: last.batchSize, perElement: last.perElement, batched: last.batched, plainJs: last.plainJs },
  };
}

function perCall(batchSize: number): string {
  return batchSize === 1 ? '1 element per call' : `${formatCount(batchSize)} elements per call`;
}

/** The sentence about the fit and the knee. */
function describeKnee(reading: SweepReading): string {
  const { fit, knee, largest } = reading;
  if (!fit) return 'Too few batch sizes were measured to fit F / B + w.';
  if (!knee) {
    const from = Math.min(...fit.used);
    return (
      `Fitting F / B + w to the batched calls from ${perCall(from)} up finds no fixed cost per call that stands ` +
      'out of the noise: on this run the batch size made no measurable difference there.'
    );
  }
  const percent = `${Math.round(knee.share * 100)}%`;
  const model =
    `Fitting F / B + w to the batched calls gives F ≈ ${formatNs(fit.fixedNs)} ns per call and ` +
    `w ≈ ${formatNs(fit.perElementNs)} ns per element`;
  const about = formatCount(Math.round(knee.threshold));
  const threshold = `F / B falls to ${percent} of w at about ${about} elements per call`;
  if (knee.batchSize === null) {
    return `${model}; ${threshold}, beyond the largest size measured (${perCall(largest.batchSize)}).`;
  }
  const saving = `${model}; ${threshold}, so from ${perCall(knee.batchSize)} up a larger batch saves less than ${percent} per element.`;
  if (knee.batchSize <= Math.round(knee.threshold)) return saving;
  return (
    `${saving} (${formatCount(knee.batchSize)} is the first size measured at or past ${about}; ` +
    'rounding up to a measured size can land up to twice past the threshold.)'
  );
}

/** One or two plain sentences stating the reading, with the numbers behind it. */
export function describeReading(reading: SweepReading): string {
  const { crossover, largest } = reading;
  const knee = describeKnee(reading);
  if (crossover === null) {
    return (
      `No crossover on this run: at ${perCall(largest.batchSize)} batched calls took ` +
      `${formatNs(largest.batched)} ns per element against ${formatNs(largest.perElement)} ns for per-element calls, ` +
      `so batching did not pay off here. ${knee}`
    );
  }
  const speedup = formatRatio(largest.perElement / largest.batched);
  const from =
    crossover === 1
      ? 'Batched calls were faster than per-element calls at every batch size on this machine, even at 1 element per call'
      : `Batching pays off from ${perCall(crossover)} on this machine: from there up, batched calls beat per-element calls`;
  return `${from} (${speedup} faster at ${perCall(largest.batchSize)}). ${knee}`;
}
