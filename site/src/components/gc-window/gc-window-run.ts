// One variant's run: fill the window, warm up, then time every batch on its own.

import type { WindowUnderTest } from './gc-window-variants.ts';
import { fillBatches, type GcWindowWorkload, requestBodies, totalBatches } from './gc-window-workload.ts';
import type { WindowTotals } from './js-window.ts';

/** What runWorkload measured and what the window ended with. */
export interface TimedRun {
  /** Time of each timed batch, in ms, in order. */
  times: Float64Array;
  /** Sum of the totals read back after every batch (fill and warm-up too), to compare with the other window. */
  checksum: number;
  /** The window's totals at the end. */
  totals: WindowTotals;
}

/** How runWorkload reads the clock and reports progress. */
export interface RunOptions {
  /** Clock in ms, performance.now in the worker. */
  now: () => number;
  /** Called every `progressEvery` batches and at the end with the batches handled so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/**
 * Feeds the workload to `window`: the batches that fill it, the warm-up batches, then the timed ones.
 * A body is made before its batch's clock starts (it stands for bytes read from the network); decoding
 * and adding it are the timed request.
 */
export function runWorkload(window: WindowUnderTest, workload: GcWindowWorkload, options: RunOptions): TimedRun {
  const { now, onProgress, progressEvery = 250 } = options;
  const next = requestBodies(workload);
  const total = totalBatches(workload);
  const untimed = fillBatches(workload) + workload.warmup;
  const times = new Float64Array(workload.batches);
  let checksum = 0;
  for (let done = 0; done < total; ) {
    const body = next();
    const start = now();
    const read = window.handle(body);
    const end = now();
    if (done >= untimed) times[done - untimed] = end - start;
    // Kept below 2^52 so that it stays exact however long the run.
    checksum = (checksum + read) % 2 ** 52;
    done += 1;
    if (onProgress && (done % progressEvery === 0 || done === total)) onProgress(done, total);
  }
  return { times, checksum, totals: window.summary() };
}
