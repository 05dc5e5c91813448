import { browserStorage } from '../../lib/browser-storage.ts';
import { formatDateTime } from '../../lib/date-time.ts';
import { required } from '../../lib/dom.ts';
import { markDemoRun } from '../../lib/progress.ts';
import { progressStore } from '../progress/progress-store.ts';
import { renderChart } from './chart-render.ts';
import { KERNEL_WATCHDOG_MS } from './learner-errors.ts';
import { chartModel, frameForWidth } from './sweep-chart.ts';
import type { LearnerMeasureOutcome, SweepDemoApi } from './sweep-demo-api.ts';
import { formatCount, formatNs } from './sweep-format.ts';
import {
  type FromWorker,
  LEARNER,
  LESSON_BUILD,
  type LearnerModules,
  type LearnerPoint,
  METHODS,
  type SweepPoint,
  type SweepResult,
  type ToWorker,
} from './sweep-protocol.ts';
import { describeReading, readSweep } from './sweep-reading.ts';
import { SWEEP_ELEMENTS, SWEEP_REPEATS, SWEEP_SIZES, type SweepSize } from './sweep-schedule.ts';
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

/** A sweep of the learner's kernel under way: how to report its end, and its watchdog. */
interface LearnerRunState {
  finish: (outcome: LearnerMeasureOutcome) => void;
  watchdog: ReturnType<typeof setTimeout> | undefined;
}

/** Wires one BatchSweepDemo: run button, worker, progress, table, chart, reading and the stored last result. */
export function setUpDemo(root: HTMLElement): void {
  const runButton = required<HTMLButtonElement>(root, '[data-run]', 'BatchSweepDemo');
  const panicButton = root.querySelector<HTMLButtonElement>('[data-panic]');
  const progress = required<HTMLProgressElement>(root, '[data-progress]', 'BatchSweepDemo');
  const status = required<HTMLElement>(root, '[data-status]', 'BatchSweepDemo');
  const errorBox = required<HTMLElement>(root, '[data-error]', 'BatchSweepDemo');
  const reading = required<HTMLElement>(root, '[data-reading]', 'BatchSweepDemo');
  const learnerReading = required<HTMLElement>(root, '[data-learner-reading]', 'BatchSweepDemo');
  const chart = required<SVGSVGElement>(root, 'svg[data-chart]', 'BatchSweepDemo');
  const chartEmpty = required<HTMLElement>(root, '[data-chart-empty]', 'BatchSweepDemo');
  const chartBox = required<HTMLElement>(root, '.chart-box', 'BatchSweepDemo');
  // The legend entries and table headers of the two runner builds, shown only with a learner's run.
  const learnerOnly = [...root.querySelectorAll<HTMLElement>('[data-learner-legend], th[data-learner-col]')];
  const kernelEdit = root.querySelector<HTMLElement>('[data-kernel-edit]');
  const lessonId = root.dataset.lesson;
  const rows = new Map<number, HTMLTableRowElement>();
  for (const row of root.querySelectorAll<HTMLTableRowElement>('tr[data-batch]')) rows.set(Number(row.dataset.batch), row);

  let worker: Worker | null = null;
  let running = false;
  let points: SweepPoint[] = [];
  let learnerPoints: LearnerPoint[] = [];
  /** Whether the current run or result has the learner's kernel in it. */
  let withLearner = false;
  let elements = SWEEP_ELEMENTS;
  let learnerRun: LearnerRunState | null = null;
  const runningListeners: ((running: boolean) => void)[] = [];

  const setRunning = (value: boolean) => {
    running = value;
    runButton.disabled = value;
    if (panicButton) panicButton.disabled = value;
    runButton.textContent = value ? 'Measuring…' : points.length > 0 ? 'Run the sweep again' : 'Run the sweep';
    progress.hidden = !value;
    root.dataset.state = value ? 'running' : 'idle';
    for (const listener of runningListeners) listener(value);
  };

  const showPoints = (shown: readonly SweepPoint[], learner: readonly LearnerPoint[]) => {
    for (const item of learnerOnly) item.hidden = !withLearner;
    const mine = new Map(learner.map((point) => [point.batchSize, point]));
    for (const [batch, row] of rows) {
      // A quick sweep measures fewer batch sizes; the rows it cannot have are hidden, not left empty.
      row.hidden = batch > elements;
      // The runner builds' cells exist only while a comparison is shown.
      const extra = row.querySelectorAll(`td[data-method="${LESSON_BUILD}"], td[data-method="${LEARNER}"]`);
      if (!withLearner) for (const cell of extra) cell.remove();
      else if (extra.length === 0) {
        for (const method of [LESSON_BUILD, LEARNER]) {
          const cell = document.createElement('td');
          cell.dataset.method = method;
          row.append(cell);
        }
      }
      for (const cell of row.querySelectorAll<HTMLElement>('td[data-method]')) {
        cell.textContent = '–';
        cell.classList.remove('fastest', 'wrong');
        cell.removeAttribute('title');
      }
    }
    for (const point of shown) {
      const row = rows.get(point.batchSize);
      if (!row) continue;
      const learnerPoint = mine.get(point.batchSize);
      const times: [string, number][] = METHODS.map((method) => [method, point[method]]);
      if (learnerPoint) times.push([LESSON_BUILD, learnerPoint.lessonNs]);
      if (learnerPoint?.ok) times.push([LEARNER, learnerPoint.ns]);
      const fastest = times.reduce((best, entry) => (entry[1] < best[1] ? entry : best))[0];
      for (const [method, ns] of times) {
        const cell = row.querySelector<HTMLElement>(`td[data-method="${method}"]`);
        if (!cell) continue;
        cell.textContent = formatNs(ns);
        cell.classList.toggle('fastest', method === fastest);
      }
      const cell = row.querySelector<HTMLElement>(`td[data-method="${LEARNER}"]`);
      if (cell && learnerPoint && !learnerPoint.ok) {
        cell.textContent = 'wrong';
        cell.classList.add('wrong');
        cell.title = `Not timed: returned ${learnerPoint.got} where the lesson's kernel gives ${learnerPoint.expected}`;
      }
    }
    drawChart(shown, learner);
  };

  let drawnWidth = 0;
  const drawChart = (shown: readonly SweepPoint[], learner: readonly LearnerPoint[]) => {
    chartBox.classList.toggle('empty', shown.length === 0);
    chartEmpty.hidden = shown.length > 0;
    if (shown.length === 0) return;
    drawnWidth = chartBox.clientWidth;
    renderChart(chart, chartModel(shown, frameForWidth(drawnWidth), learner));
  };

  const showResult = (result: SweepResult, label: string) => {
    points = result.points;
    learnerPoints = result.learner?.points ?? [];
    withLearner = result.learner !== undefined;
    elements = result.elements;
    showPoints(points, learnerPoints);
    reading.textContent = describeReading(readSweep(points));
    reading.hidden = false;
    learnerReading.hidden = true;
    learnerReading.textContent = '';
    const { learner } = result;
    if (learner) {
      // The comparison's reading loads only when there is a comparison to read.
      void import('./learner-reading.ts').then(({ describeLearner, readLearner }) => {
        if (root.dataset.measuredAt !== result.measuredAt) return;
        learnerReading.textContent = describeLearner(readLearner(learner));
        learnerReading.hidden = false;
      });
    }
    status.textContent = `${label} ${formatDateTime(result.measuredAt)} in this browser (${formatCount(result.elements)} elements, clock step ${result.clockResolutionMs.toPrecision(2)} ms).`;
    root.dataset.measuredAt = result.measuredAt;
  };

  const endLearnerRun = (outcome: LearnerMeasureOutcome) => {
    const current = learnerRun;
    if (!current) return;
    if (outcome.kind === 'failed' || outcome.kind === 'timeout') {
      // The stopped run's partial numbers go; the last finished run comes back, so the chart is never left empty.
      learnerReading.hidden = true;
      const store = browserStorage();
      const last = store ? loadSweep(store) : null;
      if (last) showResult(last, 'Showing your last finished run, measured');
    }
    clearTimeout(current.watchdog);
    learnerRun = null;
    current.finish(outcome);
  };

  /** (Re)starts the watchdog: any message from the worker shows it is still alive. */
  const feedWatchdog = () => {
    if (!learnerRun) return;
    clearTimeout(learnerRun.watchdog);
    learnerRun.watchdog = setTimeout(() => {
      // A kernel that never returns blocks its worker for good: end it and start another.
      worker?.terminate();
      worker = createWorker();
      setRunning(false);
      status.textContent = '';
      endLearnerRun({ kind: 'timeout', ms: KERNEL_WATCHDOG_MS });
    }, KERNEL_WATCHDOG_MS);
  };

  const fail = (name: string, message: string, origin: 'learner-module' | 'learner-kernel' | 'lesson') => {
    worker?.terminate();
    worker = createWorker();
    setRunning(false);
    status.textContent = '';
    if (learnerRun) {
      endLearnerRun({ kind: 'failed', origin, name, message });
      return;
    }
    errorBox.textContent = explain(name, message);
    errorBox.hidden = false;
  };

  const handle = (message: FromWorker) => {
    feedWatchdog();
    switch (message.type) {
      case 'started':
        progress.max = message.batchSizes.length;
        progress.value = 0;
        status.textContent = `Measuring batch size 1 (1 of ${message.batchSizes.length})…`;
        break;
      case 'point': {
        points = [...points, message.point];
        if (message.learner) learnerPoints = [...learnerPoints, message.learner];
        showPoints(points, learnerPoints);
        progress.value = message.index + 1;
        const next =
          message.index + 1 < message.total
            ? ` Next: batch size ${formatCount(message.point.batchSize * 2)} (${message.index + 2} of ${message.total})…`
            : '';
        status.textContent = `Measured ${message.index + 1} of ${message.total} batch sizes.${next}`;
        break;
      }
      case 'done': {
        setRunning(false);
        showResult(message.result, 'Measured');
        const store = browserStorage();
        if (store) saveSweep(store, message.result);
        if (lessonId) markDemoRun(progressStore(), lessonId);
        endLearnerRun({ kind: 'done', result: message.result });
        break;
      }
      case 'error':
        fail(message.name, message.message, message.origin);
        break;
    }
  };

  function createWorker(): Worker {
    const created = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module', name: 'batch-sweep' });
    created.onmessage = (event: MessageEvent<FromWorker>) => handle(event.data);
    created.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      fail('Error', event.message || 'the worker could not be started', 'lesson');
    };
    created.onmessageerror = () => fail('Error', 'a message from the worker could not be read', 'lesson');
    return created;
  }

  const send = (message: ToWorker) => {
    worker ??= createWorker();
    worker.postMessage(message);
  };

  /** Clears the view and starts a sweep (with the learner's module when given). */
  const start = (size: { elements: number; repeats: number }, learner?: LearnerModules) => {
    errorBox.hidden = true;
    reading.hidden = true;
    learnerReading.hidden = true;
    points = [];
    learnerPoints = [];
    withLearner = learner !== undefined;
    elements = size.elements;
    showPoints(points, learnerPoints);
    setRunning(true);
    status.textContent = learner
      ? "Loading both kernels, checking your kernel's results and the clock…"
      : 'Loading the kernel and checking the clock…';
    send({ type: 'run', elements: size.elements, repeats: size.repeats, seed: SEED, ...(learner ? { learner } : {}) });
  };

  runButton.addEventListener('click', () => {
    if (running) return;
    start({ elements: SWEEP_ELEMENTS, repeats: SWEEP_REPEATS });
  });

  panicButton?.addEventListener('click', () => {
    if (running) return;
    errorBox.hidden = true;
    send({ type: 'panic' });
  });

  // Redraw at the new size when the chart's width changes a lot (rotation, window resize).
  new ResizeObserver(() => {
    if (points.length > 0 && Math.abs(chartBox.clientWidth - drawnWidth) > 24) drawChart(points, learnerPoints);
  }).observe(chartBox);

  const api: SweepDemoApi = {
    measureLearner(modules: LearnerModules, size: SweepSize) {
      if (running) return Promise.resolve({ kind: 'busy' });
      return new Promise<LearnerMeasureOutcome>((finish) => {
        learnerRun = { finish, watchdog: undefined };
        start(SWEEP_SIZES[size], modules);
        feedWatchdog();
      });
    },
    show(result, label) {
      if (!running) showResult(result, label);
    },
    onRunningChange(listener) {
      runningListeners.push(listener);
    },
    isRunning: () => running,
  };

  if (kernelEdit) setUpKernelEditButton(kernelEdit, api);

  const store = browserStorage();
  const last = store ? loadSweep(store) : null;
  if (last) showResult(last, 'Showing your last run, measured');
  runButton.hidden = false;
  if (panicButton) panicButton.hidden = false;
  setRunning(false);
  // From now on the buttons' clicks are the demo's (batch-sweep-boot.ts stops forwarding them).
  root.dataset.demoReady = 'true';
}

/** "Edit the kernel" loads Monaco and the kernel editor only when pressed. */
function setUpKernelEditButton(panel: HTMLElement, api: SweepDemoApi): void {
  const open = required<HTMLButtonElement>(panel, '[data-kernel-open]', 'KernelEditor');
  const problem = required<HTMLElement>(panel, '[data-kernel-open-error]', 'KernelEditor');
  open.hidden = false;
  open.addEventListener('click', async () => {
    open.disabled = true;
    open.textContent = 'Loading the editor…';
    try {
      const { openKernelEditor } = await import('../kernel-editor/kernel-editor-app.ts');
      openKernelEditor(panel, api);
      open.hidden = true;
    } catch (error) {
      open.disabled = false;
      open.textContent = 'Edit the kernel';
      problem.textContent = `The kernel editor could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
      problem.hidden = false;
    }
  });
}
