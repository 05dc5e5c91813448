/// <reference lib="webworker" />
// Runs the zero-copy sweep, or the detach experiment, on lesson 03's kernel in wasm, in a worker the
// page ends when it has answered (so every run starts with a fresh, small wasm memory).
import { normalize_copied, WasmVector } from '@hybrid-lab/kernels';
import { loadKernels } from '../../lib/kernels-wasm.ts';
import { estimateClockResolution, minSampleDuration } from '../batch-sweep/timing.ts';
import { observeDetach } from './detach-experiment.ts';
import { liveFloat32View } from './wasm-view.ts';
import type { FromWorker, ToWorker } from './zero-copy-protocol.ts';
import { runZeroCopySweep, type ZeroCopyKernel } from './zero-copy-sweep.ts';

declare const self: DedicatedWorkerGlobalScope;

const WHAT = "lesson 03's WebAssembly module";

function post(message: FromWorker): void {
  self.postMessage(message);
}

/** The two ways into the kernel: a JavaScript array through the glue's copies, and a vector Rust owns through a view. */
function wasmKernel(memory: WebAssembly.Memory): ZeroCopyKernel {
  return {
    copied: (values) => normalize_copied(values),
    allocate(length) {
      const vector = new WasmVector(length);
      return { view: liveFloat32View(memory, vector.ptr(), vector.len()), normalize: () => vector.normalize(), free: () => vector.free() };
    },
  };
}

async function sweep(sizes: readonly number[], repeats: number, seed: number): Promise<void> {
  const memory = await loadKernels(WHAT);
  const now = () => performance.now();
  const clockResolutionMs = estimateClockResolution(now);
  const minSampleMs = minSampleDuration(clockResolutionMs);
  const total = sizes.length;
  post({ type: 'started', total, clockResolutionMs, minSampleMs });
  const points = runZeroCopySweep(wasmKernel(memory), {
    sizes,
    repeats,
    seed,
    now,
    minSampleMs,
    onPoint: (point, index) => post({ type: 'point', index, total, point }),
  });
  const measuredAt = new Date().toISOString();
  post({
    type: 'swept',
    result: { measuredAt, repeats, minSampleMs, clockResolutionMs, crossOriginIsolated: self.crossOriginIsolated, points },
  });
}

async function detach(elements: number): Promise<void> {
  const memory = await loadKernels(WHAT);
  const vector = new WasmVector(elements);
  try {
    // Rust allocates the large vector: its allocator grows the memory, as any allocation may.
    post({ type: 'detached', result: observeDetach(memory, vector, (bytes) => new WasmVector(Math.ceil(bytes / 4))) });
  } finally {
    vector.free();
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const work = message.type === 'sweep' ? sweep(message.sizes, message.repeats, message.seed) : detach(message.elements);
  work.catch((error: unknown) => {
    post({
      type: 'error',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    });
  });
};
