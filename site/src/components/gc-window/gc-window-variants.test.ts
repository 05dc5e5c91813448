// The two windows on the real wasm build (kernels/pkg, made by `npm run build -w @hybrid-lab/kernels`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, WasmWindow } from '@hybrid-lab/kernels';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWorkload } from './gc-window-run.ts';
import { jsObjectWindow, readBackIndexes, rustWasmWindow } from './gc-window-variants.ts';

beforeAll(() => {
  initSync({ module: readFileSync(fileURLToPath(import.meta.resolve('@hybrid-lab/kernels/wasm'))) });
});

const workload = { window: 5000, keys: 300, batch: 512, warmup: 4, batches: 30, seed: 7 };

describe('the two windows', () => {
  it('end with the same totals and read back the same per-key totals from the same batches', () => {
    let tick = 0;
    const now = () => (tick += 1);
    const js = runWorkload(jsObjectWindow(workload.window), workload, { now });
    const rust = rustWasmWindow(WasmWindow, workload.window);
    const fromRust = runWorkload(rust, workload, { now });
    expect(fromRust.totals).toEqual(js.totals);
    expect(fromRust.checksum).toBe(js.checksum);
    expect(js.totals.samples).toBe(workload.window);
    expect(js.totals.keys).toBe(workload.keys);
    expect(js.totals.evicted).toBe(
      (Math.ceil(workload.window / workload.batch) + workload.warmup + workload.batches) * workload.batch - workload.window,
    );
    expect(rust.heapBytes()).toBeGreaterThan(workload.window * 12);
    rust.free();
  });

  it('reads back four keys of a batch, or every key of a short one', () => {
    expect(readBackIndexes(512)).toEqual([0, 128, 256, 384]);
    expect(readBackIndexes(3)).toEqual([0, 1, 2]);
    expect(readBackIndexes(0)).toEqual([]);
  });
});

describe('WasmWindow', () => {
  it('throws a JavaScript error that says what was wrong, instead of trapping', () => {
    expect(() => new WasmWindow(0)).toThrow('WasmWindow: the capacity must be at least 1 sample, got 0.');
    const window = new WasmWindow(4);
    expect(() => window.add_batch(new BigUint64Array([1n, 2n]), new Uint32Array([1]))).toThrow(
      'WasmWindow.add_batch: 2 keys but 1 values; pass one value per key.',
    );
    window.add_batch(new BigUint64Array([1n, 2n, 1n]), new Uint32Array([5, 6, 7]));
    const stats = window.stats(1n);
    expect([stats.count, stats.sum]).toEqual([2n, 12n]);
    const summary = window.summary();
    expect([summary.samples, summary.keys, summary.sum, summary.evicted]).toEqual([3n, 2n, 18n, 0n]);
    expect(window.capacity()).toBe(4);
    window.free();
  });
});
