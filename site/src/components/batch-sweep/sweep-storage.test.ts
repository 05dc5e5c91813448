import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../lib/browser-storage.ts';
import { learnerResult, result } from './sweep-result.fixture.ts';
import { loadSweep, parseLearnerRun, parseStoredSweep, SWEEP_STORAGE_KEY, saveSweep } from './sweep-storage.ts';

describe('sweep storage', () => {
  it('round-trips a result', () => {
    const store = memoryStore();
    expect(saveSweep(store, result)).toBe(true);
    expect(store.values.has(SWEEP_STORAGE_KEY)).toBe(true);
    expect(loadSweep(store)).toEqual(result);
  });

  it('ignores missing, malformed and impossible data', () => {
    expect(parseStoredSweep(null)).toBeNull();
    expect(parseStoredSweep('{not json')).toBeNull();
    expect(parseStoredSweep(JSON.stringify({ ...result, measuredAt: 'soon' }))).toBeNull();
    expect(parseStoredSweep(JSON.stringify({ ...result, points: [] }))).toBeNull();
    expect(parseStoredSweep(JSON.stringify({ ...result, elements: 0 }))).toBeNull();
    const infinite = JSON.stringify(result).replace('"batched":9', '"batched":1e999');
    expect(parseStoredSweep(infinite)).toBeNull();
    expect(parseStoredSweep(JSON.stringify({ ...result, points: [{ batchSize: 1, perElement: '3', batched: 1, plainJs: 1 }] }))).toBeNull();
  });
});

describe("the learner's runs", () => {
  it('round-trip in the last result, a NaN result included', () => {
    const store = memoryStore();
    saveSweep(store, learnerResult);
    const loaded = loadSweep(store);
    expect(loaded?.learner?.points[1]).toEqual({ batchSize: 2, lessonNs: 3, ok: true, ns: 4.5 });
    expect(loaded?.learner?.points[0]).toMatchObject({ ok: false, expected: 0.5 });
    const first = loaded?.learner?.points[0];
    expect(first && !first.ok && Number.isNaN(first.got)).toBe(true);
  });

  it('reject a malformed learner part rather than show half of it', () => {
    expect(parseStoredSweep(JSON.stringify({ ...learnerResult, learner: { ...learnerResult.learner, sha256: 'xyz' } }))).toBeNull();
    expect(
      parseStoredSweep(
        JSON.stringify({
          ...learnerResult,
          learner: { ...learnerResult.learner, points: [{ batchSize: 1, lessonNs: 3, ok: true, ns: -1 }] },
        }),
      ),
    ).toBeNull();
    expect(
      parseStoredSweep(JSON.stringify({ ...learnerResult, learner: { ...learnerResult.learner, lessonSha256: undefined } })),
    ).toBeNull();
    expect(parseLearnerRun({ ...learnerResult.learner, step: { acc: 1 } })).toBeNull();
  });
});
