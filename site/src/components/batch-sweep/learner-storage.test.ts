import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../lib/browser-storage.ts';
import { addLearnerRun, LEARNER_RUNS_KEY, loadLearnerRuns, MAX_LEARNER_RUNS } from './learner-storage.ts';
import type { SweepResult } from './sweep-protocol.ts';

const result: SweepResult = {
  measuredAt: '2026-11-21T14:35:00.000Z',
  elements: 65_536,
  clockResolutionMs: 0.1,
  points: [
    { batchSize: 1, perElement: 3, batched: 9, plainJs: 4 },
    { batchSize: 2, perElement: 3, batched: 5, plainJs: 2 },
  ],
};

describe("the learner's runs", () => {
  const learnerResult: SweepResult = {
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

  it('keep the newest runs first, at most MAX_LEARNER_RUNS, per lesson', () => {
    const store = memoryStore();
    for (let i = 0; i < MAX_LEARNER_RUNS + 2; i += 1) {
      expect(
        addLearnerRun(store, '01-batching', { ...learnerResult, measuredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }),
      ).toBe(true);
    }
    const runs = loadLearnerRuns(store, '01-batching');
    expect(runs).toHaveLength(MAX_LEARNER_RUNS);
    expect(runs[0]?.measuredAt).toBe('2026-01-01T00:06:00.000Z');
    expect(loadLearnerRuns(store, '02-other')).toEqual([]);
    // A run without the learner's kernel is not one of them.
    store.setItem(`${LEARNER_RUNS_KEY}:01-batching`, JSON.stringify([result]));
    expect(loadLearnerRuns(store, '01-batching')).toEqual([]);
  });
});
