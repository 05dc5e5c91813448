import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../lib/browser-storage.ts';
import { jsTailResult } from './gc-window-result.fixture.ts';
import { GC_WINDOW_STORAGE_KEY, loadGcWindow, parseStoredGcWindow, saveGcWindow } from './gc-window-storage.ts';

/** A change to the stored JSON: the value at a path of keys (undefined removes it). */
type Change = [(string | number)[], unknown];

/** The fixture as stored, with these changes. */
function stored(...changes: Change[]): string {
  const copy: unknown = structuredClone(jsTailResult);
  for (const [path, value] of changes) {
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return JSON.stringify(copy);
}

describe('the stored run', () => {
  it('comes back as it was saved, under its own key', () => {
    const store = memoryStore();
    expect(saveGcWindow(store, jsTailResult) && loadGcWindow(store)).toEqual(jsTailResult);
    expect([...store.values.keys()]).toEqual([GC_WINDOW_STORAGE_KEY]);
  });

  it('keeps measured heap sizes where a browser gave them', () => {
    const text = stored(
      [['variants', 'jsObjects', 'memory', 'jsHeapBefore'], 1000],
      [['variants', 'jsObjects', 'memory', 'jsHeapAfter'], 2000],
    );
    expect(parseStoredGcWindow(text)?.variants.jsObjects.memory).toMatchObject({ jsHeapBefore: 1000, jsHeapAfter: 2000 });
  });

  it('is null when missing, not JSON, or malformed anywhere', () => {
    expect(parseStoredGcWindow(null)).toBeNull();
    expect(parseStoredGcWindow('{')).toBeNull();
    expect(parseStoredGcWindow('[]')).toBeNull();
    const broken: Change[] = [
      [['measuredAt'], 'yesterday'],
      [['clockResolutionMs'], 0],
      [['crossOriginIsolated'], 'no'],
      [['workload', 'batch'], 0],
      [['variants', 'rustWasm'], undefined],
      [['variants', 'rustWasm', 'variant'], 'jsObjects'],
      [['variants', 'jsObjects', 'distribution', 'p99'], -1],
      [['variants', 'jsObjects', 'curve'], []],
      [['variants', 'jsObjects', 'curve', 0, 'percentile'], 100],
      [['variants', 'jsObjects', 'totals', 'sum'], null],
      [['variants', 'jsObjects', 'memory', 'wasmAfter'], 'big'],
      [['variants', 'jsObjects', 'checksum'], Number.NaN],
    ];
    for (const change of broken) expect(parseStoredGcWindow(stored(change)), change[0].join('.')).toBeNull();
  });
});
