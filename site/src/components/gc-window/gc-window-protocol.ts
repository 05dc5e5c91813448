// What the GC window demo's page and its worker say to each other, and the result they build.
import type { CurvePoint, Distribution } from './batch-percentiles.ts';
import type { GcWindowWorkload } from './gc-window-workload.ts';
import type { WindowTotals } from './js-window.ts';

/** The two windows, in the order the demo runs them. */
export const VARIANTS = ['jsObjects', 'rustWasm'] as const;

/** One of VARIANTS. */
export type Variant = (typeof VARIANTS)[number];

/** How each window is named in the legend, the tables and the reading. */
export const VARIANT_LABELS: Readonly<Record<Variant, string>> = {
  jsObjects: 'JavaScript objects',
  rustWasm: 'Rust in wasm memory',
};

/** Memory figures of one variant's worker, in bytes; null where this browser does not give the number. */
export interface VariantMemory {
  /** performance.memory.usedJSHeapSize in the worker before the window was made, and after the run. */
  jsHeapBefore: number | null;
  jsHeapAfter: number | null;
  /** Objects the window keeps alive in the JavaScript heap at the end (counted from its structure, not measured). */
  liveObjects: number;
  /** wasm memory (memory.buffer.byteLength) before the window was made, and after the run; null for the JavaScript window. */
  wasmBefore: number | null;
  wasmAfter: number | null;
  /** The Rust window's own estimate of the bytes it reserved (heap_bytes); null for the JavaScript window. */
  rustHeapBytes: number | null;
}

/** What one variant's worker measured. */
export interface VariantResult {
  variant: Variant;
  /** Percentiles of the timed batches, in ms. */
  distribution: Distribution;
  /** The percentile curve the chart draws; its last point is the maximum. */
  curve: CurvePoint[];
  /** Sum of the timed batches' times, in ms. */
  timedMs: number;
  /** The window's totals at the end. */
  totals: WindowTotals;
  /** Sum of the totals read back after every batch: equal in both windows when both computed the same. */
  checksum: number;
  memory: VariantMemory;
  /** Smallest step of this worker's clock, in ms. */
  clockResolutionMs: number;
}

/** A finished run of both windows, as shown and as kept in localStorage. */
export interface GcWindowResult {
  /** ISO 8601 time the run finished. */
  measuredAt: string;
  workload: GcWindowWorkload;
  /** The coarser of the two workers' clock steps, in ms. */
  clockResolutionMs: number;
  /** Whether the page was cross-origin isolated, which decides how finely the browser lets it read the clock. */
  crossOriginIsolated: boolean;
  variants: Record<Variant, VariantResult>;
}

/** Messages from the page to a worker: run one variant. */
export type ToWorker = { type: 'run'; variant: Variant; workload: GcWindowWorkload };

/** Messages from a worker to the page. */
export type FromWorker =
  | { type: 'progress'; variant: Variant; done: number; total: number }
  | { type: 'done'; result: VariantResult; crossOriginIsolated: boolean }
  | { type: 'error'; variant: Variant; name: string; message: string };
