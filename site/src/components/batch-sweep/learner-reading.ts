// The sentence that compares the learner's kernel with the lesson's (both built by the runner and
// called through hl_dot, so only the edit differs), computed from a sweep: it
// says first what the kernel got wrong, then compares batched ns per element only where the call
// itself costs little (large batches) and says "no clear difference" unless the gap is both larger
// than the noise allowance and seen at (nearly) every batch size compared.

import { formatCount, formatNs, formatRatio } from './sweep-format.ts';
import type { LearnerPoint, LearnerRun, StepMismatch } from './sweep-protocol.ts';
import { median } from './timing.ts';

/** Smallest batch compared: from here a call's fixed cost is a small part of the batch's time. */
export const LARGE_BATCH = 1024;

/** Fewest batch sizes a comparison needs. */
export const MIN_COMPARED = 3;

/** Ratios within this fraction of 1 count as noise (a timing in a browser moves this much between runs). */
export const NOISE_FRACTION = 0.1;

type Wrong = Extract<LearnerPoint, { ok: false }>;

/** What the learner's run says, computed from the points. */
export interface LearnerReading {
  /** Batch sizes where a result was wrong (those were not timed), in order. */
  wrong: Wrong[];
  /** A wrong result of hl_dot_step, or null. */
  step: StepMismatch | null;
  /** learner ns / lesson ns (both runner builds) at the compared batch sizes; null when fewer than MIN_COMPARED. */
  comparison: {
    from: number;
    count: number;
    ratio: number;
    low: number;
    high: number;
    learnerNs: number;
    lessonNs: number;
    verdict: 'faster' | 'slower' | 'no clear difference';
  } | null;
}

/** Compares the learner's kernel with the lesson's, both built by the runner (see LearnerReading). */
export function readLearner(learner: LearnerRun): LearnerReading {
  const wrong = learner.points.filter((point): point is Wrong => !point.ok);
  const pairs = learner.points
    .filter((point): point is Extract<LearnerPoint, { ok: true }> => point.ok && point.batchSize >= LARGE_BATCH)
    .map((point) => ({ learner: point.ns, lesson: point.lessonNs, batchSize: point.batchSize }));
  if (pairs.length < MIN_COMPARED) return { wrong, step: learner.step, comparison: null };
  const ratios = pairs.map((pair) => pair.learner / pair.lesson);
  const ratio = median(ratios);
  const slowerAt = ratios.filter((r) => r > 1).length;
  const fasterAt = ratios.filter((r) => r < 1).length;
  // A gap counts when the median is outside the noise band and the sizes agree on its side: all of
  // them, or all but one in five (one disturbed sample in a long sweep does not hide a real gap).
  const consistent = (count: number) => count >= ratios.length - Math.floor(ratios.length / 5);
  let verdict: 'faster' | 'slower' | 'no clear difference' = 'no clear difference';
  if (ratio > 1 + NOISE_FRACTION && consistent(slowerAt)) verdict = 'slower';
  else if (ratio < 1 / (1 + NOISE_FRACTION) && consistent(fasterAt)) verdict = 'faster';
  return {
    wrong,
    step: learner.step,
    comparison: {
      from: Math.min(...pairs.map((pair) => pair.batchSize)),
      count: pairs.length,
      ratio,
      low: Math.min(...ratios),
      high: Math.max(...ratios),
      learnerNs: median(pairs.map((pair) => pair.learner)),
      lessonNs: median(pairs.map((pair) => pair.lesson)),
      verdict,
    },
  };
}

function perCall(batchSize: number): string {
  return batchSize === 1 ? '1 element per call' : `${formatCount(batchSize)} elements per call`;
}

/** A number as the kernels return it, short: 0.7512, -12.5, 1.2e+6. */
function value(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(5))) : String(x);
}

/** "1, 2 and 4" */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The sentences that state the reading; wrong results first, since a wrong kernel's speed means nothing. */
export function describeLearner(reading: LearnerReading): string {
  const sentences: string[] = [];
  const { wrong, step, comparison } = reading;
  if (wrong.length > 0) {
    const first = wrong[0] as Wrong;
    const sizes = wrong.map((point) => formatCount(point.batchSize));
    const range =
      first.length === 1
        ? `element ${formatCount(first.start)}`
        : `elements ${formatCount(first.start)} to ${formatCount(first.start + first.length - 1)}`;
    sentences.push(
      `Your kernel computed wrong results at ${wrong.length === 1 ? 'batch size' : 'batch sizes'} ${list(sizes)}, so ${wrong.length === 1 ? 'it was' : 'those were'} not timed: ` +
        `at ${perCall(first.batchSize)}, ${range} gave ${value(first.got)} where the lesson's kernel gives ${value(first.expected)}.`,
    );
  }
  if (step) {
    sentences.push(
      `hl_dot_step(${value(step.acc)}, ${value(step.a)}, ${value(step.b)}) returned ${value(step.got)}; acc + a * b is ${value(step.expected)}.`,
    );
  }
  if (!comparison) {
    sentences.push(
      wrong.length > 0
        ? `No timing to compare: fewer than ${MIN_COMPARED} batch sizes from ${perCall(LARGE_BATCH)} up gave right results.`
        : `No timing to compare: the sweep had fewer than ${MIN_COMPARED} batch sizes from ${perCall(LARGE_BATCH)} up.`,
    );
    return sentences.join(' ');
  }
  const { from, count, ratio, low, high, learnerNs, lessonNs, verdict } = comparison;
  const where = `from ${perCall(from)} up (median of ${count} batch sizes: ${formatNs(learnerNs)} against ${formatNs(lessonNs)} ns per element)`;
  const spread = `ratios ${low.toFixed(2)} to ${high.toFixed(2)}`;
  if (verdict === 'no clear difference') {
    const inBand = ratio <= 1 + NOISE_FRACTION && ratio >= 1 / (1 + NOISE_FRACTION);
    const why = inBand
      ? `within ±${Math.round(NOISE_FRACTION * 100)}%, which a browser's timing moves between runs`
      : 'but the batch sizes do not agree on which is faster';
    sentences.push(
      `No clear difference between your kernel and the lesson's ${where}: your time is ${ratio.toFixed(2)}× the lesson's (${spread}), ${why}.`,
    );
  } else if (verdict === 'slower') {
    sentences.push(`Your kernel is ${formatRatio(ratio)} slower than the lesson's ${where}; ${spread}.`);
  } else {
    sentences.push(`Your kernel is ${formatRatio(1 / ratio)} faster than the lesson's ${where}; ${spread}.`);
  }
  return sentences.join(' ');
}
