// The last finished run of the GC window demo, kept in localStorage so a reload shows it again.
import { type KeyValueStore, loadStored, saveStored, storedJson } from '../../lib/browser-storage.ts';
import { isRecord } from '../lesson-editor/run-report.ts';
import type { CurvePoint, Distribution } from './batch-percentiles.ts';
import type { GcWindowResult, Variant, VariantMemory, VariantResult } from './gc-window-protocol.ts';
import { type GcWindowWorkload, validateWorkload } from './gc-window-workload.ts';
import type { WindowTotals } from './js-window.ts';

/** localStorage key of the last finished run. */
export const GC_WINDOW_STORAGE_KEY = 'hybrid-lab:gc-window:last-result:v1';

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const nonNegative = (value: unknown): value is number => finite(value) && value >= 0;

/** The named fields of `raw` when every one is a number >= 0; null otherwise. */
function numbers<K extends string>(raw: unknown, names: readonly K[]): Record<K, number> | null {
  if (!isRecord(raw)) return null;
  const picked = {} as Record<K, number>;
  for (const name of names) {
    const value = raw[name];
    if (!nonNegative(value)) return null;
    picked[name] = value;
  }
  return picked;
}

function parseCurve(raw: unknown): CurvePoint[] | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const points: CurvePoint[] = [];
  for (const entry of raw) {
    const point = numbers(entry, ['percentile', 'ms']);
    if (!point || point.percentile >= 100) return null;
    points.push(point);
  }
  return points;
}

function parseMemory(raw: unknown): VariantMemory | null {
  if (!isRecord(raw) || !nonNegative(raw.liveObjects)) return null;
  const optional = ['jsHeapBefore', 'jsHeapAfter', 'wasmBefore', 'wasmAfter', 'rustHeapBytes'] as const;
  const memory: VariantMemory = {
    liveObjects: raw.liveObjects,
    jsHeapBefore: null,
    jsHeapAfter: null,
    wasmBefore: null,
    wasmAfter: null,
    rustHeapBytes: null,
  };
  for (const name of optional) {
    const value = raw[name];
    if (value !== null && !nonNegative(value)) return null;
    memory[name] = value;
  }
  return memory;
}

function parseVariant(raw: unknown, variant: Variant): VariantResult | null {
  if (!isRecord(raw) || raw.variant !== variant) return null;
  const distribution: Distribution | null = numbers(raw.distribution, ['count', 'p50', 'p90', 'p99', 'p999', 'max']);
  const totals: WindowTotals | null = numbers(raw.totals, ['samples', 'keys', 'sum', 'evicted']);
  const curve = parseCurve(raw.curve);
  const memory = parseMemory(raw.memory);
  const { timedMs, checksum, clockResolutionMs } = raw;
  if (!distribution || !totals || !curve || !memory || !nonNegative(timedMs) || !nonNegative(checksum)) return null;
  if (!finite(clockResolutionMs) || clockResolutionMs <= 0) return null;
  return { variant, distribution, curve, timedMs, totals, checksum, memory, clockResolutionMs };
}

/** Parses a stored run; null for anything missing, malformed or with impossible numbers. */
export function parseStoredGcWindow(text: string | null): GcWindowResult | null {
  const data = storedJson(text);
  if (!isRecord(data) || !isRecord(data.variants)) return null;
  const { measuredAt, clockResolutionMs, crossOriginIsolated } = data;
  if (typeof measuredAt !== 'string' || Number.isNaN(Date.parse(measuredAt))) return null;
  if (!finite(clockResolutionMs) || clockResolutionMs <= 0 || typeof crossOriginIsolated !== 'boolean') return null;
  const workload = numbers(data.workload, ['window', 'keys', 'batch', 'warmup', 'batches', 'seed']) as GcWindowWorkload | null;
  if (!workload) return null;
  try {
    validateWorkload(workload);
  } catch {
    return null;
  }
  const jsObjects = parseVariant(data.variants.jsObjects, 'jsObjects');
  const rustWasm = parseVariant(data.variants.rustWasm, 'rustWasm');
  if (!jsObjects || !rustWasm) return null;
  return { measuredAt, workload, clockResolutionMs, crossOriginIsolated, variants: { jsObjects, rustWasm } };
}

/** Reads the last run, or null; a store that throws (private mode, disabled storage) counts as empty. */
export function loadGcWindow(store: KeyValueStore): GcWindowResult | null {
  return loadStored(store, GC_WINDOW_STORAGE_KEY, parseStoredGcWindow);
}

/** Saves a run; false when the store refused it. */
export function saveGcWindow(store: KeyValueStore, result: GcWindowResult): boolean {
  return saveStored(store, GC_WINDOW_STORAGE_KEY, result);
}
