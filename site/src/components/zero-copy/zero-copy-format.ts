// How the zero-copy demo writes its numbers: vector sizes, times, throughput and the copy's share.
import { formatNs } from '../batch-sweep/sweep-format.ts';
import type { SizePoint, ZeroCopyResult } from './zero-copy-protocol.ts';

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/** A vector size in binary units, exact for the demo's powers of two: 16 -> "16 B", 4096 -> "4 KiB", 1.5 MiB -> "1.5 MiB". */
export function formatVectorSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toPrecision(3))} ${UNITS[unit]}`;
}

/** A time in ns, µs or ms with two or three significant digits: 48.2 ns, 3.05 µs, 12.4 ms. */
export function formatDuration(ns: number): string {
  if (ns >= 1e6) return `${formatNs(ns / 1e6)} ms`;
  if (ns >= 1e3) return `${formatNs(ns / 1e3)} µs`;
  return `${formatNs(ns)} ns`;
}

/** Gigabytes (10^9 bytes) of vector per second, at one call of `ns` per `bytes`. */
export function gigabytesPerSecond(bytes: number, ns: number): number {
  return bytes / ns;
}

/** GB/s with three significant digits: 0.107, 4.30, 16.0, 123. */
export function formatGbps(gbps: number): string {
  if (!Number.isFinite(gbps)) throw new RangeError(`Cannot format a non-finite throughput: ${gbps}`);
  return gbps >= 100 ? String(Math.round(gbps)) : gbps.toPrecision(3);
}

/** What the copy adds to a call, as a share of the copying call's time; 0 when the copying call was not slower. */
export function copyShare(point: SizePoint): number {
  return Math.max(0, point.copied - point.inPlace) / point.copied;
}

/** A share as a whole percentage, or with one decimal below 10%: 0.384 -> "38%", 0.052 -> "5.2%". */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent >= 10 || percent === 0 ? Math.round(percent) : percent.toFixed(1)}%`;
}

/** What the page says about the clock of a sweep: its step, the sample length it set, and whether the page was isolated. */
export function describeSweepClock(result: Pick<ZeroCopyResult, 'clockResolutionMs' | 'minSampleMs' | 'crossOriginIsolated'>): string {
  const step =
    `performance.now() advanced in steps of ${formatNs(result.clockResolutionMs)} ms in the worker, so every sample ran for at ` +
    `least ${formatNs(result.minSampleMs)} ms and the step adds at most 1% to a time`;
  return result.crossOriginIsolated
    ? `${step}. The page is cross-origin isolated, which lets the browser give it a finer clock than other pages get.`
    : `${step}. The page is not cross-origin isolated (crossOriginIsolated is false), and browsers coarsen the clock of such pages.`;
}

/** The sweep table's cells of one size, in column order: ns per call, GB/s, then the copies' share. */
export const SIZE_CELLS = ['copied', 'inPlace', 'copiedGbps', 'inPlaceGbps', 'share'] as const;

/** One of SIZE_CELLS. */
export type SizeCell = (typeof SIZE_CELLS)[number];

/** The table's cells for one size. */
export function sizeCells(point: SizePoint): Record<SizeCell, string> {
  return {
    copied: formatNs(point.copied),
    inPlace: formatNs(point.inPlace),
    copiedGbps: formatGbps(gigabytesPerSecond(point.bytes, point.copied)),
    inPlaceGbps: formatGbps(gigabytesPerSecond(point.bytes, point.inPlace)),
    share: formatShare(copyShare(point)),
  };
}
