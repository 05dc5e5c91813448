// The two windows the demo measures, behind one interface: what one request does to each (decode the
// body, add its samples, read back a few keys' totals), and the totals each ends with.
import type { WasmWindow } from '@hybrid-lab/kernels';
import { decodeColumns, decodeSamples } from './gc-window-workload.ts';
import { JsObjectWindow, type WindowTotals } from './js-window.ts';

/** A window under measurement. */
export interface WindowUnderTest {
  /** Handles one request: decodes the body, adds its samples, reads back a few keys' totals and returns their count + sum. */
  handle(body: ArrayBuffer): number;
  /** Totals of the whole window. */
  summary(): WindowTotals;
  /** Frees what the window holds outside the JavaScript heap; nothing for the JavaScript window. */
  free(): void;
}

/**
 * Indexes of the samples whose keys a request reads back: every quarter of the batch, as the Go
 * program's handler reads four keys' totals after adding a batch.
 */
export function readBackIndexes(count: number): number[] {
  const step = Math.max(1, Math.floor(count / 4));
  const indexes: number[] = [];
  for (let i = 0; i < count; i += step) indexes.push(i);
  return indexes;
}

/** The JavaScript window of `capacity` samples: a new object per decoded sample, one kept per sample in the window. */
export function jsObjectWindow(capacity: number): WindowUnderTest {
  const window = new JsObjectWindow(capacity);
  return {
    handle(body) {
      const samples = decodeSamples(body);
      window.addBatch(samples);
      let read = 0;
      for (const index of readBackIndexes(samples.length)) {
        const totals = window.stats((samples[index] as { key: number }).key);
        read += totals.count + totals.sum;
      }
      return read;
    },
    summary: () => window.summary(),
    free() {},
  };
}

/** The Rust window of `capacity` samples in wasm memory, fed one batch per call through two typed arrays. */
export function rustWasmWindow(Window: typeof WasmWindow, capacity: number): WindowUnderTest & { heapBytes(): number } {
  const window = new Window(capacity);
  return {
    handle(body) {
      const { keys, values } = decodeColumns(body);
      window.add_batch(keys, values);
      let read = 0;
      for (const index of readBackIndexes(keys.length)) {
        const totals = window.stats(keys[index] as bigint);
        read += Number(totals.count) + Number(totals.sum);
        totals.free();
      }
      return read;
    },
    summary() {
      const summary = window.summary();
      const totals = {
        samples: Number(summary.samples),
        keys: Number(summary.keys),
        sum: Number(summary.sum),
        evicted: Number(summary.evicted),
      };
      summary.free();
      return totals;
    },
    heapBytes: () => window.heap_bytes(),
    free: () => window.free(),
  };
}
