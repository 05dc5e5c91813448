import { describe, expect, it } from 'vitest';
import { describeLearner, readLearner } from './learner-reading.ts';
import type { LearnerPoint, LearnerRun } from './sweep-protocol.ts';

const sizes = Array.from({ length: 13 }, (_, i) => 2 ** i); // 1 .. 4,096
const lessonNs = (size: number) => 0.25 + 20 / size;

function run(learnerNs: (size: number, index: number) => number, overrides: Partial<LearnerRun> = {}): LearnerRun {
  return {
    sha256: 'ab'.repeat(32),
    lessonSha256: 'cd'.repeat(32),
    edited: true,
    step: null,
    points: sizes.map(
      (batchSize, index): LearnerPoint => ({ batchSize, lessonNs: lessonNs(batchSize), ok: true, ns: learnerNs(batchSize, index) }),
    ),
    ...overrides,
  };
}

describe('readLearner', () => {
  it('finds no clear difference for the same kernel measured with noise', () => {
    const noise = [1.04, 0.97, 1.08];
    const reading = readLearner(run((size, index) => lessonNs(size) * (noise[index % 3] as number)));
    expect(reading.comparison).toMatchObject({ from: 1024, count: 3, verdict: 'no clear difference' });
    expect(describeLearner(reading)).toMatch(/^No clear difference between your kernel and the lesson's from 1,024 elements per call up/);
    expect(describeLearner(reading)).toContain('within ±10%');
  });

  it('calls a kernel slower or faster only when the gap is past the noise at nearly every size', () => {
    const slower = readLearner(run((size) => lessonNs(size) * 2));
    expect(slower.comparison?.verdict).toBe('slower');
    expect(slower.comparison?.ratio).toBeCloseTo(2);
    expect(describeLearner(slower)).toMatch(/^Your kernel is 2\.0× slower than the lesson's from 1,024 elements per call up/);
    const faster = readLearner(run((size) => lessonNs(size) / 3));
    expect(describeLearner(faster)).toMatch(/^Your kernel is 3\.0× faster/);
    // A big median gap that the sizes disagree on is not a clear difference.
    const mixed = [0.5, 3, 3];
    const split = readLearner(run((size, index) => lessonNs(size) * (mixed[index - 10] ?? 1)));
    expect(split.comparison?.verdict).toBe('no clear difference');
    expect(describeLearner(split)).toContain('do not agree on which is faster');
  });

  it('allows one size in five to disagree in a long sweep, but none in a short one', () => {
    const long = Array.from({ length: 17 }, (_, i) => 2 ** i);
    const learner = run(lessonNs);
    // 1K .. 64K: seven sizes, one of them (a disturbed sample) faster.
    learner.points = long.map((batchSize, index) => ({ batchSize, lessonNs: 1, ok: true, ns: index === 12 ? 0.9 : 1.5 }));
    expect(readLearner(learner).comparison).toMatchObject({ count: 7, verdict: 'slower' });
  });

  it('ignores small batches, where the call itself is most of the time', () => {
    const reading = readLearner(run((size) => (size < 1024 ? lessonNs(size) * 5 : lessonNs(size))));
    expect(reading.comparison?.verdict).toBe('no clear difference');
  });

  it('puts wrong results first and does not compare what was not timed', () => {
    const wrongRun = run(lessonNs);
    wrongRun.points = wrongRun.points.map((point) =>
      point.batchSize >= 4 ? point : { ...point, ok: false, start: 0, length: point.batchSize, got: 0, expected: 0.5 },
    );
    const text = describeLearner(readLearner(wrongRun));
    expect(
      text.startsWith(
        "Your kernel computed wrong results at batch sizes 1 and 2, so those were not timed: at 1 element per call, element 0 gave 0 where the lesson's kernel gives 0.5.",
      ),
    ).toBe(true);
    expect(text).toContain('No clear difference');

    const allWrong = run(lessonNs);
    allWrong.points = allWrong.points.map((point) => ({
      batchSize: point.batchSize,
      lessonNs: 1,
      ok: false,
      start: 8,
      length: point.batchSize,
      got: 1.5,
      expected: 1,
    }));
    const reading = readLearner(allWrong);
    expect(reading.comparison).toBeNull();
    expect(describeLearner(reading)).toContain(
      'No timing to compare: fewer than 3 batch sizes from 1,024 elements per call up gave right results.',
    );
  });

  it('reports a wrong hl_dot_step', () => {
    const text = describeLearner(readLearner(run(lessonNs, { step: { acc: 0, a: 1, b: 2, got: 4, expected: 2 } })));
    expect(text).toContain('hl_dot_step(0, 1, 2) returned 4; acc + a * b is 2.');
  });

  it('says when the sweep was too short to compare', () => {
    const learner = run(lessonNs);
    learner.points = learner.points.slice(0, 11);
    expect(describeLearner(readLearner(learner))).toBe(
      'No timing to compare: the sweep had fewer than 3 batch sizes from 1,024 elements per call up.',
    );
  });
});
