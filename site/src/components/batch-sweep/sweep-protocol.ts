/** The three ways the demo computes the same dot product. */
export const METHODS = ['perElement', 'batched', 'plainJs'] as const;

/** One of METHODS. */
export type Method = (typeof METHODS)[number];

/** How each method is named in the legend, the table and the reading. */
export const METHOD_LABELS: Readonly<Record<Method, string>> = {
  perElement: 'Per-element wasm calls (dot_step)',
  batched: 'Batched wasm calls (dot_range)',
  plainJs: 'Plain JavaScript loop',
};

/** Nanoseconds per element of each method at one batch size. */
export interface SweepPoint {
  batchSize: number;
  perElement: number;
  batched: number;
  plainJs: number;
}

/** A finished sweep, as shown and as kept in localStorage. */
export interface SweepResult {
  /** ISO 8601 time the sweep finished. */
  measuredAt: string;
  /** Elements in each pass. */
  elements: number;
  /** Smallest step of the worker's clock, in ms. */
  clockResolutionMs: number;
  points: SweepPoint[];
}

/** Messages from the page to the worker. */
export type ToWorker =
  | { type: 'run'; elements: number; repeats: number; seed: number }
  | { type: 'panic' };

/** Messages from the worker to the page. */
export type FromWorker =
  | { type: 'started'; batchSizes: number[]; clockResolutionMs: number; minSampleMs: number }
  | { type: 'point'; index: number; total: number; point: SweepPoint }
  | { type: 'done'; result: SweepResult }
  | { type: 'error'; message: string; name: string };
