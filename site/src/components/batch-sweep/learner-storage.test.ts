import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../lib/browser-storage.ts';
import { addLearnerRun, LEARNER_RUNS_KEY, loadLearnerRuns, MAX_LEARNER_RUNS } from './learner-storage.ts';
import { learnerResult, result } from './sweep-result.fixture.ts';

describe("the learner's runs", () => {
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
