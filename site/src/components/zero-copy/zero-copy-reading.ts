// The reading under the zero-copy demo, computed from the run's own numbers: at which sizes the glue's
// copies cost more than the kernel itself, and how much of the copying call they were at the largest.
import { formatRatio } from '../batch-sweep/sweep-format.ts';
import { copyShare, formatDuration, formatGbps, formatShare, formatVectorSize, gigabytesPerSecond } from './zero-copy-format.ts';
import type { SizePoint } from './zero-copy-protocol.ts';

/**
 * How far apart two times must be to count as different. Each time is a median of several samples, and
 * two runs on one machine still differ by up to about a tenth; twice that is a clear difference.
 */
export const CLEAR_RATIO = 1.2;

/** Where the copies cost more than the kernel: at every size, up to one, from one, at some, at none; or no difference at all. */
export type Verdict = 'dearer-everywhere' | 'dearer-up-to' | 'dearer-from' | 'dearer-at-some' | 'never-dearer' | 'no-clear-difference';

/** What the sweep says about copying, from its points. */
export interface ZeroCopyReading {
  verdict: Verdict;
  /** Sizes (bytes) at which the copies clearly cost more than the kernel: copied − in place ≥ CLEAR_RATIO × in place. */
  dearer: number[];
  smallest: SizePoint;
  largest: SizePoint;
  /** The size at which the copies were the largest share of the copying call. */
  mostShare: SizePoint;
}

/** Throws unless the points are non-empty, in strictly increasing size, with finite positive times. */
export function validateSizePoints(points: readonly SizePoint[]): void {
  if (points.length === 0) throw new RangeError('A zero-copy sweep needs at least one size.');
  let previous = 0;
  for (const point of points) {
    if (!Number.isSafeInteger(point.bytes) || point.bytes <= previous) {
      throw new RangeError(`Sizes must be increasing whole numbers of bytes; got ${point.bytes} after ${previous}.`);
    }
    previous = point.bytes;
    for (const ns of [point.copied, point.inPlace]) {
      if (!Number.isFinite(ns) || ns <= 0) throw new RangeError(`Times must be finite and positive; got ${ns} at ${point.bytes} bytes.`);
    }
  }
}

/** Computes the verdict (see ZeroCopyReading). */
export function readZeroCopy(points: readonly SizePoint[]): ZeroCopyReading {
  validateSizePoints(points);
  const extra = (point: SizePoint) => point.copied - point.inPlace;
  const dearerAt = points.map((point) => extra(point) >= CLEAR_RATIO * point.inPlace);
  const dearer = points.filter((_, index) => dearerAt[index]).map((point) => point.bytes);
  const count = dearer.length;
  const prefix = dearerAt.slice(0, count).every(Boolean);
  const suffix = dearerAt.slice(points.length - count).every(Boolean);
  let verdict: Verdict;
  const close = (point: SizePoint) => Math.max(point.copied / point.inPlace, point.inPlace / point.copied) < CLEAR_RATIO;
  if (points.every(close)) verdict = 'no-clear-difference';
  else if (count === points.length) verdict = 'dearer-everywhere';
  else if (count === 0) verdict = 'never-dearer';
  else if (prefix) verdict = 'dearer-up-to';
  else if (suffix) verdict = 'dearer-from';
  else verdict = 'dearer-at-some';
  const mostShare = points.reduce((best, point) => (copyShare(point) > copyShare(best) ? point : best));
  return { verdict, dearer, smallest: points[0] as SizePoint, largest: points.at(-1) as SizePoint, mostShare };
}

/** "X against Y in place (r×)" at one size. */
function against(point: SizePoint): string {
  return `${formatDuration(point.copied)} against ${formatDuration(point.inPlace)} in place (${formatRatio(point.copied / point.inPlace)})`;
}

/** "(X against Y, G1 GB/s against G2 GB/s in place)" at one size. */
function timesAndSpeeds(point: SizePoint): string {
  const speed = (ns: number) => formatGbps(gigabytesPerSecond(point.bytes, ns));
  return (
    `(${formatDuration(point.copied)} against ${formatDuration(point.inPlace)}, ` +
    `${speed(point.copied)} GB/s against ${speed(point.inPlace)} GB/s in place)`
  );
}

/** The copies' share of the copying call at one size, with the times and throughput of both ways. */
function shareAt(point: SizePoint): string {
  return `at ${formatVectorSize(point.bytes)} the copies were ${formatShare(copyShare(point))} of the copying call's time ${timesAndSpeeds(point)}`;
}

/** Sizes as a list: "16 B, 1 KiB and 1 MiB". */
function sizeList(sizes: readonly number[]): string {
  const names = sizes.map(formatVectorSize);
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The reading in plain sentences, with the numbers behind it. */
export function describeZeroCopy(reading: ZeroCopyReading): string {
  const { verdict, dearer, smallest, largest, mostShare } = reading;
  const [small, large] = [formatVectorSize(smallest.bytes), formatVectorSize(largest.bytes)];
  switch (verdict) {
    case 'no-clear-difference':
      return (
        `No clear difference on this machine: at every size the two calls took within ${formatRatio(CLEAR_RATIO)} of ` +
        `each other's time (at ${small} ${against(smallest)}; at ${large} ${against(largest)}).`
      );
    case 'dearer-everywhere':
      return (
        `The glue's copies cost more than the kernel at every size from ${small} to ${large}: at ${small} the copying call ` +
        `took ${against(smallest)}, and ${shareAt(largest)}.`
      );
    case 'dearer-up-to': {
      const last = dearer.at(-1) as number;
      return (
        `Up to ${formatVectorSize(last)} the glue's copies cost more than the kernel itself: at ${small} the copying call ` +
        `took ${against(smallest)}. Above ${formatVectorSize(last)} they did not clearly cost more than the kernel; ${shareAt(largest)}.`
      );
    }
    case 'dearer-from': {
      const first = dearer[0] as number;
      return (
        `From ${formatVectorSize(first)} on the glue's copies cost more than the kernel itself; ${shareAt(largest)}. ` +
        `Below ${formatVectorSize(first)} they did not clearly cost more: at ${small} the copying call took ${against(smallest)}.`
      );
    }
    case 'dearer-at-some':
      return (
        `The glue's copies cost more than the kernel at ${sizeList(dearer)} but not at the sizes between them, ` +
        `which is more noise than pattern: run it again. At the largest size, ${shareAt(largest)}.`
      );
    case 'never-dearer': {
      const none = "At no size did the glue's copies clearly cost more than the kernel itself";
      if (copyShare(mostShare) === 0) return `${none}, and the copying call was never the slower one.`;
      return (
        `${none}. Their largest share of the copying call's time was ${formatShare(copyShare(mostShare))}, at ` +
        `${formatVectorSize(mostShare.bytes)} ${timesAndSpeeds(mostShare)}.`
      );
    }
  }
}
