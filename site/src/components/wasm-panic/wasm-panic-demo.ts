// Lesson 04's browser demo on the page: one worker per build runs the scenario; after the abort build's
// trap, a new worker with a new instance is timed from start to its first answer (the recovery). The
// table, the reading and the last run in localStorage.
import { browserStorage } from '../../lib/browser-storage.ts';
import { formatDateTime } from '../../lib/date-time.ts';
import { required } from '../../lib/dom.ts';
import { markDemoRun } from '../../lib/progress.ts';
import { progressStore } from '../progress/progress-store.ts';
import { BUILDS, type BuildRun, type FromWorker, type PanicBuild, type ToWorker, type WasmPanicResult } from './wasm-panic-protocol.ts';
import { ROWS, readWasmPanic, tableCells } from './wasm-panic-reading.ts';
import { loadWasmPanic, saveWasmPanic } from './wasm-panic-storage.ts';

const COMPONENT = 'WasmPanicDemo';
/** Timed samples of a good batch's call in each build. */
const SAMPLES = 21;

/** Sends one request to a fresh worker, and ends the worker when it has answered. */
function askWorker(request: ToWorker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./wasm-panic.worker.ts', import.meta.url), { type: 'module', name: `wasm-panic-${request.build}` });
    const finish = (outcome: () => void) => {
      worker.terminate();
      outcome();
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'error') finish(() => reject(new Error(`${message.name}: ${message.message.replace(/\.$/, '')}.`)));
      else finish(() => resolve(message));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish(() => reject(new Error(`The demo's worker failed: ${event.message || 'it could not be started'}.`)));
    };
    worker.postMessage(request);
  });
}

async function runBuild(build: PanicBuild): Promise<BuildRun> {
  const answer = await askWorker({ type: 'run', build, samples: SAMPLES });
  if (answer.type !== 'ran') throw new Error(`The worker answered a run with “${answer.type}”.`);
  return answer.run;
}

/** Wires one WasmPanicDemo: its button, the workers, the table and reading, and the stored last run. */
export function setUpWasmPanicDemo(root: HTMLElement): void {
  const part = <T extends Element = HTMLElement>(selector: string): T => required<T>(root, selector, COMPONENT);
  const runButton = part<HTMLButtonElement>('[data-run]');
  const status = part('[data-status]');
  const errorBox = part('[data-error]');
  const reading = part('[data-reading]');
  const lessonId = root.dataset.lesson;
  let shown: WasmPanicResult | null = null;

  const show = (result: WasmPanicResult, label: string) => {
    shown = result;
    const cells = tableCells(result);
    for (const { row } of ROWS) {
      for (const build of BUILDS) part(`tr[data-row="${row}"] td[data-build="${build}"]`).textContent = cells[row][build];
    }
    reading.textContent = readWasmPanic(result);
    reading.hidden = false;
    status.textContent = `${label} ${formatDateTime(result.measuredAt)} in this browser; call times are medians of ${result.samples} samples.`;
    root.dataset.measuredAt = result.measuredAt;
  };

  const run = async () => {
    errorBox.hidden = true;
    runButton.disabled = true;
    root.dataset.state = 'running';
    try {
      status.textContent = 'Running the scenario on the panic=abort build…';
      const abort = await runBuild('abort');
      status.textContent = 'Starting a new instance, as a page must after a trap…';
      const start = performance.now();
      const ready = await askWorker({ type: 'ready', build: 'abort' });
      const recoveryMs = performance.now() - start;
      if (ready.type !== 'ready') throw new Error(`The worker answered “${ready.type}” when asked to start.`);
      status.textContent = 'Running the scenario on the panic=unwind build…';
      const unwind = await runBuild('unwind');
      const result: WasmPanicResult = {
        measuredAt: new Date().toISOString(),
        runs: { abort, unwind },
        recoveryMs,
        recoveredBatches: ready.batches,
        samples: SAMPLES,
      };
      show(result, 'Ran');
      const store = browserStorage();
      if (store) saveWasmPanic(store, result);
      if (lessonId) markDemoRun(progressStore(), lessonId);
    } catch (error) {
      errorBox.textContent = `${error instanceof Error ? error.message : String(error)} Press “Run the experiment” to try again.`;
      errorBox.hidden = false;
      status.textContent = shown ? `Still showing the run of ${formatDateTime(shown.measuredAt)}.` : '';
    } finally {
      runButton.disabled = false;
      runButton.textContent = 'Run the experiment again';
      root.dataset.state = 'idle';
    }
  };

  runButton.addEventListener('click', () => {
    if (!runButton.disabled) void run();
  });
  const store = browserStorage();
  const last = store ? loadWasmPanic(store) : null;
  if (last) {
    show(last, 'Showing your last run, from');
    runButton.textContent = 'Run the experiment again';
  }
  runButton.hidden = false;
  root.dataset.demoReady = 'true';
}
