import { describe, expect, it } from 'vitest';
import { JsObjectWindow } from './js-window.ts';

// The cases of window.rs's own tests, so the two windows are held to the same behaviour.
describe('JsObjectWindow', () => {
  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => new JsObjectWindow(0)).toThrow(/at least 1 sample, got a capacity of 0/);
    expect(() => new JsObjectWindow(2.5)).toThrow(RangeError);
  });

  it('keeps totals per key and for the whole window', () => {
    const w = new JsObjectWindow(10);
    w.addBatch([
      { key: 1, value: 10 },
      { key: 2, value: 20 },
      { key: 1, value: 30 },
    ]);
    expect(w.stats(1)).toEqual({ count: 2, sum: 40 });
    expect(w.stats(2)).toEqual({ count: 1, sum: 20 });
    expect(w.stats(3)).toEqual({ count: 0, sum: 0 });
    expect(w.summary()).toEqual({ samples: 3, keys: 2, sum: 60, evicted: 0 });
  });

  it('evicts the oldest sample when full, and a key with no samples left leaves the map', () => {
    const w = new JsObjectWindow(3);
    for (const key of [1, 2, 3, 4]) w.push(key, key);
    expect(w.stats(1)).toEqual({ count: 0, sum: 0 });
    expect(w.summary()).toEqual({ samples: 3, keys: 3, sum: 9, evicted: 1 });
    for (let i = 0; i < 3; i += 1) w.push(4, 10);
    expect(w.stats(4)).toEqual({ count: 3, sum: 30 });
    expect(w.summary()).toEqual({ samples: 3, keys: 1, sum: 30, evicted: 4 });
  });

  it('stays as large as its capacity however many samples pass through', () => {
    const w = new JsObjectWindow(1000);
    for (let i = 0; i < 100_000; i += 1) w.push(i, 1);
    expect(w.summary()).toEqual({ samples: 1000, keys: 1000, sum: 1000, evicted: 99_000 });
  });

  it('works with a window of one sample', () => {
    const w = new JsObjectWindow(1);
    w.push(5, 1);
    w.push(6, 2);
    expect(w.summary()).toEqual({ samples: 1, keys: 1, sum: 2, evicted: 1 });
    expect(w.stats(6)).toEqual({ count: 1, sum: 2 });
  });
});
