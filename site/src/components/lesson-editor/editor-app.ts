import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { browserStorage, memoryStore } from '../../lib/browser-storage.ts';
import { required } from '../../lib/dom.ts';
import type { ExampleFile } from '../../lib/example-files.ts';
import { createCodeEditor, fileTabs, runButtons } from './editor-shell.ts';
import { clearEdits, loadEdits, loadLastRun, type StoredRun, saveEdit, saveLastRun } from './editor-storage.ts';
import { showDiagnostics } from './monaco-markers.ts';
import { monaco } from './monaco-setup.ts';
import { initialLiveRun } from './run-events.ts';
import { LiveRunView, renderRun } from './run-view.ts';
import { runnerBaseUrl } from './runner-client.ts';
import { runWithRetry } from './runner-retry.ts';

const runnerUrl = runnerBaseUrl(import.meta.env.PUBLIC_RUNNER_URL);

/** Opens the Monaco editor of one LessonEditor: tabs, saved edits, reset, and Run on the server. */
export function openEditor(root: HTMLElement): void {
  const lesson = root.dataset.lesson ?? '';
  const files = JSON.parse(required<HTMLScriptElement>(root, 'script[data-files]', 'LessonEditor').textContent ?? '[]') as ExampleFile[];
  const panel = required<HTMLElement>(root, '[data-panel]', 'LessonEditor');
  const host = required<HTMLElement>(root, '[data-host]', 'LessonEditor');
  const runButton = required<HTMLButtonElement>(root, '[data-run]', 'LessonEditor');
  const stopButton = required<HTMLButtonElement>(root, '[data-stop]', 'LessonEditor');
  const resetButton = required<HTMLButtonElement>(root, '[data-reset]', 'LessonEditor');
  const editStatus = required<HTMLElement>(root, '[data-edit-status]', 'LessonEditor');
  const output = required<HTMLElement>(root, '[data-output]', 'LessonEditor');
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"][data-path]')];
  const store = browserStorage() ?? memoryStore();

  const edits = loadEdits(
    store,
    lesson,
    files.map((file) => file.path),
  );
  const originals = new Map(files.map((file) => [file.path, file.content]));
  const models = new Map<string, MonacoEditor.ITextModel>();
  for (const file of files) {
    const uri = monaco.Uri.parse(`file:///${lesson}/${file.path}`);
    const content = edits.get(file.path) ?? file.content;
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, file.language, uri);
    model.updateOptions({ insertSpaces: file.language !== 'go', tabSize: 4 });
    models.set(file.path, model);
  }

  const markTabs = () => {
    for (const tab of tabs) {
      const path = tab.dataset.path ?? '';
      const edited = models.get(path)?.getValue() !== originals.get(path);
      tab.classList.toggle('edited', edited);
      tab.title = edited ? `${path} (edited, saved in this browser)` : path;
    }
    const count = tabs.filter((tab) => tab.classList.contains('edited')).length;
    editStatus.textContent =
      count === 0
        ? "You are looking at the lesson's code."
        : `${count} file${count === 1 ? '' : 's'} edited; edits are saved in this browser.`;
    resetButton.disabled = count === 0;
  };

  for (const [path, model] of models) {
    model.onDidChangeContent(() => {
      if (!saveEdit(store, lesson, path, model.getValue(), originals.get(path) ?? '')) {
        editStatus.textContent = 'This browser refused to save the edit (storage full or disabled).';
        return;
      }
      markTabs();
    });
  }

  const first = files[0];
  if (!first) throw new Error(`LessonEditor: lesson "${lesson}" has no example files.`);
  const editor = createCodeEditor(host, models.get(first.path) ?? null, `Code of lesson ${lesson}`);
  const { select } = fileTabs({ editor, host, tabs, models, first: first.path });

  resetButton.addEventListener('click', () => {
    for (const [path, model] of models) {
      const original = originals.get(path) ?? '';
      if (model.getValue() !== original) model.setValue(original);
    }
    clearEdits(store, lesson, [...models.keys()]);
    markTabs();
    editStatus.textContent = "Reset: every file is back to the lesson's code.";
  });

  const buttons = runButtons(runButton, stopButton, { idle: 'Run on the server', busy: 'Running…' });

  runButton.addEventListener('click', async () => {
    const controller = buttons.start();
    if (!controller) return;
    output.setAttribute('aria-busy', 'true');
    const payload: Record<string, string> = {};
    for (const [path, model] of models) payload[path] = model.getValue();
    const live = new LiveRunView(output, models.size, runnerUrl, initialLiveRun());
    try {
      const outcome = await runWithRetry(runnerUrl, payload, {
        signal: controller.signal,
        onProgress: (state) => live.update(state),
        onBusyWait: (wait) => live.showBusyWait(wait),
      });
      live.dispose();
      // The finished run replaces the live view.
      const run: StoredRun = { at: new Date().toISOString(), outcome };
      renderRun(output, run, false, runnerUrl);
      if (outcome.kind === 'completed' || outcome.kind === 'interrupted') showDiagnostics(models, outcome.steps, tabs);
      // An offline or busy runner, or a run the learner stopped, says nothing about the program: keep the last real result.
      const stopped = outcome.kind === 'interrupted' && outcome.cause === 'stopped';
      if (outcome.kind !== 'offline' && outcome.kind !== 'busy' && !stopped) saveLastRun(store, lesson, run);
    } finally {
      live.dispose();
      output.removeAttribute('aria-busy');
      buttons.finish();
    }
  });

  const lastRun = loadLastRun(store, lesson);
  if (lastRun) {
    renderRun(output, lastRun, true, runnerUrl);
    const { outcome } = lastRun;
    if (outcome.kind === 'completed' || outcome.kind === 'interrupted') showDiagnostics(models, outcome.steps, tabs);
  }
  panel.hidden = false;
  select(first.path);
  markTabs();
  root.dataset.editorState = 'open';
}
