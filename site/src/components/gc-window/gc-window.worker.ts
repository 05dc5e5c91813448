/// <reference lib="webworker" />
// Runs one window of the GC demo in a worker of its own, which the page then ends: like the lesson's
// Go program, which runs each variant in its own process, no window inherits the other's heap.
import { WasmWindow } from '@hybrid-lab/kernels';
import { loadKernels } from '../../lib/kernels-wasm.ts';
import { estimateClockResolution } from '../batch-sweep/timing.ts';
import { distribution, percentileCurve } from './batch-percentiles.ts';
import type { FromWorker, ToWorker, Variant, VariantMemory, VariantResult } from './gc-window-protocol.ts';
import { runWorkload } from './gc-window-run.ts';
import { jsObjectWindow, rustWasmWindow, type WindowUnderTest } from './gc-window-variants.ts';
import type { GcWindowWorkload } from './gc-window-workload.ts';

declare const self: DedicatedWorkerGlobalScope;

function post(message: FromWorker): void {
  self.postMessage(message);
}

/** performance.memory.usedJSHeapSize where this worker has it (Chromium has it on a page's main thread only). */
function usedJsHeap(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize?: number } }).memory;
  return typeof memory?.usedJSHeapSize === 'number' ? memory.usedJSHeapSize : null;
}

async function run(variant: Variant, workload: GcWindowWorkload): Promise<void> {
  const wasmMemory = variant === 'rustWasm' ? await loadKernels("the Rust window's WebAssembly module") : null;
  const now = () => performance.now();
  const clockResolutionMs = estimateClockResolution(now);
  const jsHeapBefore = usedJsHeap();
  const wasmBefore = wasmMemory ? wasmMemory.buffer.byteLength : null;
  let window: WindowUnderTest;
  let rustHeapBytes: () => number | null = () => null;
  if (variant === 'rustWasm') {
    const rust = rustWasmWindow(WasmWindow, workload.window);
    rustHeapBytes = rust.heapBytes;
    window = rust;
  } else {
    window = jsObjectWindow(workload.window);
  }
  try {
    const timed = runWorkload(window, workload, {
      now,
      onProgress: (done, total) => post({ type: 'progress', variant, done, total }),
    });
    const memory: VariantMemory = {
      jsHeapBefore,
      jsHeapAfter: usedJsHeap(),
      // The JavaScript window keeps one object per sample and one per key; the Rust window, one wrapper.
      liveObjects: variant === 'jsObjects' ? timed.totals.samples + timed.totals.keys : 1,
      wasmBefore,
      wasmAfter: wasmMemory ? wasmMemory.buffer.byteLength : null,
      rustHeapBytes: rustHeapBytes(),
    };
    const result: VariantResult = {
      variant,
      distribution: distribution(timed.times),
      curve: percentileCurve(timed.times),
      timedMs: timed.times.reduce((sum, time) => sum + time, 0),
      totals: timed.totals,
      checksum: timed.checksum,
      memory,
      clockResolutionMs,
    };
    post({ type: 'done', result, crossOriginIsolated: self.crossOriginIsolated });
  } finally {
    window.free();
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const { variant, workload } = event.data;
  run(variant, workload).catch((error: unknown) => {
    const name = error instanceof Error ? error.name : 'Error';
    post({ type: 'error', variant, name, message: error instanceof Error ? error.message : String(error) });
  });
};
