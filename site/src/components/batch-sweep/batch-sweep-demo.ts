import { renderChart } from './chart-render.ts';
import { chartModel, frameForWidth } from './sweep-chart.ts';
import { formatDateTime } from '../../lib/date-time.ts';
import { formatCount, formatNs } from './sweep-format.ts';
import { type FromWorker, METHODS, type SweepPoint, type SweepResult, type ToWorker } from './sweep-protocol.ts';
import { describeReading, readSweep } from './sweep-reading.ts';
import { SWEEP_ELEMENTS, SWEEP_REPEATS } from './sweep-schedule.ts';
import { browserStorage } from '../../lib/browser-storage.ts';
import { markDemoRun } from '../../lib/progress.ts';
import { progressStore } from '../progress/progress-store.ts';
import { required } from '../../lib/dom.ts';
import { loadSweep, saveSweep } from './sweep-storage.ts';

const SEED = 2024;



/** Explains an error from the worker; a trap from Rust gets the story of why the worker was replaced. */
function explain(name: string, message: string): string {
  const what = `${name}: ${message}`;
  if (name === 'RuntimeError') {
    return (
      `The kernel trapped (${what}). A Rust panic in wasm built with panic=abort ends in an ` +
      '"unreachable" instruction; the instance may be left half-updated, so the page threw this worker ' +
      'away and started a fresh one with a new copy of the kernel.'
    );
  }
  return `The demo failed (${what}). The page started a fresh worker; press the button to measure again.`;
}

/** Wires one BatchSweepDemo: run button, worker, progress, table, chart, reading and the stored last result. */
function setUpDemo(root: HTMLElement): void {
  const runButton = required<HTMLButtonElement>(root, '[data-run]', 'BatchSweepDemo');
  const panicButton = root.querySelector<HTMLButtonElement>('[data-panic]');
  const progress = required<HTMLProgressElement>(root, '[data-progress]', 'BatchSweepDemo');
  const status = required<HTMLElement>(root, '[data-status]', 'BatchSweepDemo');
  const errorBox = required<HTMLElement>(root, '[data-error]', 'BatchSweepDemo');
  const reading = required<HTMLElement>(root, '[data-reading]', 'BatchSweepDemo');
  const chart = required<SVGSVGElement>(root, 'svg[data-chart]', 'BatchSweepDemo');
  const chartEmpty = required<HTMLElement>(root, '[data-chart-empty]', 'BatchSweepDemo');
  const chartBox = required<HTMLElement>(root, '.chart-box', 'BatchSweepDemo');
  const lessonId = root.dataset.lesson;
  const rows = new Map<number, HTMLTableRowElement>();
  for (const row of root.querySelectorAll<HTMLTableRowElement>('tr[data-batch]')) rows.set(Number(row.dataset.batch), row);

  let worker: Worker | null = null;
  let running = false;
  let points: SweepPoint[] = [];

  const setRunning = (value: boolean) => {
    running = value;
    runButton.disabled = value;
    if (panicButton) panicButton.disabled = value;
    runButton.textContent = value ? 'Measuring…' : points.length > 0 ? 'Run the sweep again' : 'Run the sweep';
    progress.hidden = !value;
    root.dataset.state = value ? 'running' : 'idle';
  };

  const showPoints = (shown: readonly SweepPoint[]) => {
    for (const row of rows.values()) {
      for (const cell of row.querySelectorAll<HTMLElement>('td[data-method]')) {
        cell.textContent = '–';
        cell.classList.remove('fastest');
      }
    }
    for (const point of shown) {
      const row = rows.get(point.batchSize);
      if (!row) continue;
      const fastest = METHODS.reduce((best, method) => (point[method] < point[best] ? method : best));
      for (const method of METHODS) {
        const cell = row.querySelector<HTMLElement>(`td[data-method="${method}"]`);
        if (!cell) continue;
        cell.textContent = formatNs(point[method]);
        cell.classList.toggle('fastest', method === fastest);
      }
    }
    drawChart(shown);
  };

  let drawnWidth = 0;
  const drawChart = (shown: readonly SweepPoint[]) => {
    chartBox.classList.toggle('empty', shown.length === 0);
    chartEmpty.hidden = shown.length > 0;
    if (shown.length === 0) return;
    drawnWidth = chartBox.clientWidth;
    renderChart(chart, chartModel(shown, frameForWidth(drawnWidth)));
  };

  const showResult = (result: SweepResult, label: string) => {
    points = result.points;
    showPoints(points);
    reading.textContent = describeReading(readSweep(points));
    reading.hidden = false;
    status.textContent = `${label} ${formatDateTime(result.measuredAt)} in this browser (${formatCount(result.elements)} elements, clock step ${result.clockResolutionMs.toPrecision(2)} ms).`;
    root.dataset.measuredAt = result.measuredAt;
  };

  const fail = (name: string, message: string) => {
    errorBox.textContent = explain(name, message);
    errorBox.hidden = false;
    worker?.terminate();
    worker = createWorker();
    setRunning(false);
    status.textContent = '';
  };

  const handle = (message: FromWorker) => {
    switch (message.type) {
      case 'started':
        progress.max = message.batchSizes.length;
        progress.value = 0;
        status.textContent = `Measuring batch size 1 (1 of ${message.batchSizes.length})…`;
        break;
      case 'point': {
        points = [...points, message.point];
        showPoints(points);
        progress.value = message.index + 1;
        const next = message.index + 1 < message.total ? ` Next: batch size ${formatCount(message.point.batchSize * 2)} (${message.index + 2} of ${message.total})…` : '';
        status.textContent = `Measured ${message.index + 1} of ${message.total} batch sizes.${next}`;
        break;
      }
      case 'done': {
        setRunning(false);
        showResult(message.result, 'Measured');
        const store = browserStorage();
        if (store) saveSweep(store, message.result);
        if (lessonId) markDemoRun(progressStore(), lessonId);
        break;
      }
      case 'error':
        fail(message.name, message.message);
        break;
    }
  };

  function createWorker(): Worker {
    const created = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'batch-sweep' });
    created.onmessage = (event: MessageEvent<FromWorker>) => handle(event.data);
    created.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fail('Error', event.message || 'the worker could not be started');
    };
    created.onmessageerror = () => fail('Error', 'a message from the worker could not be read');
    return created;
  }

  const send = (message: ToWorker) => {
    worker ??= createWorker();
    worker.postMessage(message);
  };

  runButton.addEventListener('click', () => {
    if (running) return;
    errorBox.hidden = true;
    reading.hidden = true;
    points = [];
    showPoints(points);
    setRunning(true);
    status.textContent = 'Loading the kernel and checking the clock…';
    send({ type: 'run', elements: SWEEP_ELEMENTS, repeats: SWEEP_REPEATS, seed: SEED });
  });

  panicButton?.addEventListener('click', () => {
    if (running) return;
    errorBox.hidden = true;
    send({ type: 'panic' });
  });

  // Redraw at the new size when the chart's width changes a lot (rotation, window resize).
  new ResizeObserver(() => {
    if (points.length > 0 && Math.abs(chartBox.clientWidth - drawnWidth) > 24) drawChart(points);
  }).observe(chartBox);

  const store = browserStorage();
  const last = store ? loadSweep(store) : null;
  if (last) showResult(last, 'Showing your last run, measured');
  runButton.hidden = false;
  if (panicButton) panicButton.hidden = false;
  setRunning(false);
}

/** Sets up every BatchSweepDemo on the page. */
export function setUpBatchSweepDemos(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-batch-sweep]')) setUpDemo(root);
}
