// What the zero-copy demo's page and its worker say to each other, and the results they build.

/** The two ways of handing a vector to the kernel, in the order the demo times them. */
export const WAYS = ['copied', 'inPlace'] as const;

/** One of WAYS. */
export type Way = (typeof WAYS)[number];

/** How each way is named in the legend, the table and the reading. */
export const WAY_LABELS: Readonly<Record<Way, string>> = {
  copied: 'Copied in and out by the glue',
  inPlace: 'In place, through a view',
};

/** The Rust function each way calls, shown under its name in the table. */
export const WAY_CALLS: Readonly<Record<Way, string>> = {
  copied: 'normalize_copied(array)',
  inPlace: 'vector.normalize()',
};

/** Median time of one call of each way, in ns, for a vector of `bytes` bytes. */
export interface SizePoint {
  bytes: number;
  copied: number;
  inPlace: number;
}

/** A finished sweep, as shown and as kept in localStorage. */
export interface ZeroCopyResult {
  /** ISO 8601 time the sweep finished. */
  measuredAt: string;
  /** Timed samples per way and size; each point is their median. */
  repeats: number;
  /** Each sample repeated its call until it lasted at least this long, in ms. */
  minSampleMs: number;
  /** Smallest step of the worker's clock, in ms. */
  clockResolutionMs: number;
  /** Whether the page was cross-origin isolated, which decides how finely the browser lets it read the clock. */
  crossOriginIsolated: boolean;
  points: SizePoint[];
}

/** What the detach experiment read, all of it at run time. */
export interface DetachResult {
  /** Elements of the small vector Rust allocated, viewed before the grow. */
  elements: number;
  /** Bytes Rust was then asked to allocate: more than the whole memory had, so the memory had to grow. */
  allocatedBytes: number;
  /** memory.buffer.byteLength before and after that allocation. */
  memoryBytesBefore: number;
  memoryBytesAfter: number;
  /** length of the view made before the grow, read before and after it. */
  oldViewLengthBefore: number;
  oldViewLengthAfter: number;
  /** byteLength of the ArrayBuffer under that old view, after the grow. */
  oldBufferBytesAfter: number;
  /** length of a view made again from memory.buffer after the grow. */
  freshViewLength: number;
  /** Whether the new view reads the values written through the old one before the grow. */
  valuesKept: boolean;
}

/** Messages from the page to a worker. */
export type ToWorker = { type: 'sweep'; sizes: readonly number[]; repeats: number; seed: number } | { type: 'detach'; elements: number };

/** Messages from a worker to the page. */
export type FromWorker =
  | { type: 'started'; total: number; clockResolutionMs: number; minSampleMs: number }
  | { type: 'point'; index: number; total: number; point: SizePoint }
  | { type: 'swept'; result: ZeroCopyResult }
  | { type: 'detached'; result: DetachResult }
  | { type: 'error'; name: string; message: string };
