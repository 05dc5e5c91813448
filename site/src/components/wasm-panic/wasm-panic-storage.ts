// The last finished run of lesson 04's browser demo, kept in localStorage so a reload shows it again.
import { type KeyValueStore, loadStored, saveStored, storedJson } from '../../lib/browser-storage.ts';
import { isRecord } from '../lesson-editor/run-report.ts';
import { BUILDS, type BuildRun, type CallOutcome, type ScenarioResult, type WasmPanicResult } from './wasm-panic-protocol.ts';

/** localStorage key of the last finished run. */
export const WASM_PANIC_STORAGE_KEY = 'hybrid-lab:wasm-panic:last-result:v1';

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const countOrNull = (value: unknown): value is number | null => value === null || (finite(value) && Number.isSafeInteger(value));

function outcome(value: unknown): CallOutcome | null {
  if (!isRecord(value)) return null;
  if (value.ok === true && typeof value.value === 'string') return { ok: true, value: value.value };
  if (value.ok === false && typeof value.name === 'string' && typeof value.message === 'string')
    return { ok: false, name: value.name, message: value.message };
  return null;
}

function scenario(value: unknown): ScenarioResult | null {
  if (!isRecord(value) || !finite(value.goodLines) || !countOrNull(value.linesAccepted) || !countOrNull(value.linesCounted)) return null;
  const calls = [outcome(value.panicCall), outcome(value.hookMessage), outcome(value.nextCall), outcome(value.counts)];
  const [panicCall, hookMessage, nextCall, counts] = calls;
  if (!panicCall || !hookMessage || !nextCall || !counts) return null;
  return {
    goodLines: value.goodLines,
    panicCall,
    hookMessage,
    nextCall,
    counts,
    linesAccepted: value.linesAccepted,
    linesCounted: value.linesCounted,
  };
}

function buildRun(value: unknown, build: BuildRun['build']): BuildRun | null {
  if (!isRecord(value) || value.build !== build) return null;
  const run = scenario(value.scenario);
  if (!run || !finite(value.wasmBytes) || !finite(value.callNs) || !finite(value.loadMs)) return null;
  return { build, scenario: run, wasmBytes: value.wasmBytes, callNs: value.callNs, loadMs: value.loadMs };
}

/** Parses a stored run; null for anything missing or malformed. */
export function parseStoredWasmPanic(text: string | null): WasmPanicResult | null {
  const data = storedJson(text);
  if (!isRecord(data) || !isRecord(data.runs)) return null;
  const { measuredAt, recoveryMs, recoveredBatches, samples } = data;
  if (typeof measuredAt !== 'string' || Number.isNaN(Date.parse(measuredAt))) return null;
  if (!finite(recoveryMs) || !finite(recoveredBatches) || !finite(samples)) return null;
  const [abort, unwind] = BUILDS.map((build) => buildRun((data.runs as Record<string, unknown>)[build], build));
  if (!abort || !unwind) return null;
  return { measuredAt, runs: { abort, unwind }, recoveryMs, recoveredBatches, samples };
}

/** Reads the last run, or null; a store that throws counts as empty. */
export function loadWasmPanic(store: KeyValueStore): WasmPanicResult | null {
  return loadStored(store, WASM_PANIC_STORAGE_KEY, parseStoredWasmPanic);
}

/** Saves a run; false when the store refused it. */
export function saveWasmPanic(store: KeyValueStore, result: WasmPanicResult): boolean {
  return saveStored(store, WASM_PANIC_STORAGE_KEY, result);
}
