// The zero-copy demo on the page: the two buttons, a fresh worker for each run, progress, the table,
// chart and reading of the sweep, the detach experiment's values, and the last sweep from localStorage.
import { browserStorage } from '../../lib/browser-storage.ts';
import { formatDateTime } from '../../lib/date-time.ts';
import { demoPanel } from '../../lib/demo-panel.ts';
import { markDemoRun } from '../../lib/progress.ts';
import { formatCount } from '../batch-sweep/sweep-format.ts';
import { progressStore } from '../progress/progress-store.ts';
import { DETACH_ROWS, describeDetach, detachFacts } from './detach-reading.ts';
import { zeroCopyChartModel, zeroCopyFrame } from './zero-copy-chart.ts';
import { describeSweepClock, formatVectorSize, SIZE_CELLS, sizeCells } from './zero-copy-format.ts';
import type { DetachResult, FromWorker, SizePoint, ToWorker, ZeroCopyResult } from './zero-copy-protocol.ts';
import { describeZeroCopy, readZeroCopy } from './zero-copy-reading.ts';
import { renderZeroCopyChart } from './zero-copy-render.ts';
import { loadZeroCopy, saveZeroCopy } from './zero-copy-storage.ts';
import { DETACH_ELEMENTS, INPUT_SEED, VECTOR_BYTES, ZERO_COPY_REPEATS } from './zero-copy-workload.ts';

const COMPONENT = 'WasmMemoryDemo';

/** Runs one request in a fresh worker, which is ended when it has answered; `onMessage` sees the progress messages. */
function runInWorker(request: ToWorker, what: string, onMessage: (message: FromWorker) => void): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./zero-copy.worker.ts', import.meta.url), { type: 'module', name: `zero-copy-${request.type}` });
    const finish = (outcome: () => void) => {
      worker.terminate();
      outcome();
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'swept' || message.type === 'detached') finish(() => resolve(message));
      else if (message.type === 'error')
        finish(() => reject(new Error(`The ${what} failed: ${message.name}: ${message.message.replace(/\.$/, '')}.`)));
      else onMessage(message);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish(() => reject(new Error(`The worker running the ${what} failed: ${event.message || 'it could not be started'}.`)));
    };
    worker.onmessageerror = () => finish(() => reject(new Error(`A message from the worker running the ${what} could not be read.`)));
    worker.postMessage(request);
  });
}

/** Wires one WasmMemoryDemo: both buttons, the workers, the table, chart and readings, and the stored last sweep. */
export function setUpZeroCopyDemo(root: HTMLElement): void {
  const { runButton, progress, status, errorBox, reading, clock, part, showChart } = demoPanel(root, COMPONENT);
  const detachButton = part<HTMLButtonElement>('[data-detach]');
  const detachReading = part('[data-detach-reading]');
  const experiment = part('[data-detach-experiment]');
  const lessonId = root.dataset.lesson;

  let busy = false;
  let shown: ZeroCopyResult | null = null;

  const setBusy = (value: boolean, sweeping = false) => {
    busy = value;
    runButton.disabled = value;
    detachButton.disabled = value;
    runButton.textContent = sweeping ? 'Measuring…' : shown ? 'Run the sweep again' : 'Run the sweep';
    progress.hidden = !sweeping;
    root.dataset.state = value ? 'running' : 'idle';
  };

  const showPoint = (point: SizePoint) => {
    const cells = sizeCells(point);
    for (const name of SIZE_CELLS)
      part(`[data-table="sweep"] tr[data-bytes="${point.bytes}"] [data-cell="${name}"]`).textContent = cells[name];
  };

  const showResult = (result: ZeroCopyResult, label: string) => {
    shown = result;
    for (const point of result.points) showPoint(point);
    showChart((target, width) => renderZeroCopyChart(target, zeroCopyChartModel(result.points, zeroCopyFrame(width))));
    reading.textContent = describeZeroCopy(readZeroCopy(result.points));
    reading.hidden = false;
    clock.textContent = describeSweepClock(result);
    clock.hidden = false;
    status.textContent =
      `${label} ${formatDateTime(result.measuredAt)} in this browser: ${formatCount(result.points.length)} sizes, each way's time ` +
      `the median of ${formatCount(result.repeats)} samples.`;
    root.dataset.measuredAt = result.measuredAt;
  };

  const showError = (error: unknown, button: string) => {
    errorBox.textContent = `${error instanceof Error ? error.message : String(error)} Press “${button}” to try again.`;
    errorBox.hidden = false;
  };

  const sweep = async () => {
    errorBox.hidden = true;
    setBusy(true, true);
    progress.max = VECTOR_BYTES.length;
    progress.value = 0;
    status.textContent = 'Loading the kernel in a worker…';
    try {
      const request: ToWorker = { type: 'sweep', sizes: VECTOR_BYTES, repeats: ZERO_COPY_REPEATS, seed: INPUT_SEED };
      const answer = await runInWorker(request, 'sweep', (message) => {
        if (message.type === 'started') {
          status.textContent = `Measuring ${formatVectorSize(VECTOR_BYTES[0])}…`;
        } else if (message.type === 'point') {
          showPoint(message.point);
          progress.value = message.index + 1;
          const next = VECTOR_BYTES[message.index + 1];
          status.textContent =
            next === undefined ? 'Finishing…' : `Measured ${message.index + 1} of ${message.total} sizes; now ${formatVectorSize(next)}…`;
        }
      });
      if (answer.type !== 'swept') throw new Error(`The worker answered a sweep with “${answer.type}”.`);
      showResult(answer.result, 'Measured');
      setBusy(false);
      const store = browserStorage();
      if (store) saveZeroCopy(store, answer.result);
      if (lessonId) markDemoRun(progressStore(), lessonId);
    } catch (error) {
      setBusy(false);
      // Put back what the table showed before this run (or the dashes), so no half-run stays on screen.
      if (shown) for (const point of shown.points) showPoint(point);
      else for (const td of root.querySelectorAll('[data-table="sweep"] td')) td.textContent = '–';
      showError(error, 'Run the sweep');
      status.textContent = shown ? `Still showing the sweep measured ${formatDateTime(shown.measuredAt)}.` : '';
    }
  };

  const showDetach = (result: DetachResult) => {
    const facts = detachFacts(result);
    for (const { fact } of DETACH_ROWS) part(`[data-table="detach"] tr[data-fact="${fact}"] td`).textContent = facts[fact];
    detachReading.textContent = describeDetach(result);
    detachReading.hidden = false;
    experiment.dataset.oldViewLength = String(result.oldViewLengthAfter);
    experiment.dataset.freshViewLength = String(result.freshViewLength);
  };

  const detach = async () => {
    errorBox.hidden = true;
    setBusy(true);
    try {
      const answer = await runInWorker({ type: 'detach', elements: DETACH_ELEMENTS }, 'detach experiment', () => undefined);
      if (answer.type !== 'detached') throw new Error(`The worker answered the detach experiment with “${answer.type}”.`);
      showDetach(answer.result);
    } catch (error) {
      showError(error, 'Grow the memory');
    } finally {
      setBusy(false);
    }
  };

  runButton.addEventListener('click', () => {
    if (!busy) void sweep();
  });
  detachButton.addEventListener('click', () => {
    if (!busy) void detach();
  });

  const store = browserStorage();
  const last = store ? loadZeroCopy(store) : null;
  if (last) showResult(last, 'Showing your last sweep, measured');
  runButton.hidden = false;
  detachButton.hidden = false;
  setBusy(false);
  // From now on the buttons' clicks are the demo's (demo-boot.ts stops forwarding them).
  root.dataset.demoReady = 'true';
}
