import type { KeyValueStore } from '../../lib/browser-storage.ts';
import type { SweepPoint, SweepResult } from './sweep-protocol.ts';
import { validatePoints } from './sweep-reading.ts';

/** localStorage key of the last finished sweep. */
export const SWEEP_STORAGE_KEY = 'hybrid-lab:batch-sweep:last-result:v1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a stored sweep; returns null for anything missing, malformed or with impossible numbers. */
export function parseStoredSweep(text: string | null): SweepResult | null {
  if (text === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data) || !Array.isArray(data.points)) return null;
  const { measuredAt, elements, clockResolutionMs } = data;
  if (typeof measuredAt !== 'string' || Number.isNaN(Date.parse(measuredAt))) return null;
  if (typeof elements !== 'number' || !Number.isSafeInteger(elements) || elements < 1) return null;
  if (typeof clockResolutionMs !== 'number' || !(clockResolutionMs > 0) || !Number.isFinite(clockResolutionMs)) return null;
  const points: SweepPoint[] = [];
  for (const raw of data.points) {
    if (!isRecord(raw)) return null;
    const { batchSize, perElement, batched, plainJs } = raw;
    if (
      typeof batchSize !== 'number' ||
      typeof perElement !== 'number' ||
      typeof batched !== 'number' ||
      typeof plainJs !== 'number'
    ) {
      return null;
    }
    points.push({ batchSize, perElement, batched, plainJs });
  }
  try {
    validatePoints(points);
  } catch {
    return null;
  }
  return { measuredAt, elements, clockResolutionMs, points };
}

/** Reads the last sweep, or null; a store that throws (private mode, disabled storage) counts as empty. */
export function loadSweep(store: KeyValueStore): SweepResult | null {
  try {
    return parseStoredSweep(store.getItem(SWEEP_STORAGE_KEY));
  } catch {
    return null;
  }
}

/** Saves a sweep; returns false when the store refused it. */
export function saveSweep(store: KeyValueStore, result: SweepResult): boolean {
  try {
    store.setItem(SWEEP_STORAGE_KEY, JSON.stringify(result));
    return true;
  } catch {
    return false;
  }
}
