import { type KeyValueStore, loadStored, saveStored, storedJson } from '../../lib/browser-storage.ts';
import type { LearnerPoint, LearnerRun, StepMismatch, SweepPoint, SweepResult } from './sweep-protocol.ts';
import { validatePoints } from './sweep-reading.ts';

/** localStorage key of the last finished sweep. */
export const SWEEP_STORAGE_KEY = 'hybrid-lab:batch-sweep:last-result:v1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function parseLearnerPoint(raw: unknown): LearnerPoint | null {
  if (!isRecord(raw) || typeof raw.batchSize !== 'number' || !Number.isSafeInteger(raw.batchSize) || raw.batchSize < 1) return null;
  const { batchSize, lessonNs } = raw;
  if (!finite(lessonNs) || lessonNs <= 0) return null;
  if (raw.ok === true) return finite(raw.ns) && raw.ns > 0 ? { batchSize, lessonNs, ok: true, ns: raw.ns } : null;
  if (raw.ok !== false) return null;
  const { start, length, got, expected } = raw;
  // A wrong result may be NaN or Infinity, which JSON stores as null.
  const number = (value: unknown) => (finite(value) ? value : Number.NaN);
  if (!finite(start) || !finite(length) || !finite(expected)) return null;
  return { batchSize, lessonNs, ok: false, start, length, got: number(got), expected };
}

function parseStep(raw: unknown): StepMismatch | null | undefined {
  if (raw === null) return null;
  if (!isRecord(raw)) return undefined;
  const { acc, a, b, got, expected } = raw;
  if (!finite(acc) || !finite(a) || !finite(b) || !finite(expected)) return undefined;
  return { acc, a, b, got: finite(got) ? got : Number.NaN, expected };
}

/** Reads the learner part of a stored sweep; null when it is malformed. */
export function parseLearnerRun(raw: unknown): LearnerRun | null {
  const sha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
  if (!isRecord(raw) || !sha(raw.sha256) || !sha(raw.lessonSha256) || typeof raw.edited !== 'boolean') return null;
  if (!Array.isArray(raw.points)) return null;
  const step = parseStep(raw.step);
  if (step === undefined) return null;
  const points: LearnerPoint[] = [];
  for (const entry of raw.points) {
    const point = parseLearnerPoint(entry);
    if (!point) return null;
    points.push(point);
  }
  return { sha256: raw.sha256, lessonSha256: raw.lessonSha256, edited: raw.edited, step, points };
}

/** Parses a stored sweep; returns null for anything missing, malformed or with impossible numbers. */
export function parseStoredSweep(text: string | null): SweepResult | null {
  const data = storedJson(text);
  if (!isRecord(data) || !Array.isArray(data.points)) return null;
  const { measuredAt, elements, clockResolutionMs } = data;
  if (typeof measuredAt !== 'string' || Number.isNaN(Date.parse(measuredAt))) return null;
  if (typeof elements !== 'number' || !Number.isSafeInteger(elements) || elements < 1) return null;
  if (typeof clockResolutionMs !== 'number' || !(clockResolutionMs > 0) || !Number.isFinite(clockResolutionMs)) return null;
  const points: SweepPoint[] = [];
  for (const raw of data.points) {
    if (!isRecord(raw)) return null;
    const { batchSize, perElement, batched, plainJs } = raw;
    if (typeof batchSize !== 'number' || typeof perElement !== 'number' || typeof batched !== 'number' || typeof plainJs !== 'number') {
      return null;
    }
    points.push({ batchSize, perElement, batched, plainJs });
  }
  try {
    validatePoints(points);
  } catch {
    return null;
  }
  if (data.learner === undefined) return { measuredAt, elements, clockResolutionMs, points };
  const learner = parseLearnerRun(data.learner);
  return learner ? { measuredAt, elements, clockResolutionMs, points, learner } : null;
}

/** Reads the last sweep, or null; a store that throws (private mode, disabled storage) counts as empty. */
export function loadSweep(store: KeyValueStore): SweepResult | null {
  return loadStored(store, SWEEP_STORAGE_KEY, parseStoredSweep);
}

/** Saves a sweep; returns false when the store refused it. */
export function saveSweep(store: KeyValueStore, result: SweepResult): boolean {
  return saveStored(store, SWEEP_STORAGE_KEY, result);
}
