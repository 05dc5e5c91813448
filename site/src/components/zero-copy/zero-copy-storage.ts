// The last finished sweep of the zero-copy demo, kept in localStorage so a reload shows it again.
import { type KeyValueStore, loadStored, saveStored, storedJson } from '../../lib/browser-storage.ts';
import { isRecord } from '../lesson-editor/run-report.ts';
import type { SizePoint, ZeroCopyResult } from './zero-copy-protocol.ts';
import { validateSizePoints } from './zero-copy-reading.ts';

/** localStorage key of the last finished sweep. */
export const ZERO_COPY_STORAGE_KEY = 'hybrid-lab:zero-copy:last-result:v1';

const positive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Parses a stored sweep; null for anything missing, malformed or with impossible numbers. */
export function parseStoredZeroCopy(text: string | null): ZeroCopyResult | null {
  const data = storedJson(text);
  if (!isRecord(data) || !Array.isArray(data.points)) return null;
  const { measuredAt, repeats, minSampleMs, clockResolutionMs, crossOriginIsolated } = data;
  if (typeof measuredAt !== 'string' || Number.isNaN(Date.parse(measuredAt))) return null;
  if (!positive(repeats) || !Number.isSafeInteger(repeats) || !positive(minSampleMs) || !positive(clockResolutionMs)) return null;
  if (typeof crossOriginIsolated !== 'boolean') return null;
  const points: SizePoint[] = [];
  for (const raw of data.points) {
    if (!isRecord(raw)) return null;
    const { bytes, copied, inPlace } = raw;
    if (typeof bytes !== 'number' || typeof copied !== 'number' || typeof inPlace !== 'number') return null;
    points.push({ bytes, copied, inPlace });
  }
  try {
    validateSizePoints(points);
  } catch {
    return null;
  }
  return { measuredAt, repeats, minSampleMs, clockResolutionMs, crossOriginIsolated, points };
}

/** Reads the last sweep, or null; a store that throws (private mode, disabled storage) counts as empty. */
export function loadZeroCopy(store: KeyValueStore): ZeroCopyResult | null {
  return loadStored(store, ZERO_COPY_STORAGE_KEY, parseStoredZeroCopy);
}

/** Saves a sweep; false when the store refused it. */
export function saveZeroCopy(store: KeyValueStore, result: ZeroCopyResult): boolean {
  return saveStored(store, ZERO_COPY_STORAGE_KEY, result);
}
