import { LEARNER, LESSON_BUILD, type LearnerPoint, METHODS, type Method, type SweepPoint } from './sweep-protocol.ts';

/** Every series the chart can draw: the lesson's three methods, then the two runner builds. */
export type SeriesName = Method | typeof LESSON_BUILD | typeof LEARNER;

import { formatCount } from './sweep-format.ts';
import { validatePoints } from './sweep-reading.ts';

/** Size of the chart in SVG user units and the room left for axes. */
export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** The default frame: a 640 × 400 viewBox. */
export const DEFAULT_FRAME: ChartFrame = { width: 640, height: 400, margin: { top: 16, right: 20, bottom: 56, left: 72 } };

/**
 * A frame as wide as the space the chart gets on screen (between 280 and 640 CSS px), so one SVG unit
 * stays about one pixel and the 12 px labels stay readable on a phone.
 */
export function frameForWidth(pixels: number): ChartFrame {
  const width = Math.round(Math.min(640, Math.max(280, Number.isFinite(pixels) ? pixels : 640)));
  const narrow = width < 480;
  return {
    width,
    height: Math.round(width * (narrow ? 0.75 : 0.625)),
    margin: narrow ? { top: 12, right: 14, bottom: 48, left: 58 } : DEFAULT_FRAME.margin,
  };
}

/** The plot's edges inside a frame (the frame less its margins), in SVG user units. */
export function plotArea(frame: ChartFrame): { left: number; right: number; top: number; bottom: number } {
  return {
    left: frame.margin.left,
    right: frame.width - frame.margin.right,
    top: frame.margin.top,
    bottom: frame.height - frame.margin.bottom,
  };
}

/** An SVG path through the points in order: "M x,y L x,y …". */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ');
}

/** A logarithmic scale mapping [domainMin, domainMax] to [rangeMin, rangeMax]; rejects values <= 0. */
export function logScale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (value: number) => number {
  if (!(domainMin > 0) || !(domainMax > domainMin) || !Number.isFinite(domainMax)) {
    throw new RangeError(`A log scale needs 0 < min < max (finite), got [${domainMin}, ${domainMax}].`);
  }
  const lo = Math.log(domainMin);
  const span = Math.log(domainMax) - lo;
  return (value) => {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`Cannot place ${value} on a log scale.`);
    return rangeMin + ((Math.log(value) - lo) / span) * (rangeMax - rangeMin);
  };
}

/** Powers of ten that enclose [min, max], widened by one decade when min and max are in the same decade. */
export function decadeDomain(min: number, max: number): [number, number] {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) {
    throw new RangeError(`Need 0 < min <= max (finite) for a decade domain, got [${min}, ${max}].`);
  }
  let lo = 10 ** Math.floor(Math.log10(min));
  let hi = 10 ** Math.ceil(Math.log10(max));
  if (hi <= lo) hi = lo * 10;
  // Rounding in log10 can put an exact power of ten a hair outside; keep the data inside.
  if (lo > min) lo /= 10;
  if (hi < max) hi *= 10;
  return [lo, hi];
}

/**
 * Tick values on a log axis: 1, 2, 5 × each power of ten inside the domain, or powers of ten only
 * past 3 decades or when `pixels` (the axis length) leaves less than 18 px between 1-2-5 ticks.
 */
export function logTicks(lo: number, hi: number, pixels = Number.POSITIVE_INFINITY): number[] {
  const decades = Math.round(Math.log10(hi / lo));
  const steps = decades > 3 || pixels / (decades * 3) < 18 ? [1] : [1, 2, 5];
  const ticks: number[] = [];
  for (let exponent = Math.floor(Math.log10(lo)); exponent <= Math.ceil(Math.log10(hi)); exponent += 1) {
    for (const step of steps) {
      const value = Number((step * 10 ** exponent).toPrecision(12));
      if (value >= lo * (1 - 1e-9) && value <= hi * (1 + 1e-9)) ticks.push(value);
    }
  }
  return ticks;
}

/** Label of a time tick: 0.01, 0.5, 2, 100, 1,000. */
export function formatTick(value: number): string {
  return value >= 1 ? formatCount(value) : String(Number(value.toPrecision(3)));
}

/** A vertical log axis over the whole decades that enclose [min, max]: where a value sits, and its labelled ticks. */
export function logYAxis(
  min: number,
  max: number,
  plot: { top: number; bottom: number },
  label: (value: number) => string = formatTick,
): { y: (value: number) => number; ticks: { value: number; label: string; y: number }[] } {
  const [lo, hi] = decadeDomain(min, max);
  const y = logScale(lo, hi, plot.bottom, plot.top);
  return { y, ticks: logTicks(lo, hi, plot.bottom - plot.top).map((value) => ({ value, label: label(value), y: y(value) })) };
}

/** Axis titles that fit the plot: the short ones when it is under 360 units wide (a phone). */
export function axisTitles(
  plot: { left: number; right: number },
  wide: { x: string; y: string },
  short: { x: string; y: string },
): { xLabel: string; yLabel: string } {
  const titles = plot.right - plot.left < 360 ? short : wide;
  return { xLabel: titles.x, yLabel: titles.y };
}

/** An SVG coordinate rounded to hundredths, which keeps paths short and tests exact. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Label of a batch-size tick, shortened past 1,000: 1, 16, 256, 4K, 64K. */
export function formatBatchTick(value: number): string {
  return value >= 1024 ? `${value / 1024}K` : String(value);
}

/** Everything needed to draw the chart, in SVG user units. */
export interface ChartModel {
  frame: ChartFrame;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Axis titles, shorter in a narrow frame. */
  xLabel: string;
  yLabel: string;
  xTicks: { value: number; label: string; x: number }[];
  yTicks: { value: number; label: string; y: number }[];
  series: { method: SeriesName; points: { batchSize: number; ns: number; x: number; y: number }[]; path: string }[];
  /** Batch sizes where the learner's kernel computed a wrong result (not timed), marked on the x axis. */
  wrong: { batchSize: number; x: number }[];
}

/**
 * Lays out a log2 batch-size axis, a log ns-per-element axis and one polyline per method, plus, when
 * given, the two runner builds: the lesson's kernel and the learner's (a line through its right
 * results; its wrong ones marked on the axis).
 */
export function chartModel(
  points: readonly SweepPoint[],
  frame: ChartFrame = DEFAULT_FRAME,
  learner: readonly LearnerPoint[] = [],
): ChartModel {
  validatePoints(points);
  const plot = plotArea(frame);
  const first = (points[0] as SweepPoint).batchSize;
  const last = (points[points.length - 1] as SweepPoint).batchSize;
  // A single batch size gets one octave either side so it lands in the middle.
  const [xLo, xHi] = first === last ? [first / 2, last * 2] : [first, last];
  const x = logScale(xLo, xHi, plot.left, plot.right);
  const timed = learner.flatMap((point) => (point.ok ? [{ batchSize: point.batchSize, ns: point.ns }] : []));
  const lessonBuild = learner.map((point) => ({ batchSize: point.batchSize, ns: point.lessonNs }));
  for (const point of [...timed, ...lessonBuild]) {
    if (!(point.ns > 0) || !Number.isFinite(point.ns))
      throw new RangeError(`Times must be finite and positive; got ${point.ns} for a runner build at batch size ${point.batchSize}.`);
  }
  const times = [
    ...points.flatMap((point) => METHODS.map((method) => point[method])),
    ...[...timed, ...lessonBuild].map((point) => point.ns),
  ];
  const { y, ticks: yTicks } = logYAxis(Math.min(...times), Math.max(...times), plot);
  const octaves = Math.round(Math.log2(xHi / xLo));
  // Label every octave, or every 2nd, 4th... so labels are at least 50 px apart.
  let every = 1;
  while (every < octaves && (every * (plot.right - plot.left)) / octaves < 50) every *= 2;
  const xTicks: ChartModel['xTicks'] = [];
  for (let exponent = Math.ceil(Math.log2(xLo)); 2 ** exponent <= xHi; exponent += every) {
    const value = 2 ** exponent;
    if (value >= 1) xTicks.push({ value, label: formatBatchTick(value), x: x(value) });
  }
  const place = (batchSize: number, ns: number) => ({ batchSize, ns, x: roundCoordinate(x(batchSize)), y: roundCoordinate(y(ns)) });
  const series: ChartModel['series'] = METHODS.map((method) => {
    const placed = points.map((point) => place(point.batchSize, point[method]));
    return { method, points: placed, path: linePath(placed) };
  });
  for (const [method, values] of [
    [LESSON_BUILD, lessonBuild],
    [LEARNER, timed],
  ] as const) {
    if (values.length === 0) continue;
    const placed = values.map((point) => place(point.batchSize, point.ns));
    series.push({ method, points: placed, path: linePath(placed) });
  }
  const wrong = learner.flatMap((point) => (point.ok ? [] : [{ batchSize: point.batchSize, x: roundCoordinate(x(point.batchSize)) }]));
  const titles = axisTitles(
    plot,
    { x: 'Batch size (elements per call, log₂ scale)', y: 'ns per element (log scale)' },
    { x: 'Batch size (log₂ scale)', y: 'ns per element (log)' },
  );
  return { frame, plot, ...titles, xTicks, yTicks, series, wrong };
}
