import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../lib/browser-storage.ts';
import { typicalResult } from './zero-copy-result.fixture.ts';
import { loadZeroCopy, parseStoredZeroCopy, saveZeroCopy, ZERO_COPY_STORAGE_KEY } from './zero-copy-storage.ts';

/** The fixture as stored, with these top-level fields replaced. */
const stored = (changes: Record<string, unknown>) => JSON.stringify({ ...typicalResult, ...changes });

describe('the stored sweep', () => {
  it('comes back as it was saved, under its own key', () => {
    const store = memoryStore();
    expect(saveZeroCopy(store, typicalResult) && loadZeroCopy(store)).toEqual(typicalResult);
    expect([...store.values.keys()]).toEqual([ZERO_COPY_STORAGE_KEY]);
  });

  it('is null when missing, not JSON, or malformed anywhere', () => {
    expect(parseStoredZeroCopy(null)).toBeNull();
    expect(parseStoredZeroCopy('{')).toBeNull();
    expect(parseStoredZeroCopy('[]')).toBeNull();
    expect(parseStoredZeroCopy(stored({ measuredAt: 'yesterday' }))).toBeNull();
    expect(parseStoredZeroCopy(stored({ repeats: 2.5 }))).toBeNull();
    expect(parseStoredZeroCopy(stored({ minSampleMs: 0 }))).toBeNull();
    expect(parseStoredZeroCopy(stored({ clockResolutionMs: -1 }))).toBeNull();
    expect(parseStoredZeroCopy(stored({ crossOriginIsolated: 'no' }))).toBeNull();
    expect(parseStoredZeroCopy(stored({ points: [] }))).toBeNull();
    expect(parseStoredZeroCopy(stored({ points: [{ bytes: 16, copied: 1 }] }))).toBeNull();
    // JSON keeps a NaN time as null.
    expect(parseStoredZeroCopy(stored({ points: [{ bytes: 16, copied: Number.NaN, inPlace: 1 }] }))).toBeNull();
    expect(parseStoredZeroCopy(stored({ points: [...typicalResult.points].reverse() }))).toBeNull();
  });
});
