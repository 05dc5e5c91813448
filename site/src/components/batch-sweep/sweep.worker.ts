/// <reference lib="webworker" />
// Runs the batch-size sweep off the main thread, on the real wasm kernel of lesson 01.
import init, { dot_step, panic_on_purpose, Samples } from '@hybrid-lab/kernels';
import wasmUrl from '@hybrid-lab/kernels/wasm?url';
import { type FromWorker, type SweepResult, type ToWorker } from './sweep-protocol.ts';
import { runSweep } from './sweep-runner.ts';
import { batchSizes } from './sweep-schedule.ts';
import { estimateClockResolution, minSampleDuration } from './timing.ts';

declare const self: DedicatedWorkerGlobalScope;

type Kernel = Awaited<ReturnType<typeof init>>;
let kernel: Promise<Kernel> | undefined;

function loadKernel(): Promise<Kernel> {
  kernel ??= init({ module_or_path: wasmUrl });
  return kernel;
}

function post(message: FromWorker): void {
  self.postMessage(message);
}

/** Plain JavaScript dot product of one batch, read straight from the wasm memory views. */
function jsDot(a: Float32Array, b: Float32Array, start: number, length: number): number {
  let sum = 0;
  const end = start + length;
  for (let i = start; i < end; i += 1) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

async function run(elements: number, repeats: number, seed: number): Promise<void> {
  const wasm = await loadKernel();
  const samples = new Samples(elements);
  try {
    samples.fill_pseudo_random(seed);
    let a = new Float32Array(0);
    let b = new Float32Array(0);
    // Zero-copy views of the two arrays inside wasm memory; re-made if the memory grew (new buffer).
    const views = (): void => {
      if (a.length === 0 || a.buffer !== wasm.memory.buffer) {
        a = new Float32Array(wasm.memory.buffer, samples.a_ptr(), samples.len());
        b = new Float32Array(wasm.memory.buffer, samples.b_ptr(), samples.len());
      }
    };
    views();
    let sum = 0;
    let magnitude = 0;
    for (let i = 0; i < elements; i += 1) {
      const product = (a[i] as number) * (b[i] as number);
      sum += product;
      magnitude += Math.abs(product);
    }
    const sizes = batchSizes(elements);
    const now = () => performance.now();
    const clockResolutionMs = estimateClockResolution(now);
    const minSampleMs = minSampleDuration(clockResolutionMs);
    post({ type: 'started', batchSizes: sizes, clockResolutionMs, minSampleMs });
    const points = runSweep({
      elements,
      batchSizes: sizes,
      reference: { sum, magnitude },
      now,
      minSampleMs,
      repeats,
      passes: {
        perElement(size) {
          views();
          let total = 0;
          for (let start = 0; start < elements; start += size) {
            let acc = 0;
            const end = start + size;
            for (let i = start; i < end; i += 1) acc = dot_step(acc, a[i] as number, b[i] as number);
            total += acc;
          }
          return total;
        },
        batched(size) {
          let total = 0;
          for (let start = 0; start < elements; start += size) total += samples.dot_range(start, size);
          return total;
        },
        plainJs(size) {
          views();
          let total = 0;
          for (let start = 0; start < elements; start += size) total += jsDot(a, b, start, size);
          return total;
        },
      },
      onPoint: (point, index) => post({ type: 'point', index, total: sizes.length, point }),
    });
    const result: SweepResult = { measuredAt: new Date().toISOString(), elements, clockResolutionMs, points };
    post({ type: 'done', result });
  } finally {
    try {
      samples.free();
    } catch {
      // After a trap the instance cannot be trusted and free() may fail too; the page drops this worker.
    }
  }
}

function reportError(error: unknown): void {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  post({ type: 'error', name, message });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'run') {
    run(message.elements, message.repeats, message.seed).catch(reportError);
  } else if (message.type === 'panic') {
    loadKernel()
      .then(() => panic_on_purpose())
      .catch(reportError);
  }
};
