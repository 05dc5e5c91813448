// The demo's scenario on the real builds of the kernels (kernels/pkg and kernels/pkg-unwind, made by
// `npm run build -w @hybrid-lab/kernels`), in Node: what the page's table and reading are built from.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as abortBuild from '@hybrid-lab/kernels';
import * as unwindBuild from '@hybrid-lab/kernels/unwind';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildRun, ScenarioResult, WasmPanicResult } from './wasm-panic-protocol.ts';
import { phantomLines, readWasmPanic, tableCells } from './wasm-panic-reading.ts';
import { medianCallNs, runScenario, timingBatch } from './wasm-panic-scenario.ts';
import { parseStoredWasmPanic } from './wasm-panic-storage.ts';

const wasmFile = (specifier: string) => readFileSync(fileURLToPath(import.meta.resolve(specifier)));
let abort: ScenarioResult;
let unwind: ScenarioResult;

beforeAll(() => {
  abortBuild.initSync({ module: wasmFile('@hybrid-lab/kernels/wasm') });
  unwindBuild.initSync({ module: wasmFile('@hybrid-lab/kernels/unwind/wasm') });
  abort = runScenario(abortBuild);
  unwind = runScenario(unwindBuild);
});

const message = 'index out of bounds: the len is 4 but the index is 4';

describe('panic=abort: the trap, and the ledger it leaves', () => {
  it('traps with unreachable, and the panic hook kept the message before it', () => {
    expect(abort.goodLines).toBe(6);
    expect(abort.panicCall).toEqual({ ok: false, name: 'RuntimeError', message: 'unreachable' });
    expect(abort.hookMessage).toEqual({ ok: true, value: message });
  });

  it('the same ledger cannot be used or even read again: its borrow flag was never released', () => {
    for (const call of [abort.nextCall, abort.counts]) {
      expect(call).toMatchObject({ ok: false, name: 'Error', message: expect.stringContaining('recursive use of an object') });
    }
    expect(abort.linesAccepted).toBeNull();
  });
});

describe('panic=unwind: the caught panic, and a ledger that lies', () => {
  it('throws a PanicError with the message, and the same ledger keeps answering', () => {
    expect(unwind.panicCall).toEqual({ ok: false, name: 'PanicError', message });
    expect(unwind.nextCall).toEqual({ ok: true, value: '1' });
  });

  it('counts the two lines read before the panic, in a batch it never accepted', () => {
    expect([unwind.linesAccepted, unwind.linesCounted]).toEqual([7, 9]);
  });

  it('times a good call the same way on both builds', () => {
    let tick = 0;
    const now = () => (tick += 0.001);
    expect(medianCallNs(unwindBuild, timingBatch(10), 5, 3, now)).toBeGreaterThan(0);
  });
});

describe('the table and the reading', () => {
  const run = (build: 'abort' | 'unwind', scenario: ScenarioResult, wasmBytes: number, callNs: number): BuildRun => ({
    build,
    scenario,
    wasmBytes,
    callNs,
    loadMs: 3,
  });
  const result = (callRatio: number): WasmPanicResult => ({
    measuredAt: '2026-11-23T10:00:00.000Z',
    runs: { abort: run('abort', abort, 48_000, 10_000), unwind: run('unwind', unwind, 54_000, 10_000 * callRatio) },
    recoveryMs: 41.6,
    recoveredBatches: 0,
    samples: 21,
  });

  it('reads what happened from the results, and says when call times do not clearly differ', () => {
    const text = readWasmPanic(result(1.05));
    expect(text).toContain('a trap (RuntimeError: unreachable)');
    expect(text).toContain('the next call on the same ledger failed too (Error)');
    expect(text).toContain('ready in 42 ms');
    expect(text).toContain('arrived as PanicError');
    expect(text).toContain('counts 2 lines that no accepted batch holds');
    expect(text).toContain('13% larger');
    expect(text).toContain('and in this run there was no clear difference in the time of a call.');
    expect(readWasmPanic(result(1.6))).toContain('and in this run a call took 1.60 times as long as with panic=abort.');
  });

  it('fills every cell, and a stored run reads back the same', () => {
    const shown = result(1);
    const cells = tableCells(shown);
    expect(cells.counts.unwind).toBe('7 / 9: 2 counted from a batch never accepted');
    expect(cells.counts.abort).toMatch(/^could not be read: threw Error: recursive use/);
    expect(cells.recovery.abort).toMatch(/ready in 42 ms; its ledger starts with 0 batches$/);
    expect(phantomLines(shown, 'abort')).toBeNull();
    expect(parseStoredWasmPanic(JSON.stringify(shown))).toEqual(shown);
    expect(parseStoredWasmPanic(JSON.stringify({ ...shown, runs: { abort: shown.runs.abort } }))).toBeNull();
    expect(parseStoredWasmPanic('{not json')).toBeNull();
  });
});
