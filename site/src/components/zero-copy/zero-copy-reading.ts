// The reading under the zero-copy demo, computed from the run's own numbers: at which sizes the glue's
// copies cost more than the kernel itself, and what share of the copying call they were elsewhere.
import { formatRatio } from '../batch-sweep/sweep-format.ts';
import { copyShare, formatDuration, formatGbps, formatShare, formatVectorSize, gigabytesPerSecond } from './zero-copy-format.ts';
import type { SizePoint } from './zero-copy-protocol.ts';

/**
 * How far apart two times must be to count as different. Each time is a median of several samples, and
 * two runs on one machine still differ by up to about a tenth; twice that is a clear difference.
 */
export const CLEAR_RATIO = 1.2;

/**
 * Where the copies cost more than the kernel: at every size; in one run of sizes from the smallest, or
 * up to the largest; at both ends (the call's fixed costs at the small end, moving bytes that no longer
 * fit in a cache at the large end); at sizes that follow no such pattern; at none; or no difference at all.
 */
export type Verdict =
  | 'dearer-everywhere'
  | 'dearer-up-to'
  | 'dearer-from'
  | 'dearer-at-both-ends'
  | 'dearer-at-some'
  | 'never-dearer'
  | 'no-clear-difference';

/** What the sweep says about copying, from its points. */
export interface ZeroCopyReading {
  verdict: Verdict;
  /**
   * The runs of consecutive sizes at which the copies clearly cost more than the kernel (copied − in
   * place ≥ CLEAR_RATIO × in place), each as its points in increasing size.
   */
  dearer: SizePoint[][];
  /** The sizes not in `dearer`, in increasing size. */
  others: SizePoint[];
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
  const isDearer = (point: SizePoint) => point.copied - point.inPlace >= CLEAR_RATIO * point.inPlace;
  const dearer: SizePoint[][] = [];
  points.forEach((point, index) => {
    if (!isDearer(point)) return;
    if (index > 0 && isDearer(points[index - 1] as SizePoint)) (dearer.at(-1) as SizePoint[]).push(point);
    else dearer.push([point]);
  });
  const others = points.filter((point) => !isDearer(point));
  const smallest = points[0] as SizePoint;
  const largest = points.at(-1) as SizePoint;
  const starts = dearer[0]?.[0] === smallest;
  const ends = dearer.at(-1)?.at(-1) === largest;
  const close = (point: SizePoint) => Math.max(point.copied / point.inPlace, point.inPlace / point.copied) < CLEAR_RATIO;
  let verdict: Verdict;
  if (points.every(close)) verdict = 'no-clear-difference';
  else if (others.length === 0) verdict = 'dearer-everywhere';
  else if (dearer.length === 0) verdict = 'never-dearer';
  else if (dearer.length === 1 && starts) verdict = 'dearer-up-to';
  else if (dearer.length === 1 && ends) verdict = 'dearer-from';
  else if (dearer.length === 2 && starts && ends) verdict = 'dearer-at-both-ends';
  else verdict = 'dearer-at-some';
  const mostShare = points.reduce((best, point) => (copyShare(point) > copyShare(best) ? point : best));
  return { verdict, dearer, others, smallest, largest, mostShare };
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

/** Consecutive sizes as words: "at 16 MiB", or "from 16 B to 256 B". */
function span(run: readonly SizePoint[]): string {
  const [first, last] = [run[0] as SizePoint, run.at(-1) as SizePoint];
  return first === last
    ? `at ${formatVectorSize(first.bytes)}`
    : `from ${formatVectorSize(first.bytes)} to ${formatVectorSize(last.bytes)}`;
}

/** The copies' share of the copying call over some sizes: "38%", or "22% to 54%". */
function shareRange(points: readonly SizePoint[]): string {
  const shares = points.map(copyShare);
  const [low, high] = [formatShare(Math.min(...shares)), formatShare(Math.max(...shares))];
  return low === high ? low : `${low} to ${high}`;
}

/** "at 16 MiB they were 38% of the copying call's time", or "from 1 KiB to 16 MiB they were 22% to 54% of …". */
function sharesOver(points: readonly SizePoint[]): string {
  return `${span(points)} they were ${shareRange(points)} of the copying call's time`;
}

/** A sentence's first letter in capitals. */
const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Items as a list: "a, b and c". */
function list(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The reading in plain sentences, with the numbers behind it. */
export function describeZeroCopy(reading: ZeroCopyReading): string {
  const { verdict, dearer, others, smallest, largest, mostShare } = reading;
  const [small, large] = [formatVectorSize(smallest.bytes), formatVectorSize(largest.bytes)];
  const atSmall = `At ${small} the copying call took ${against(smallest)}.`;
  const atLarge = `${capitalised(sharesOver([largest]))}; ${timesAndSpeeds(largest)}.`;
  const between = others.length > 0 ? ` ${capitalised(sharesOver(others))}.` : '';
  const copies = "the glue's copies cost more than the kernel itself";
  const firstRun = dearer[0] ?? [];
  switch (verdict) {
    case 'no-clear-difference':
      return (
        `No clear difference on this machine: at every size the two calls took within ${formatRatio(CLEAR_RATIO)} of ` +
        `each other's time (at ${small} ${against(smallest)}; at ${large} ${against(largest)}).`
      );
    case 'dearer-everywhere':
      return `At every size from ${small} to ${large} ${copies}. ${atSmall} ${atLarge}`;
    case 'dearer-up-to':
      return `Up to ${formatVectorSize((firstRun.at(-1) as SizePoint).bytes)} ${copies}. ${atSmall}${between} At ${large} ${timesAndSpeeds(largest)}.`;
    case 'dearer-from': {
      const first = firstRun[0] as SizePoint;
      if (first === largest) {
        return `At the largest size, ${large}, ${copies}: they were ${shareRange([largest])} of the copying call's time; ${timesAndSpeeds(largest)}.${between}`;
      }
      return `From ${formatVectorSize(first.bytes)} on ${copies}. ${atLarge}${between}`;
    }
    case 'dearer-at-both-ends': {
      const [low, high] = dearer as [SizePoint[], SizePoint[]];
      return (
        `${capitalised(span(low))}, and again ${span(high)}, ${copies}: at the small end that is most likely the call's ` +
        'fixed costs (an allocation, a free and a call back into JavaScript to copy the result out), at the large end ' +
        `moving the bytes. ${atSmall} ${atLarge} In between, ${sharesOver(others)}.`
      );
    }
    case 'dearer-at-some':
      return (
        `${capitalised(list(dearer.map(span)))} ${copies}, but not at the sizes between, a pattern that does not follow ` +
        `the size: run it again to see which part is noise. ${atLarge}`
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
