// The exercise editor, loaded when the learner opens it: Monaco with the starter files (test
// files read-only), Check on the runner's `test` action with results by task and compile
// errors as markers, the solution as a diff that replaces nothing unless asked, reset, and
// "bring back my code" after either.
import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import type { KeyValueStore } from '../../lib/browser-storage.ts';
import { required } from '../../lib/dom.ts';
import type { ExerciseData } from '../../lib/exercise.ts';
import { markTaskPassed } from '../../lib/progress.ts';
import { createCodeEditor, fileTabs, monacoTheme, runButtons } from '../lesson-editor/editor-shell.ts';
import { clearEdits, loadEdits, loadLastRun, type StoredRun, saveEdit, saveLastRun } from '../lesson-editor/editor-storage.ts';
import { showDiagnostics } from '../lesson-editor/monaco-markers.ts';
import { monaco } from '../lesson-editor/monaco-setup.ts';
import { initialLiveRun } from '../lesson-editor/run-events.ts';
import { LiveRunView, renderRun } from '../lesson-editor/run-view.ts';
import { runnerBaseUrl } from '../lesson-editor/runner-client.ts';
import { runWithRetry } from '../lesson-editor/runner-retry.ts';
import { checkView } from './exercise-results.ts';
import { type CodeBackup, exerciseScope, loadBackup, saveBackup } from './exercise-storage.ts';
import { drawCheck } from './exercise-view.ts';

const runnerUrl = runnerBaseUrl(import.meta.env.PUBLIC_RUNNER_URL);

/** Opens the editor of one ExercisePanel. */
export function openExercise(root: HTMLElement, data: ExerciseData, store: KeyValueStore): void {
  const q = <T extends Element>(selector: string) => required<T>(root, selector, 'ExercisePanel');
  const panel = q<HTMLElement>('[data-panel]');
  const host = q<HTMLElement>('[data-host]');
  const checkButton = q<HTMLButtonElement>('[data-check]');
  const stopButton = q<HTMLButtonElement>('[data-stop]');
  const solutionButton = q<HTMLButtonElement>('[data-show-solution]');
  const resetButton = q<HTMLButtonElement>('[data-reset]');
  const restoreButton = q<HTMLButtonElement>('[data-restore]');
  const fileNote = q<HTMLElement>('[data-file-note]');
  const solutionView = q<HTMLElement>('[data-solution-view]');
  const solutionIntro = q<HTMLElement>('[data-solution-intro]');
  const diffHost = q<HTMLElement>('[data-diff-host]');
  const useFileButton = q<HTMLButtonElement>('[data-use-solution-file]');
  const useAllButton = q<HTMLButtonElement>('[data-use-solution-all]');
  const closeSolutionButton = q<HTMLButtonElement>('[data-close-solution]');
  const editStatus = q<HTMLElement>('[data-edit-status]');
  const summary = q<HTMLElement>('[data-summary]');
  const steps = q<HTMLDetailsElement>('[data-steps]');
  const output = q<HTMLElement>('[data-output]');
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"][data-path]')];

  const scope = exerciseScope(data.lesson);
  const taskIds = data.tasks.map((t) => t.id);
  const files = new Map(data.files.map((file) => [file.path, file]));
  const editable = data.files.filter((file) => !file.test).map((file) => file.path);
  const edits = loadEdits(store, scope, editable);
  const models = new Map<string, MonacoEditor.ITextModel>();
  const solutions = new Map<string, MonacoEditor.ITextModel>();
  for (const file of data.files) {
    const uri = monaco.Uri.parse(`file:///${data.lesson}/exercise/${file.path}`);
    // Test files always show (and send) the lesson's copy.
    const content = file.test ? file.starter : (edits.get(file.path) ?? file.starter);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, file.language, uri);
    model.updateOptions({ insertSpaces: file.language !== 'go', tabSize: 4 });
    models.set(file.path, model);
    const solutionUri = monaco.Uri.parse(`file:///${data.lesson}/exercise-solution/${file.path}`);
    solutions.set(file.path, monaco.editor.getModel(solutionUri) ?? monaco.editor.createModel(file.solution, file.language, solutionUri));
  }

  const differsFrom = (path: string, which: 'starter' | 'solution') => models.get(path)?.getValue() !== files.get(path)?.[which];
  const learnerFiles = (): Record<string, string> => Object.fromEntries(editable.map((path) => [path, models.get(path)?.getValue() ?? '']));

  const markTabs = () => {
    for (const tab of tabs) {
      const path = tab.dataset.path ?? '';
      const edited = !files.get(path)?.test && differsFrom(path, 'starter');
      tab.classList.toggle('edited', edited);
    }
    const count = editable.filter((path) => differsFrom(path, 'starter')).length;
    editStatus.textContent =
      count === 0
        ? 'Every file is as the starter has it.'
        : `${count} file${count === 1 ? '' : 's'} changed from the starter; saved in this browser.`;
    resetButton.disabled = count === 0;
  };

  const showRestore = () => {
    const backup = loadBackup(store, data.lesson);
    restoreButton.hidden = backup === null;
    if (backup) restoreButton.textContent = backup.reason === 'reset' ? 'Undo the reset' : 'Bring back my code';
  };

  for (const path of editable) {
    const model = models.get(path);
    model?.onDidChangeContent(() => {
      if (!saveEdit(store, scope, path, model.getValue(), files.get(path)?.starter ?? '')) {
        editStatus.textContent = 'This browser refused to save the edit (storage full or disabled): copy your code somewhere safe.';
        return;
      }
      markTabs();
    });
  }

  const first = data.files.find((file) => !file.test) ?? data.files[0];
  if (!first) throw new Error(`ExercisePanel: the exercise of lesson "${data.lesson}" has no files.`);
  const editor = createCodeEditor(host, models.get(first.path) ?? null, `Exercise code of lesson ${data.lesson}`);
  let diff: MonacoEditor.IStandaloneDiffEditor | null = null;

  const showDiff = () => {
    const current = shownPath();
    const original = models.get(current);
    const modified = solutions.get(current);
    if (!original || !modified) return;
    diff ??= monaco.editor.createDiffEditor(diffHost, {
      theme: monacoTheme(),
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: diffHost.clientWidth >= 700,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 14,
    });
    diff.setModel({ original, modified });
    const isTest = files.get(current)?.test === true;
    const same = !differsFrom(current, 'solution');
    solutionIntro.textContent = isTest
      ? `${current} is a test file: it is the same in the solution.`
      : same
        ? `Your ${current} is the same as the solution's.`
        : `${current}: your code on the left, the lesson's solution on the right. Nothing in your files changes unless you choose to use the solution.`;
    useFileButton.disabled = isTest || same;
  };

  const { select, current: shownPath } = fileTabs({
    editor,
    host,
    tabs,
    models,
    first: first.path,
    onSelect: (path) => {
      const isTest = files.get(path)?.test === true;
      editor.updateOptions({ readOnly: isTest });
      fileNote.textContent = isTest
        ? `${path} is one of the lesson's tests: read-only here, and Check always sends the lesson's copy.`
        : `Your ${path}: edits are saved in this browser as you type.`;
      if (!solutionView.hidden) showDiff();
    },
  });

  /** Replaces the learner's files with `contents` after keeping what they had, so it can come back. */
  const replaceCode = (reason: CodeBackup['reason'], contents: ReadonlyMap<string, string>, message: string) => {
    const kept = saveBackup(store, data.lesson, { reason, at: new Date().toISOString(), files: learnerFiles() });
    for (const [path, content] of contents) {
      const model = models.get(path);
      if (model && model.getValue() !== content) model.setValue(content);
    }
    markTabs();
    showRestore();
    editStatus.textContent = kept ? message : `${message} This browser refused to keep a copy of your code, so it cannot be brought back.`;
  };

  resetButton.addEventListener('click', () => {
    replaceCode(
      'reset',
      new Map(editable.map((path) => [path, files.get(path)?.starter ?? ''])),
      'Reset: every file is back to the starter. "Undo the reset" brings your code back.',
    );
    clearEdits(store, scope, editable);
  });

  restoreButton.addEventListener('click', () => {
    const backup = loadBackup(store, data.lesson);
    if (!backup) return;
    for (const [path, content] of Object.entries(backup.files)) {
      const model = models.get(path);
      if (model && !files.get(path)?.test && model.getValue() !== content) model.setValue(content);
    }
    saveBackup(store, data.lesson, null);
    markTabs();
    showRestore();
    editStatus.textContent = `Your code from ${new Date(backup.at).toLocaleTimeString()} is back.`;
    if (!solutionView.hidden) showDiff();
  });

  let solutionWarned = false;
  solutionButton.addEventListener('click', () => {
    const allPassed = root.querySelectorAll('[data-task][data-state="passed"]').length === taskIds.length;
    if (!allPassed && !solutionWarned) {
      solutionWarned = true;
      solutionButton.textContent = 'Show the solution anyway';
      editStatus.textContent =
        'The hints under each task go one step at a time; the solution gives the whole answer away. Press again to see it.';
      return;
    }
    solutionView.hidden = false;
    host.hidden = true;
    solutionButton.disabled = true;
    showDiff();
    closeSolutionButton.focus();
  });

  closeSolutionButton.addEventListener('click', () => {
    solutionView.hidden = true;
    host.hidden = false;
    solutionButton.disabled = false;
    solutionButton.focus();
  });

  useFileButton.addEventListener('click', () => {
    const current = shownPath();
    const solution = files.get(current)?.solution;
    if (solution === undefined || files.get(current)?.test) return;
    replaceCode('solution', new Map([[current, solution]]), `${current} now holds the solution. "Bring back my code" undoes it.`);
    showDiff();
  });

  useAllButton.addEventListener('click', () => {
    replaceCode(
      'solution',
      new Map(editable.map((path) => [path, files.get(path)?.solution ?? ''])),
      'Every file now holds the solution. "Bring back my code" undoes it.',
    );
    showDiff();
  });

  const buttons = runButtons(checkButton, stopButton, { idle: 'Check', busy: 'Checking…' });

  checkButton.addEventListener('click', async () => {
    const controller = buttons.start();
    if (!controller) return;
    summary.setAttribute('aria-busy', 'true');
    // The learner's files, and the lesson's tests whatever the editor holds.
    const payload: Record<string, string> = learnerFiles();
    for (const file of data.files) if (file.test) payload[file.path] = file.starter;
    steps.hidden = false;
    steps.open = true;
    const live = new LiveRunView(output, Object.keys(payload).length, runnerUrl, initialLiveRun());
    try {
      const outcome = await runWithRetry(runnerUrl, payload, {
        action: 'test',
        signal: controller.signal,
        onProgress: (state) => live.update(state),
        onBusyWait: (wait) => live.showBusyWait(wait),
      });
      live.dispose();
      const run: StoredRun = { at: new Date().toISOString(), outcome };
      renderRun(output, run, false, runnerUrl);
      const view = checkView(taskIds, outcome, runnerUrl);
      const checked = outcome.kind === 'completed' && outcome.status !== null;
      // Offline, busy or stopped says nothing about the code: the last real check stays on the tasks.
      drawCheck(checked ? root : document.createElement('div'), view, summary, `Checked at ${new Date(run.at).toLocaleTimeString()}.`);
      if (checked) {
        saveLastRun(store, scope, run);
        showDiagnostics(models, outcome.steps, tabs);
        for (const task of view.tasks) if (task.state === 'passed') markTaskPassed(store, data.lesson, task.taskId);
        // The results by task say it all when the tests ran; the steps stay one click away.
        steps.open = outcome.status === 'error';
      }
    } finally {
      live.dispose();
      summary.removeAttribute('aria-busy');
      buttons.finish();
    }
  });

  const last = loadLastRun(store, scope)?.outcome;
  if (last?.kind === 'completed') showDiagnostics(models, last.steps, tabs);
  panel.hidden = false;
  select(first.path);
  markTabs();
  showRestore();
  root.dataset.exerciseState = 'open';
}
