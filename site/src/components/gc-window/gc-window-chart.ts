// The percentile chart of the GC window demo: batch time against percentile, both on log scales, so
// that the median, p90, p99 and p99.9 are evenly spaced and a few long batches stand out at the right.
import type { ChartAxes } from '../../lib/svg-chart.ts';
import {
  axisTitles,
  type ChartFrame,
  DEFAULT_FRAME,
  linePath,
  logScale,
  logYAxis,
  plotArea,
  roundCoordinate,
} from '../batch-sweep/sweep-chart.ts';
import type { CurvePoint } from './batch-percentiles.ts';
import { type GcWindowResult, VARIANTS, type Variant } from './gc-window-protocol.ts';

/** A percentile's place on the x axis: 1 / (1 - p), so p0 is 1, p90 is 10, p99 is 100 and p99.9 is 1,000. */
export function tailPosition(percentile: number): number {
  if (!(percentile >= 0 && percentile < 100)) throw new RangeError(`A percentile on this axis is in [0, 100), got ${percentile}.`);
  return 1 / (1 - percentile / 100);
}

/** The x axis's labelled percentiles and where they sit. */
const X_TICKS = [
  { position: 1, label: 'min' },
  { position: 2, label: 'p50' },
  { position: 10, label: 'p90' },
  { position: 100, label: 'p99' },
  { position: 1000, label: 'p99.9' },
  { position: 10_000, label: 'p99.99' },
] as const;

/** Least distance between two labelled percentiles on the x axis, in SVG units (about pixels). */
const MIN_TICK_GAP = 40;

/** One drawn point: a curve point, where it sits, and whether it is the maximum (the curve's last point). */
export interface PlacedPoint extends CurvePoint {
  x: number;
  y: number;
  isMax: boolean;
}

/** Everything needed to draw the chart, in SVG user units. */
export interface GcChartModel extends ChartAxes {
  series: { variant: Variant; points: PlacedPoint[]; path: string }[];
  /** Times below this (one clock step) are drawn on it: the clock could not tell them apart from zero. */
  floorMs: number;
}

/** Lays out both variants' percentile curves; throws when a curve is empty. */
export function gcChartModel(result: GcWindowResult, frame: ChartFrame = DEFAULT_FRAME): GcChartModel {
  const plot = plotArea(frame);
  const curves = VARIANTS.map((variant) => {
    const curve = result.variants[variant].curve;
    if (curve.length === 0) throw new RangeError(`The ${variant} window has no percentile curve to draw.`);
    return curve;
  });
  const floorMs = result.clockResolutionMs;
  const shown = (ms: number) => Math.max(ms, floorMs);
  const all = curves.flat();
  const xHi = Math.max(2, ...all.map((point) => tailPosition(point.percentile)));
  const x = logScale(1, xHi, plot.left, plot.right);
  const { y, ticks: yTicks } = logYAxis(
    Math.min(...all.map((point) => shown(point.ms))),
    Math.max(...all.map((point) => shown(point.ms))),
    plot,
  );
  const series = VARIANTS.map((variant, index) => {
    const curve = curves[index] as CurvePoint[];
    const points = curve.map((point, at) => ({
      ...point,
      x: roundCoordinate(x(tailPosition(point.percentile))),
      y: roundCoordinate(y(shown(point.ms))),
      isMax: at === curve.length - 1,
    }));
    return { variant, points, path: linePath(points) };
  });
  // From the right, so that a narrow chart keeps p50 and drops "min" where the two labels would touch.
  const xTicks: { label: string; x: number }[] = [];
  for (const tick of X_TICKS.filter((candidate) => candidate.position <= xHi).reverse()) {
    const at = x(tick.position);
    if ((xTicks[0]?.x ?? Number.POSITIVE_INFINITY) - at >= MIN_TICK_GAP) xTicks.unshift({ ...tick, x: at });
  }
  return {
    frame,
    plot,
    ...axisTitles(
      plot,
      { x: 'Percentile of batches (log scale of 1 ÷ (1 − p))', y: 'ms per batch (log scale)' },
      { x: 'Percentile of batches', y: 'ms per batch (log)' },
    ),
    xTicks,
    yTicks,
    series,
    floorMs,
  };
}
