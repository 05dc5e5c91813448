/// <reference lib="webworker" />
// Runs lesson 04's panic scenario on one build of the kernels (panic=abort or panic=unwind), or only
// loads a fresh instance to answer "ready" (the recovery the page times). The page ends the worker
// when it has answered: an instance that trapped is never used again.
import * as abortBuild from '@hybrid-lab/kernels';
import * as unwindBuild from '@hybrid-lab/kernels/unwind';
import unwindUrl from '@hybrid-lab/kernels/unwind/wasm?url';
import abortUrl from '@hybrid-lab/kernels/wasm?url';
import type { FromWorker, PanicBuild, ToWorker } from './wasm-panic-protocol.ts';
import { medianCallNs, runScenario, timingBatch } from './wasm-panic-scenario.ts';

declare const self: DedicatedWorkerGlobalScope;

const BUILD_FILES = {
  abort: { glue: abortBuild, url: abortUrl },
  unwind: { glue: unwindBuild, url: unwindUrl },
} as const;

/** Lines of the batch whose add_batch calls are timed. */
const TIMING_LINES = 100;
/** Calls in one timed sample: about 10 ms of them, so that a coarse clock (0.1 ms steps) reads it finely. */
const TIMING_REPEAT = 1000;

function post(message: FromWorker): void {
  self.postMessage(message);
}

/** Fetches, compiles and instantiates one build; returns its glue, the file's size and the time taken. */
async function load(build: PanicBuild) {
  const { glue, url } = BUILD_FILES[build];
  const start = performance.now();
  let bytes: ArrayBuffer;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    bytes = await response.arrayBuffer();
    await glue.default({ module_or_path: bytes });
  } catch (error) {
    throw new Error(
      `the panic=${build} build of the kernels could not be loaded (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return { glue, wasmBytes: bytes.byteLength, loadMs: performance.now() - start };
}

async function handle(message: ToWorker): Promise<void> {
  const { glue, wasmBytes, loadMs } = await load(message.build);
  if (message.type === 'ready') {
    post({ type: 'ready', loadMs, batches: new glue.OrderLedger().batches() });
    return;
  }
  // Timed first, while the instance is whole; the scenario's panic comes last.
  const callNs = medianCallNs(glue, timingBatch(TIMING_LINES), message.samples, TIMING_REPEAT, () => performance.now());
  const scenario = runScenario(glue);
  post({ type: 'ran', run: { build: message.build, scenario, wasmBytes, callNs, loadMs } });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  handle(event.data).catch((error: unknown) => {
    post({
      type: 'error',
      name: error instanceof Error ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
    });
  });
};
