// The GC window demo on the page: the Run button, one worker per window, progress, the percentile
// table and chart, the memory figures, the reading, and the last finished run from localStorage.
import { browserStorage } from '../../lib/browser-storage.ts';
import { formatDateTime } from '../../lib/date-time.ts';
import { demoPanel } from '../../lib/demo-panel.ts';
import { markDemoRun } from '../../lib/progress.ts';
import { frameForWidth } from '../batch-sweep/sweep-chart.ts';
import { formatCount } from '../batch-sweep/sweep-format.ts';
import { progressStore } from '../progress/progress-store.ts';
import { gcChartModel } from './gc-window-chart.ts';
import { windowsDisagree } from './gc-window-check.ts';
import { describeClock, formatMs, type MemoryFact, memoryFacts, PERCENTILE_ROWS } from './gc-window-format.ts';
import {
  type FromWorker,
  type GcWindowResult,
  type ToWorker,
  VARIANT_LABELS,
  VARIANTS,
  type Variant,
  type VariantResult,
} from './gc-window-protocol.ts';
import { describeGcWindow, readGcWindow } from './gc-window-reading.ts';
import { renderGcChart } from './gc-window-render.ts';
import { loadGcWindow, saveGcWindow } from './gc-window-storage.ts';
import { GC_WINDOW_WORKLOAD, totalBatches } from './gc-window-workload.ts';

const COMPONENT = 'GcWindowDemo';

/** One variant's finished run, as its worker reported it. */
interface VariantOutcome {
  result: VariantResult;
  crossOriginIsolated: boolean;
}

/** Wires one GcWindowDemo: run button, workers, progress, tables, chart, reading and the stored last run. */
export function setUpGcWindowDemo(root: HTMLElement): void {
  const { runButton, progress, status, errorBox, reading, clock, part, showChart } = demoPanel(root, COMPONENT);
  const heapNote = part('[data-heap-note]');
  const lessonId = root.dataset.lesson;

  let running = false;
  let shown: GcWindowResult | null = null;

  const setRunning = (value: boolean) => {
    running = value;
    runButton.disabled = value;
    runButton.textContent = value ? 'Measuring…' : shown ? 'Run both windows again' : 'Run both windows';
    progress.hidden = !value;
    root.dataset.state = value ? 'running' : 'idle';
  };

  const showResult = (result: GcWindowResult, label: string) => {
    shown = result;
    for (const variant of VARIANTS) {
      const { distribution } = result.variants[variant];
      for (const { stat } of PERCENTILE_ROWS) {
        part(`[data-table="percentiles"] [data-row="${stat}"] [data-variant="${variant}"]`).textContent = formatMs(
          distribution[stat],
          result.clockResolutionMs,
        );
      }
      const facts = memoryFacts(result.variants[variant]);
      for (const fact of Object.keys(facts) as MemoryFact[])
        part(`[data-table="memory"] [data-row="${fact}"] [data-variant="${variant}"]`).textContent = facts[fact];
    }
    heapNote.hidden = VARIANTS.every((variant) => result.variants[variant].memory.jsHeapAfter !== null);
    showChart((target, width) => renderGcChart(target, gcChartModel(result, frameForWidth(width))));
    reading.textContent = describeGcWindow(readGcWindow(result));
    reading.hidden = false;
    clock.textContent = describeClock(result);
    clock.hidden = false;
    const { batches, batch } = result.workload;
    status.textContent =
      `${label} ${formatDateTime(result.measuredAt)} in this browser: ${formatCount(batches)} timed batches of ` +
      `${formatCount(batch)} samples per window.`;
    root.dataset.measuredAt = result.measuredAt;
  };

  /** Runs one variant in a fresh worker, which is ended when it has answered. */
  const runVariant = (variant: Variant, index: number): Promise<VariantOutcome> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./gc-window.worker.ts', import.meta.url), { type: 'module', name: `gc-window-${variant}` });
      const label = VARIANT_LABELS[variant];
      const finish = (outcome: () => void) => {
        worker.terminate();
        outcome();
      };
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'progress') {
          progress.max = VARIANTS.length * message.total;
          progress.value = index * message.total + message.done;
          status.textContent = `Measuring ${label} (${index + 1} of ${VARIANTS.length}): ${formatCount(message.done)} of ${formatCount(message.total)} batches…`;
        } else if (message.type === 'done') {
          finish(() => resolve({ result: message.result, crossOriginIsolated: message.crossOriginIsolated }));
        } else {
          finish(() => reject(new Error(`The ${label} run failed: ${message.name}: ${message.message}.`)));
        }
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        finish(() => reject(new Error(`The worker measuring ${label} failed: ${event.message || 'it could not be started'}.`)));
      };
      worker.onmessageerror = () => finish(() => reject(new Error(`A message from the worker measuring ${label} could not be read.`)));
      const message: ToWorker = { type: 'run', variant, workload: GC_WINDOW_WORKLOAD };
      worker.postMessage(message);
    });

  const run = async () => {
    errorBox.hidden = true;
    setRunning(true);
    progress.max = VARIANTS.length * totalBatches(GC_WINDOW_WORKLOAD);
    progress.value = 0;
    status.textContent = 'Starting the first worker…';
    try {
      const outcomes: VariantOutcome[] = [];
      for (const [index, variant] of VARIANTS.entries()) outcomes.push(await runVariant(variant, index));
      const [js, rust] = outcomes as [VariantOutcome, VariantOutcome];
      const disagreement = windowsDisagree(js.result, rust.result);
      if (disagreement) throw new Error(disagreement);
      const result: GcWindowResult = {
        measuredAt: new Date().toISOString(),
        workload: GC_WINDOW_WORKLOAD,
        clockResolutionMs: Math.max(js.result.clockResolutionMs, rust.result.clockResolutionMs),
        crossOriginIsolated: js.crossOriginIsolated && rust.crossOriginIsolated,
        variants: { jsObjects: js.result, rustWasm: rust.result },
      };
      showResult(result, 'Measured');
      setRunning(false);
      const store = browserStorage();
      if (store) saveGcWindow(store, result);
      if (lessonId) markDemoRun(progressStore(), lessonId);
    } catch (error) {
      setRunning(false);
      errorBox.textContent = `${error instanceof Error ? error.message : String(error)} Press the button to measure again.`;
      errorBox.hidden = false;
      status.textContent = shown ? `Still showing the run measured ${formatDateTime(shown.measuredAt)}.` : '';
    }
  };

  runButton.addEventListener('click', () => {
    if (!running) void run();
  });

  const store = browserStorage();
  const last = store ? loadGcWindow(store) : null;
  if (last) showResult(last, 'Showing your last run, measured');
  runButton.hidden = false;
  setRunning(false);
  // From now on the button's clicks are the demo's (demo-boot.ts stops forwarding them).
  root.dataset.demoReady = 'true';
}
