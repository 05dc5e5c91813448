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
  /** Every point, in increasing size. */
  points: readonly SizePoint[];
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
  return { verdict, dearer, smallest: points[0] as SizePoint, largest: points.at(-1) as SizePoint, mostShare, points };
}

/** "X against Y in place (r×)" at one size. */
function against(point: SizePoint): string {
  return `${formatDuration(point.copied)} against ${formatDuration(point.inPlace)} in place (${formatRatio(point.copied / point.inPlace)})`;
}

/** "it took X against Y in place (G1 against G2 GB/s)": the copying call at one size. */
function timesAndSpeeds(point: SizePoint): string {
  const speed = (ns: number) => formatGbps(gigabytesPerSecond(point.bytes, ns));
  return (
    `it took ${formatDuration(point.copied)} against ${formatDuration(point.inPlace)} in place ` +
    `(${speed(point.copied)} against ${speed(point.inPlace)} GB/s)`
  );
}

/** "at 16 MiB they were 38% of the copying call's time", or "from 1 KiB to 16 MiB they were 22% to 54% of …". */
function sharesOver(points: readonly SizePoint[]): string {
  const shares = points.map(copyShare);
  const [first, last] = [points[0] as SizePoint, points.at(-1) as SizePoint];
  const time = "of the copying call's time";
  if (points.length === 1) return `at ${formatVectorSize(first.bytes)} they were ${formatShare(shares[0] as number)} ${time}`;
  const [low, high] = [formatShare(Math.min(...shares)), formatShare(Math.max(...shares))];
  return `from ${formatVectorSize(first.bytes)} to ${formatVectorSize(last.bytes)} they were ${low} to ${high} ${time}`;
}

/** A sentence's first letter in capitals. */
const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Sizes as a list: "16 B, 1 KiB and 1 MiB". */
function sizeList(sizes: readonly number[]): string {
  const names = sizes.map(formatVectorSize);
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The reading in plain sentences, with the numbers behind it. */
export function describeZeroCopy(reading: ZeroCopyReading): string {
  const { verdict, dearer, smallest, largest, mostShare, points } = reading;
  const [small, large] = [formatVectorSize(smallest.bytes), formatVectorSize(largest.bytes)];
  const atSmall = `at ${small} the copying call took ${against(smallest)}.`;
  const atLarge = `At ${large} they were ${formatShare(copyShare(largest))} of the copying call's time; ${timesAndSpeeds(largest)}.`;
  switch (verdict) {
    case 'no-clear-difference':
      return (
        `No clear difference on this machine: at every size the two calls took within ${formatRatio(CLEAR_RATIO)} of ` +
        `each other's time (at ${small} ${against(smallest)}; at ${large} ${against(largest)}).`
      );
    case 'dearer-everywhere':
      return `The glue's copies cost more than the kernel at every size from ${small} to ${large}: ${atSmall} ${atLarge}`;
    case 'dearer-up-to': {
      const last = dearer.at(-1) as number;
      const rest = points.filter((point) => point.bytes > last);
      return (
        `Up to ${formatVectorSize(last)} the glue's copies cost more than the kernel itself: ${atSmall} ` +
        `${capitalised(sharesOver(rest))}; at ${large} ${timesAndSpeeds(largest)}.`
      );
    }
    case 'dearer-from': {
      const first = dearer[0] as number;
      const before = points.filter((point) => point.bytes < first);
      return (
        `From ${formatVectorSize(first)} on the glue's copies cost more than the kernel itself. ${atLarge} ` +
        `Below ${formatVectorSize(first)}, ${sharesOver(before)}.`
      );
    }
    case 'dearer-at-some':
      return (
        `The glue's copies cost more than the kernel at ${sizeList(dearer)} but not at the sizes between them, ` +
        `which is more noise than pattern: run it again. ${atLarge}`
      );
    case 'never-dearer': {
      const none = "At no size did the glue's copies clearly cost more than the kernel itself";
      if (copyShare(mostShare) === 0) return `${none}, and the copying call was never the slower one.`;
      return (
        `${none}. Their largest share of the copying call's time was ${formatShare(copyShare(mostShare))}, at ` +
        `${formatVectorSize(mostShare.bytes)}; ${timesAndSpeeds(mostShare)}.`
      );
    }
  }
}
