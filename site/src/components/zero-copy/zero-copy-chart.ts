// The zero-copy demo's chart: time per call against vector size, both on log scales, one line per way.
import type { ChartAxes } from '../../lib/svg-chart.ts';
import {
  axisTitles,
  type ChartFrame,
  DEFAULT_FRAME,
  formatTick,
  frameForWidth,
  linePath,
  logScale,
  logYAxis,
  plotArea,
  roundCoordinate,
} from '../batch-sweep/sweep-chart.ts';
import { formatVectorSize } from './zero-copy-format.ts';
import { type SizePoint, WAYS, type Way } from './zero-copy-protocol.ts';
import { validateSizePoints } from './zero-copy-reading.ts';

/** Least distance between two size labels on the x axis, in SVG units (about pixels). */
const MIN_TICK_GAP = 46;

/** One drawn point: a size, one way's time there, and where it sits. */
export interface PlacedPoint {
  bytes: number;
  ns: number;
  x: number;
  y: number;
}

/** Everything needed to draw the chart, in SVG user units. */
export interface ZeroCopyChartModel extends ChartAxes {
  series: { way: Way; points: PlacedPoint[]; path: string }[];
}

/** Label of a time tick in the unit that fits: 10 ns, 500 ns, 1 µs, 20 ms. */
export function formatTimeTick(ns: number): string {
  if (ns >= 1e6) return `${formatTick(ns / 1e6)} ms`;
  if (ns >= 1e3) return `${formatTick(ns / 1e3)} µs`;
  return `${formatTick(ns)} ns`;
}

/**
 * The chart's frame at `pixels` wide: frameForWidth's, with room for wider labels than the other demos'
 * (time ticks such as "100 µs" on the left, "16 MiB" centred on the plot's right edge).
 */
export function zeroCopyFrame(pixels: number): ChartFrame {
  const frame = frameForWidth(pixels);
  return { ...frame, margin: { ...frame.margin, left: frame.margin.left + 16, right: frame.margin.right + 18 } };
}

/** Lays out a log size axis, a log time axis and one line per way; throws on points validateSizePoints refuses. */
export function zeroCopyChartModel(
  points: readonly SizePoint[],
  frame: ChartFrame = zeroCopyFrame(DEFAULT_FRAME.width),
): ZeroCopyChartModel {
  validateSizePoints(points);
  const plot = plotArea(frame);
  const first = (points[0] as SizePoint).bytes;
  const last = (points.at(-1) as SizePoint).bytes;
  // A single size gets a factor of two either side, so it lands in the middle.
  const x = first === last ? logScale(first / 2, last * 2, plot.left, plot.right) : logScale(first, last, plot.left, plot.right);
  const times = points.flatMap((point) => WAYS.map((way) => point[way]));
  const { y, ticks: yTicks } = logYAxis(Math.min(...times), Math.max(...times), plot, formatTimeTick);
  const series = WAYS.map((way) => {
    const placed = points.map((point) => ({
      bytes: point.bytes,
      ns: point[way],
      x: roundCoordinate(x(point.bytes)),
      y: roundCoordinate(y(point[way])),
    }));
    return { way, points: placed, path: linePath(placed) };
  });
  // From the left, every size whose label keeps its distance from the last one kept.
  const xTicks: { label: string; x: number }[] = [];
  for (const point of points) {
    const at = x(point.bytes);
    if (at - (xTicks.at(-1)?.x ?? Number.NEGATIVE_INFINITY) >= MIN_TICK_GAP) xTicks.push({ label: formatVectorSize(point.bytes), x: at });
  }
  const titles = axisTitles(
    plot,
    { x: 'Vector size in bytes (log scale)', y: 'Time per call (log scale)' },
    { x: 'Vector size (log scale)', y: 'Time per call (log)' },
  );
  return { frame, plot, ...titles, xTicks, yTicks, series };
}
