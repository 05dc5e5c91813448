// The zero-copy demo on the page: the two buttons, a fresh worker for each run, progress, the table,
// chart and reading of the sweep, the detach experiment's values, and the last sweep from localStorage.
import { browserStorage } from '../../lib/browser-storage.ts';
import { formatDateTime } from '../../lib/date-time.ts';
import { required } from '../../lib/dom.ts';
import { markDemoRun } from '../../lib/progress.ts';
import { frameForWidth } from '../batch-sweep/sweep-chart.ts';
import { formatCount, formatNs } from '../batch-sweep/sweep-format.ts';
import { progressStore } from '../progress/progress-store.ts';
import { DETACH_ROWS, describeDetach, detachFacts } from './detach-reading.ts';
import { zeroCopyChartModel } from './zero-copy-chart.ts';
import { copyShare, describeSweepClock, formatGbps, formatShare, formatVectorSize, gigabytesPerSecond } from './zero-copy-format.ts';
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
      else if (message.type === 'error') finish(() => reject(new Error(`The ${what} failed: ${message.name}: ${message.message}.`)));
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
  const runButton = required<HTMLButtonElement>(root, '[data-run]', COMPONENT);
  const detachButton = required<HTMLButtonElement>(root, '[data-detach]', COMPONENT);
  const progress = required<HTMLProgressElement>(root, '[data-progress]', COMPONENT);
  const status = required<HTMLElement>(root, '[data-status]', COMPONENT);
  const errorBox = required<HTMLElement>(root, '[data-error]', COMPONENT);
  const reading = required<HTMLElement>(root, '[data-reading]', COMPONENT);
  const chart = required<SVGSVGElement>(root, 'svg[data-chart]', COMPONENT);
  const chartEmpty = required<HTMLElement>(root, '[data-chart-empty]', COMPONENT);
  const chartBox = required<HTMLElement>(root, '.chart-box', COMPONENT);
  const clock = required<HTMLElement>(root, '[data-clock]', COMPONENT);
  const detachReading = required<HTMLElement>(root, '[data-detach-reading]', COMPONENT);
  const experiment = required<HTMLElement>(root, '[data-detach-experiment]', COMPONENT);
  const lessonId = root.dataset.lesson;
  const cell = (selector: string) => required<HTMLElement>(root, selector, COMPONENT);

  let busy = false;
  let shown: ZeroCopyResult | null = null;
  let drawnWidth = 0;

  const setBusy = (value: boolean, sweeping = false) => {
    busy = value;
    runButton.disabled = value;
    detachButton.disabled = value;
    runButton.textContent = sweeping ? 'Measuring…' : shown ? 'Run the sweep again' : 'Run the sweep';
    progress.hidden = !sweeping;
    root.dataset.state = value ? 'running' : 'idle';
  };

  const drawChart = (points: readonly SizePoint[]) => {
    chartBox.classList.remove('empty');
    chartEmpty.hidden = true;
    drawnWidth = chartBox.clientWidth;
    renderZeroCopyChart(chart, zeroCopyChartModel(points, frameForWidth(drawnWidth)));
  };

  const showPoint = (point: SizePoint) => {
    const row = `[data-table="sweep"] tr[data-bytes="${point.bytes}"]`;
    cell(`${row} [data-cell="copied"]`).textContent = formatNs(point.copied);
    cell(`${row} [data-cell="inPlace"]`).textContent = formatNs(point.inPlace);
    cell(`${row} [data-cell="copiedGbps"]`).textContent = formatGbps(gigabytesPerSecond(point.bytes, point.copied));
    cell(`${row} [data-cell="inPlaceGbps"]`).textContent = formatGbps(gigabytesPerSecond(point.bytes, point.inPlace));
    cell(`${row} [data-cell="share"]`).textContent = formatShare(copyShare(point));
  };

  const showResult = (result: ZeroCopyResult, label: string) => {
    shown = result;
    for (const point of result.points) showPoint(point);
    drawChart(result.points);
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
    for (const { fact } of DETACH_ROWS) cell(`[data-table="detach"] tr[data-fact="${fact}"] td`).textContent = facts[fact];
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

  // Redraw at the new size when the chart's width changes a lot (rotation, window resize).
  new ResizeObserver(() => {
    if (shown && Math.abs(chartBox.clientWidth - drawnWidth) > 24) drawChart(shown.points);
  }).observe(chartBox);

  const store = browserStorage();
  const last = store ? loadZeroCopy(store) : null;
  if (last) showResult(last, 'Showing your last sweep, measured');
  runButton.hidden = false;
  detachButton.hidden = false;
  setBusy(false);
  // From now on the buttons' clicks are the demo's (demo-boot.ts stops forwarding them).
  root.dataset.demoReady = 'true';
}
