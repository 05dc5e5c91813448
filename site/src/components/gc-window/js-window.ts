// The sliding window as JavaScript code often first holds such state, like the lesson's go-pointers
// variant: one object per sample, linked in arrival order, and one object per key behind a Map. Every
// sample is a separate object that holds references, so the engine's collector has one more object to
// trace for as long as the sample stays in the window.

/** Totals of one key over the samples in the window. */
export interface KeyTotals {
  count: number;
  sum: number;
}

/** Totals of the whole window, the same four numbers as the Rust window's summary. */
export interface WindowTotals {
  /** Samples in the window (at most its capacity). */
  samples: number;
  /** Distinct keys among them. */
  keys: number;
  /** Sum of their values. */
  sum: number;
  /** Samples that have left the window since it was created. */
  evicted: number;
}

/** The totals of one key, found through the Map. */
interface Series {
  key: number;
  count: number;
  sum: number;
}

/** One sample in the window: two references (its key's totals and the next newer sample) and a value. */
interface SampleNode {
  series: Series;
  next: SampleNode | null;
  value: number;
}

/** The last `capacity` samples as linked objects, and per-key totals as objects in a Map. */
export class JsObjectWindow {
  readonly capacity: number;
  private oldest: SampleNode | null = null;
  private newest: SampleNode | null = null;
  private length = 0;
  private readonly series = new Map<number, Series>();
  private sum = 0;
  private evicted = 0;

  /** An empty window for the last `capacity` samples; throws a RangeError unless capacity is a positive whole number. */
  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`A window must keep at least 1 sample, got a capacity of ${capacity}.`);
    }
    this.capacity = capacity;
  }

  /** Adds one sample, evicting the oldest first when the window is full. */
  push(key: number, value: number): void {
    if (this.length === this.capacity) this.evictOldest();
    let series = this.series.get(key);
    if (series === undefined) {
      series = { key, count: 0, sum: 0 };
      this.series.set(key, series);
    }
    series.count += 1;
    series.sum += value;
    this.sum += value;
    const node: SampleNode = { series, next: null, value };
    if (this.newest === null) this.oldest = node;
    else this.newest.next = node;
    this.newest = node;
    this.length += 1;
  }

  /** Adds the samples in order. */
  addBatch(samples: readonly { key: number; value: number }[]): void {
    for (const sample of samples) this.push(sample.key, sample.value);
  }

  /** Totals of `key` in the window; zero when it has no samples there. */
  stats(key: number): KeyTotals {
    const series = this.series.get(key);
    return series ? { count: series.count, sum: series.sum } : { count: 0, sum: 0 };
  }

  /** Totals of the whole window. */
  summary(): WindowTotals {
    return { samples: this.length, keys: this.series.size, sum: this.sum, evicted: this.evicted };
  }

  private evictOldest(): void {
    const old = this.oldest;
    if (old === null) return;
    this.oldest = old.next;
    if (this.oldest === null) this.newest = null;
    this.length -= 1;
    this.evicted += 1;
    this.sum -= old.value;
    const { series } = old;
    series.count -= 1;
    series.sum -= old.value;
    // A key with no samples left leaves the Map, so its size follows the window, not every key ever seen.
    if (series.count === 0) this.series.delete(series.key);
  }
}
