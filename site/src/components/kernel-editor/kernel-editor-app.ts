// The "Edit the kernel" panel, loaded on demand: Monaco with the kernel job's files (edits kept in
// this browser), Build and measure (runner `wasm` action, then the demo's sweep with the learner's
// module), compile errors as markers and as a list, and the last measured runs to compare.
import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { browserStorage, memoryStore } from '../../lib/browser-storage.ts';
import { formatDateTime } from '../../lib/date-time.ts';
import { required } from '../../lib/dom.ts';
import type { KernelJobFile } from '../../lib/kernel-job.ts';
import { explainLearnerError, watchdogMessage } from '../batch-sweep/learner-errors.ts';
import { describeLearner, readLearner } from '../batch-sweep/learner-reading.ts';
import { addLearnerRun, loadLearnerRuns } from '../batch-sweep/learner-storage.ts';
import type { SweepDemoApi } from '../batch-sweep/sweep-demo-api.ts';
import { formatCount } from '../batch-sweep/sweep-format.ts';
import type { SweepResult } from '../batch-sweep/sweep-protocol.ts';
import { SWEEP_SIZES, type SweepSize } from '../batch-sweep/sweep-schedule.ts';
import { markersByFile } from '../lesson-editor/diagnostic-markers.ts';
import { createCodeEditor, fileTabs } from '../lesson-editor/editor-shell.ts';
import { clearEdits, loadEdits, saveEdit } from '../lesson-editor/editor-storage.ts';
import { showDiagnostics } from '../lesson-editor/monaco-markers.ts';
import { monaco } from '../lesson-editor/monaco-setup.ts';
import {
  describeBusyWait,
  describeLive,
  firstFailedStep,
  formatBytes,
  splitCode,
  summarizeOutcome,
} from '../lesson-editor/run-messages.ts';
import type { RunStep } from '../lesson-editor/run-report.ts';
import { type RunOutcome, runnerBaseUrl } from '../lesson-editor/runner-client.ts';
import type { BusyWait } from '../lesson-editor/runner-retry.ts';
import { buildKernel } from './kernel-build.ts';

const runnerUrl = runnerBaseUrl(import.meta.env.PUBLIC_RUNNER_URL);
const BUILD = 'Build and measure';
const STOPPED = 'Stopped: the build was cancelled';

/** A build the learner ended with Stop (during the build or the wait for a busy runner). */
const wasStopped = (outcome: RunOutcome) => outcome.kind === 'interrupted' && outcome.cause === 'stopped';

function element<K extends keyof HTMLElementTagNameMap>(name: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(name);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/** A paragraph where `backticked` parts become <code>. */
function message(tone: 'ok' | 'bad' | 'info', heading: string, detail = ''): HTMLDivElement {
  const box = element('div', `kernel-message tone-${tone}`);
  box.append(element('p', 'kernel-heading', heading));
  if (detail) {
    const paragraph = element('p', 'kernel-detail');
    for (const piece of splitCode(detail)) paragraph.append(piece.code ? element('code', '', piece.text) : piece.text);
    box.append(paragraph);
  }
  return box;
}

/** What the outcome pane says about a build that produced no module. */
function describeFailedBuild(outcome: RunOutcome): { heading: string; detail: string } {
  if (outcome.kind === 'offline') {
    return {
      heading: 'Building your kernel needs the course runner',
      detail:
        `Nothing answered at ${runnerUrl}. Start the runner from the repository with \`npm run runner\`, then press ` +
        `"${BUILD}" again. The lesson's prebuilt demo above works without it: press "Run the sweep".`,
    };
  }
  const summary = summarizeOutcome(outcome, runnerUrl, BUILD);
  return { heading: summary.heading, detail: summary.detail };
}

/** While the runner is busy, `pane` counts down to the next try; stop() ends that (true if it was counting). */
function busyCountdown(pane: HTMLElement): { show: (wait: BusyWait) => void; stop: () => boolean } {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer === undefined) return false;
    clearInterval(timer);
    timer = undefined;
    return true;
  };
  const show = (wait: BusyWait) => {
    stop();
    let shown = '';
    const draw = () => {
      const { heading, detail } = describeBusyWait(wait, Date.now());
      if (`${heading}\n${detail}` === shown) return;
      shown = `${heading}\n${detail}`;
      pane.replaceChildren(message('info', heading, detail));
    };
    draw();
    timer = setInterval(draw, 500);
  };
  return { show, stop };
}

/** Opens the kernel editor of one KernelEditor panel, wired to its demo. */
export function openKernelEditor(root: HTMLElement, demo: SweepDemoApi): void {
  const lesson = root.dataset.lesson ?? '';
  const files = JSON.parse(
    required<HTMLScriptElement>(root, 'script[data-kernel-files]', 'KernelEditor').textContent ?? '[]',
  ) as KernelJobFile[];
  const panel = required<HTMLElement>(root, '[data-kernel-panel]', 'KernelEditor');
  const host = required<HTMLElement>(root, '[data-kernel-host]', 'KernelEditor');
  const buildButton = required<HTMLButtonElement>(root, '[data-kernel-build]', 'KernelEditor');
  const stopButton = required<HTMLButtonElement>(root, '[data-kernel-stop]', 'KernelEditor');
  const resetButton = required<HTMLButtonElement>(root, '[data-kernel-reset]', 'KernelEditor');
  const sizeSelect = required<HTMLSelectElement>(root, '[data-kernel-size]', 'KernelEditor');
  const editStatus = required<HTMLElement>(root, '[data-kernel-edit-status]', 'KernelEditor');
  const outcomePane = required<HTMLElement>(root, '[data-kernel-outcome]', 'KernelEditor');
  const historyBox = required<HTMLElement>(root, '[data-kernel-history]', 'KernelEditor');
  const historyList = required<HTMLOListElement>(root, '[data-kernel-runs]', 'KernelEditor');
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"][data-path]')];
  const store = browserStorage() ?? memoryStore();
  // Kept apart from the lesson editor's edits: both hold a rust/src/lib.rs, with different content.
  const editsKey = `${lesson}:wasm-kernel`;
  const editable = files.filter((file) => file.editable);
  const edits = loadEdits(
    store,
    editsKey,
    editable.map((file) => file.path),
  );
  const byPath = new Map(files.map((file) => [file.path, file]));
  const models = new Map<string, MonacoEditor.ITextModel>();
  for (const file of files) {
    const uri = monaco.Uri.parse(`file:///${lesson}/wasm-kernel/${file.path}`);
    const content = (file.editable ? edits.get(file.path) : undefined) ?? file.content;
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, file.language, uri);
    model.updateOptions({ insertSpaces: true, tabSize: 4 });
    models.set(file.path, model);
  }

  const editedPaths = () => editable.filter((file) => models.get(file.path)?.getValue() !== file.content).map((file) => file.path);
  const markTabs = () => {
    const edited = new Set(editedPaths());
    for (const tab of tabs) tab.classList.toggle('edited', edited.has(tab.dataset.path ?? ''));
    editStatus.textContent =
      edited.size === 0
        ? "You are looking at the lesson's kernel."
        : `${[...edited].join(' and ')} edited; your edits are saved in this browser.`;
    resetButton.disabled = edited.size === 0;
  };
  for (const file of editable) {
    const model = models.get(file.path) as MonacoEditor.ITextModel;
    model.onDidChangeContent(() => {
      if (!saveEdit(store, editsKey, file.path, model.getValue(), file.content)) {
        editStatus.textContent = 'This browser refused to save the edit (storage full or disabled).';
        return;
      }
      markTabs();
    });
  }

  const first = files[0];
  if (!first) throw new Error(`KernelEditor: lesson "${lesson}" has no kernel files.`);
  const editor = createCodeEditor(host, models.get(first.path) ?? null, `Rust kernel of lesson ${lesson}`);
  const { select } = fileTabs({
    editor,
    host,
    tabs,
    models,
    first: first.path,
    onSelect: (path) => editor.updateOptions({ readOnly: !byPath.get(path)?.editable }),
  });

  resetButton.addEventListener('click', () => {
    for (const file of editable) {
      const model = models.get(file.path);
      if (model && model.getValue() !== file.content) model.setValue(file.content);
    }
    clearEdits(
      store,
      editsKey,
      editable.map((file) => file.path),
    );
    markTabs();
    editStatus.textContent = "Reset: the kernel is the lesson's again.";
  });

  /** The compiler's errors as a list; each item moves the editor to its place. */
  const diagnosticsList = (steps: readonly RunStep[]): HTMLUListElement | null => {
    const byFile = markersByFile(steps, models.keys());
    const list = element('ul', 'kernel-diagnostics');
    for (const [path, markers] of byFile) {
      for (const marker of markers) {
        const item = element('li', '');
        const go = element('button', '');
        go.type = 'button';
        go.append(
          `${path}:${marker.startLineNumber}:${marker.startColumn} `,
          element('span', `severity-${marker.severity}`, `${marker.severity}${marker.code ? `[${marker.code}]` : ''}`),
          `: ${marker.message.split('\n')[0]}`,
        );
        go.addEventListener('click', () => {
          select(path);
          editor.revealLineInCenter(marker.startLineNumber);
          editor.setPosition({ lineNumber: marker.startLineNumber, column: marker.startColumn });
          editor.focus();
        });
        item.append(go);
        list.append(item);
      }
    }
    return list.children.length > 0 ? list : null;
  };

  const showStepOutput = (steps: readonly RunStep[]) => {
    const failed = firstFailedStep(steps) ?? steps.at(-1);
    const text = failed ? `${failed.stderr}${failed.stdout}`.trim() : '';
    if (!failed || !text) return;
    const details = element('details', 'kernel-output');
    details.append(element('summary', '', `Output of ${failed.name}`));
    const pre = element('pre', '', text);
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `Output of ${failed.name}`);
    details.append(pre);
    outcomePane.append(details);
  };

  const renderHistory = () => {
    const runs = loadLearnerRuns(store, lesson);
    historyBox.hidden = runs.length === 0;
    historyList.replaceChildren(
      ...runs.map((run: SweepResult, index) => {
        const learner = run.learner;
        const item = element('li', '');
        item.dataset.kernelRun = String(index);
        const code = learner?.edited ? 'your edit' : "the lesson's code";
        item.append(
          element('strong', '', `${formatDateTime(run.measuredAt)}: `),
          `${code}, module ${learner?.sha256.slice(0, 8) ?? '?'}, ${formatCount(run.elements)} elements. `,
          learner ? describeLearner(readLearner(learner)) : '',
        );
        const show = element('button', 'button small', 'Show in the chart');
        show.type = 'button';
        show.addEventListener('click', () => demo.show(run, 'Showing a run of your kernel, measured'));
        item.append(show);
        return item;
      }),
    );
  };

  // Stop ends a build (or the wait for a busy runner); the runner cancels the job. Once the
  // modules are built, the measuring runs in the demo's worker under its own watchdog.
  let stopping: AbortController | null = null;
  const showStop = (shown: boolean) => {
    const hadFocus = document.activeElement === stopButton;
    stopButton.hidden = !shown;
    stopButton.disabled = false;
    stopButton.textContent = 'Stop';
    if (!shown && hadFocus) buildButton.focus();
  };
  stopButton.addEventListener('click', () => {
    if (!stopping) return;
    stopping.abort();
    stopButton.disabled = true;
    stopButton.textContent = 'Stopping…';
  });

  const setBuilding = (building: boolean) => {
    buildButton.disabled = building || demo.isRunning();
    buildButton.textContent = building ? 'Building…' : BUILD;
    root.dataset.kernelState = building ? 'building' : 'idle';
  };
  let building = false;
  demo.onRunningChange((running) => {
    if (!building) buildButton.disabled = running;
  });

  buildButton.addEventListener('click', async () => {
    if (building || demo.isRunning()) return;
    building = true;
    setBuilding(true);
    outcomePane.setAttribute('aria-busy', 'true');
    const payload: Record<string, string> = {};
    for (const [path, model] of models) payload[path] = model.getValue();
    const edited = editedPaths().length > 0;
    const size = (sizeSelect.value in SWEEP_SIZES ? sizeSelect.value : 'quick') as SweepSize;
    outcomePane.replaceChildren(message('info', `Sending ${models.size} files to the runner…`));
    const countdown = busyCountdown(outcomePane);
    stopping = new AbortController();
    const { signal } = stopping;
    showStop(true);
    try {
      const build = await buildKernel(runnerUrl, payload, {
        signal,
        onBusyWait: countdown.show,
        onProgress: (state) => {
          countdown.stop();
          outcomePane.replaceChildren(message('info', describeLive(state, models.size, runnerUrl).heading));
        },
      });
      countdown.stop();
      const { outcome } = build;
      if (outcome.kind === 'completed' || outcome.kind === 'interrupted') showDiagnostics(models, outcome.steps, tabs);
      outcomePane.replaceChildren();
      if (!build.module) {
        if (wasStopped(outcome)) {
          outcomePane.append(message('info', STOPPED, `Your edit is kept. Press "${BUILD}" to build it again.`));
          return;
        }
        if (outcome.kind === 'completed' && !firstFailedStep(outcome.steps) && build.problem) {
          outcomePane.append(message('bad', 'Built, but there is no module to measure', build.problem));
        } else {
          const { heading, detail } = describeFailedBuild(outcome);
          outcomePane.append(message('bad', heading, detail));
        }
        if (outcome.kind === 'completed' || outcome.kind === 'interrupted') {
          const list = diagnosticsList(outcome.steps);
          if (list) outcomePane.append(list);
          showStepOutput(outcome.steps);
        }
        return;
      }
      const built = `Built your kernel: ${build.module.path} (${formatBytes(build.module.bytes.length)}, SHA-256 ${build.module.sha256.slice(0, 8)}…).`;
      // The lesson's side of the comparison is built by the same runner, the same way, so only the edit differs.
      let lessonModule = build.module;
      if (edited) {
        const buildingLesson = () =>
          outcomePane.replaceChildren(message('info', built, "Building the lesson's kernel the same way, for a fair comparison…"));
        buildingLesson();
        const original: Record<string, string> = {};
        for (const file of files) original[file.path] = file.content;
        const lessonBuild = await buildKernel(runnerUrl, original, {
          signal,
          onBusyWait: countdown.show,
          onProgress: () => {
            if (countdown.stop()) buildingLesson();
          },
        });
        countdown.stop();
        if (!lessonBuild.module) {
          if (wasStopped(lessonBuild.outcome)) {
            outcomePane.replaceChildren(message('info', STOPPED, "Your kernel was built; the lesson's was not, so nothing was measured."));
            return;
          }
          const why = lessonBuild.problem ?? describeFailedBuild(lessonBuild.outcome).detail;
          outcomePane.replaceChildren(message('bad', "The lesson's kernel did not build on the runner", why));
          return;
        }
        lessonModule = lessonBuild.module;
      }
      stopping = null;
      showStop(false);
      outcomePane.replaceChildren(
        message('info', built, "Measuring your kernel beside the lesson's; the chart and table above fill in as it goes."),
      );
      const measured = await demo.measureLearner(
        {
          mine: { bytes: build.module.bytes.buffer, sha256: build.module.sha256 },
          lesson: { bytes: lessonModule.bytes.buffer, sha256: lessonModule.sha256 },
          edited,
        },
        size,
      );
      outcomePane.replaceChildren();
      if (measured.kind === 'done') {
        const learner = measured.result.learner;
        if (!addLearnerRun(store, lesson, measured.result))
          editStatus.textContent = 'This browser refused to keep the run (storage full or disabled).';
        const reading = learner ? describeLearner(readLearner(learner)) : '';
        const wrong = learner ? learner.points.some((point) => !point.ok) || learner.step !== null : false;
        outcomePane.append(
          message(
            wrong ? 'bad' : 'ok',
            wrong ? 'Measured: your kernel computed wrong results' : "Measured your kernel beside the lesson's",
            reading,
          ),
        );
        renderHistory();
      } else if (measured.kind === 'busy') {
        outcomePane.append(message('bad', 'The demo is measuring already', `Press "${BUILD}" again when it has finished.`));
      } else {
        const why =
          measured.kind === 'timeout'
            ? watchdogMessage(measured.ms)
            : explainLearnerError(measured.origin, measured.name, measured.message);
        outcomePane.append(message('bad', 'Your kernel could not be measured', why));
      }
    } finally {
      countdown.stop();
      stopping = null;
      showStop(false);
      building = false;
      setBuilding(false);
      // Counts finished presses, so a test (or a script) can wait for the next one to end.
      root.dataset.kernelBuilds = String(Number(root.dataset.kernelBuilds ?? '0') + 1);
      outcomePane.removeAttribute('aria-busy');
    }
  });

  panel.hidden = false;
  select(first.path);
  markTabs();
  renderHistory();
  root.dataset.kernelEditor = 'open';
}
