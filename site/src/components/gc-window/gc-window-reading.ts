// The one-paragraph reading under the GC window demo, computed from the run's own numbers.
import { formatNs, formatRatio } from '../batch-sweep/sweep-format.ts';
import type { Distribution } from './batch-percentiles.ts';
import { formatMs } from './gc-window-format.ts';
import type { GcWindowResult } from './gc-window-protocol.ts';

/**
 * Smallest ratio of the two p99.9 times that counts as a difference. The p99.9 of a few thousand
 * batches rests on their few slowest, and two runs on one machine can differ by a good part of that.
 */
export const CLEAR_RATIO = 1.5;

/** Smallest gap between the two p99.9 times, in clock steps, that counts as a difference. */
export const MIN_CLOCK_STEPS = 3;

/** Which window's slowest batches were slower, or neither clearly. */
export type Verdict = 'js-higher' | 'rust-higher' | 'no-clear-difference';

/** What the run says about the two windows' tails. */
export interface GcWindowReading {
  verdict: Verdict;
  js: Distribution;
  rust: Distribution;
  /** JavaScript ÷ Rust at p99.9, p99 and p50, each time floored at one clock step (a time below it reads as zero). */
  p999Ratio: number;
  p99Ratio: number;
  p50Ratio: number;
  clockResolutionMs: number;
}

/** Computes the verdict and the ratios of a run (see GcWindowReading). */
export function readGcWindow(result: GcWindowResult): GcWindowReading {
  const step = result.clockResolutionMs;
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`The clock step must be a positive number of ms, got ${step}.`);
  const js = result.variants.jsObjects.distribution;
  const rust = result.variants.rustWasm.distribution;
  const ratio = (a: number, b: number) => Math.max(a, step) / Math.max(b, step);
  const p999Ratio = ratio(js.p999, rust.p999);
  const wide = Math.max(p999Ratio, 1 / p999Ratio) >= CLEAR_RATIO;
  const far = Math.abs(js.p999 - rust.p999) >= MIN_CLOCK_STEPS * step;
  const verdict: Verdict = wide && far ? (p999Ratio > 1 ? 'js-higher' : 'rust-higher') : 'no-clear-difference';
  return { verdict, js, rust, p999Ratio, p99Ratio: ratio(js.p99, rust.p99), p50Ratio: ratio(js.p50, rust.p50), clockResolutionMs: step };
}

/** The reading in plain sentences, with the numbers behind it. */
export function describeGcWindow(reading: GcWindowReading): string {
  const { verdict, js, rust, clockResolutionMs: step } = reading;
  const ms = (value: number) => `${formatMs(value, step)} ms`;
  if (verdict === 'no-clear-difference') {
    return (
      `No clear difference on this machine: p99.9 was ${ms(js.p999)} for the JavaScript window and ${ms(rust.p999)} for the ` +
      `Rust window, within ${formatRatio(CLEAR_RATIO)} of each other or ${MIN_CLOCK_STEPS} clock steps ` +
      `(${formatNs(step)} ms each). The collector's work did not stand out of the noise on this run.`
    );
  }
  const jsHigher = verdict === 'js-higher';
  const [high, low] = jsHigher ? [js, rust] : [rust, js];
  const [highName, lowName] = jsHigher ? ['JavaScript', 'Rust'] : ['Rust', 'JavaScript'];
  // Ratios are JavaScript ÷ Rust; turned to higher ÷ lower here.
  const highOverLow = (ratio: number) => (jsHigher ? ratio : 1 / ratio);
  const times = (ratio: number) => formatRatio(highOverLow(ratio));
  const tail =
    `The ${highName} window had the higher tail on this run: p99.9 was ${ms(high.p999)} against ${ms(low.p999)} for the ` +
    `${lowName} window (${times(reading.p999Ratio)}), and p99 ${ms(high.p99)} against ${ms(low.p99)} (${times(reading.p99Ratio)}).`;
  const medians = `Their medians were ${ms(high.p50)} and ${ms(low.p50)} (${times(reading.p50Ratio)})`;
  // A gap that widens from the median to the tail is what pauses and catch-up work in a few batches leave.
  const widens = highOverLow(reading.p999Ratio) >= CLEAR_RATIO * highOverLow(reading.p50Ratio);
  const shape = widens
    ? ': the gap is wider at the tail than at the median, the pattern that a collector leaves when its work lands in a few batches.'
    : ': the gap is no wider at the tail than at the median, so this run does not separate the collector from the cost of the data structures.';
  return `${tail} ${medians}${shape}`;
}
