// Finished sweeps for the storage tests: one of the lesson's kernel alone, one with a learner's kernel beside it.
import type { SweepResult } from './sweep-protocol.ts';

export const result: SweepResult = {
  measuredAt: '2026-11-21T14:35:00.000Z',
  elements: 65_536,
  clockResolutionMs: 0.1,
  points: [
    { batchSize: 1, perElement: 3, batched: 9, plainJs: 4 },
    { batchSize: 2, perElement: 3, batched: 5, plainJs: 2 },
  ],
};

/** A learner's run: one wrong batch (NaN, as a broken kernel may give) and one timed. */
export const learnerResult: SweepResult = {
  ...result,
  learner: {
    sha256: 'c0ffee'.padEnd(64, '0'),
    lessonSha256: 'beef'.padEnd(64, '0'),
    edited: true,
    step: null,
    points: [
      { batchSize: 1, lessonNs: 3, ok: false, start: 0, length: 1, got: Number.NaN, expected: 0.5 },
      { batchSize: 2, lessonNs: 3, ok: true, ns: 4.5 },
    ],
  },
};
