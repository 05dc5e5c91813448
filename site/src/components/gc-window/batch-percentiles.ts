// Per-batch times summarised as a distribution: the percentiles the table shows and the curve the
// chart draws, by the nearest-rank method, so every number is a time one batch really took.

/** The percentiles the table shows besides the maximum. */
export const TABLE_PERCENTILES = [50, 90, 99, 99.9] as const;

/** Summary of a set of batch times, in ms. */
export interface Distribution {
  /** Batches timed. */
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** One point of a percentile curve: `ms` is the time that `percentile` % of the batches took at most. */
export interface CurvePoint {
  percentile: number;
  ms: number;
}

/** Sorted copy of the times; throws on an empty list or a time that is not a finite number >= 0. */
function sortedTimes(times: ArrayLike<number>): Float64Array {
  if (times.length === 0) throw new RangeError('No batch times to summarise.');
  const sorted = Float64Array.from(times);
  for (const time of sorted) {
    if (!Number.isFinite(time) || time < 0) throw new RangeError(`A batch time must be a finite number >= 0 ms, got ${time}.`);
  }
  return sorted.sort();
}

/** The p-th percentile (0 <= p <= 100) of sorted times, nearest rank: the smallest time with at least p % of the batches at or below it. */
function nearestRank(sorted: Float64Array, p: number): number {
  const rank = Math.ceil((sorted.length * p) / 100) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)] as number;
}

/** p50, p90, p99, p99.9 and the maximum of a set of batch times. */
export function distribution(times: ArrayLike<number>): Distribution {
  const sorted = sortedTimes(times);
  return {
    count: sorted.length,
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    p999: nearestRank(sorted, 99.9),
    max: sorted[sorted.length - 1] as number,
  };
}

/**
 * The percentile curve of a set of times, with `pointsPerDecade` points per power of ten of 1 / (1 - p),
 * the scale a latency chart uses so that p90, p99 and p99.9 are evenly spaced: percentiles 0, 20.6, 36.9,
 * ..., 90, ..., 99, ... up to the last one the count supports, and the maximum as the last point.
 */
export function percentileCurve(times: ArrayLike<number>, pointsPerDecade = 10): CurvePoint[] {
  const sorted = sortedTimes(times);
  const decades = Math.log10(sorted.length);
  const points: CurvePoint[] = [];
  // Past 1 - 1/count a percentile is the maximum: the curve stops there.
  for (let step = 0; step < decades * pointsPerDecade; step += 1) {
    const percentile = Number((100 * (1 - 10 ** (-step / pointsPerDecade))).toPrecision(12));
    points.push({ percentile, ms: nearestRank(sorted, percentile) });
  }
  points.push({ percentile: Number((100 * (1 - 1 / sorted.length)).toPrecision(12)), ms: sorted[sorted.length - 1] as number });
  return points;
}
