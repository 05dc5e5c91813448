import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { formatDateTime } from '../../lib/date-time.ts';
import type { ExampleFile } from '../../lib/example-files.ts';
import { monaco } from './monaco-setup.ts';
import { browserStorage, memoryStore } from '../../lib/browser-storage.ts';
import { required } from '../../lib/dom.ts';
import { clearEdits, loadEdits, loadLastRun, saveEdit, saveLastRun, type StoredRun } from './editor-storage.ts';
import { formatDuration, splitCode, summarizeOutcome } from './run-messages.ts';
import { runnerBaseUrl, runOnServer } from './runner-client.ts';

const runnerUrl = runnerBaseUrl(import.meta.env.PUBLIC_RUNNER_URL);




function element<K extends keyof HTMLElementTagNameMap>(name: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(name);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

function renderRun(output: HTMLElement, run: StoredRun, restored: boolean): void {
  output.replaceChildren();
  const summary = summarizeOutcome(run.outcome, runnerUrl);
  const header = element('div', `run-summary tone-${summary.tone}`);
  header.append(element('p', 'run-heading', summary.heading));
  if (summary.detail) {
    const detail = element('p', 'run-detail');
    for (const piece of splitCode(summary.detail)) detail.append(piece.code ? element('code', '', piece.text) : piece.text);
    header.append(detail);
  }
  const when = formatDateTime(run.at);
  header.append(element('p', 'run-when', restored ? `Last run, ${when} (kept in this browser).` : `Run at ${when}.`));
  output.append(header);
  if (run.outcome.kind !== 'completed') return;
  const list = element('ol', 'run-steps');
  for (const step of run.outcome.steps) {
    const item = element('li', `run-step ${step.exitCode === 0 ? 'ok' : 'failed'}`);
    const title = element('p', 'step-title');
    title.append(element('strong', 'step-name', step.name));
    title.append(
      element('span', 'step-exit', step.exitCode === null ? 'did not finish' : `exit code ${step.exitCode}`),
      element('span', 'step-time', formatDuration(step.durationMs)),
    );
    item.append(title);
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = step[stream];
      if (!text) continue;
      const block = element('div', `step-stream ${stream}`);
      block.append(element('p', 'stream-name', stream), element('pre', '', text));
      item.append(block);
    }
    if (!step.stdout && !step.stderr) item.append(element('p', 'step-quiet', 'No output.'));
    list.append(item);
  }
  output.append(list);
}

/** Opens the Monaco editor of one LessonEditor: tabs, saved edits, reset, and Run on the server. */
export function openEditor(root: HTMLElement): void {
  const lesson = root.dataset.lesson ?? '';
  const files = JSON.parse(required<HTMLScriptElement>(root, 'script[data-files]', 'LessonEditor').textContent ?? '[]') as ExampleFile[];
  const panel = required<HTMLElement>(root, '[data-panel]', 'LessonEditor');
  const host = required<HTMLElement>(root, '[data-host]', 'LessonEditor');
  const runButton = required<HTMLButtonElement>(root, '[data-run]', 'LessonEditor');
  const resetButton = required<HTMLButtonElement>(root, '[data-reset]', 'LessonEditor');
  const editStatus = required<HTMLElement>(root, '[data-edit-status]', 'LessonEditor');
  const output = required<HTMLElement>(root, '[data-output]', 'LessonEditor');
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[role="tab"][data-path]')];
  const store = browserStorage() ?? memoryStore();

  const edits = loadEdits(store, lesson, files.map((file) => file.path));
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
      count === 0 ? "You are looking at the lesson's code." : `${count} file${count === 1 ? '' : 's'} edited; edits are saved in this browser.`;
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

  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const first = files[0];
  if (!first) throw new Error(`LessonEditor: lesson "${lesson}" has no example files.`);
  const editor = monaco.editor.create(host, {
    model: models.get(first.path) ?? null,
    theme: dark ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    lineNumbersMinChars: 3,
    renderLineHighlight: 'line',
    ariaLabel: `Code of lesson ${lesson}`,
  });
  const viewStates = new Map<string, MonacoEditor.ICodeEditorViewState | null>();
  let current = first.path;

  const select = (path: string) => {
    const model = models.get(path);
    if (!model) return;
    viewStates.set(current, editor.saveViewState());
    editor.setModel(model);
    const state = viewStates.get(path);
    if (state) editor.restoreViewState(state);
    current = path;
    for (const tab of tabs) {
      const selected = tab.dataset.path === path;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    host.setAttribute('aria-labelledby', tabs.find((tab) => tab.dataset.path === path)?.id ?? '');
  };

  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab.dataset.path ?? ''));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      const next = tabs[(index + step + tabs.length) % tabs.length];
      if (!next) return;
      next.focus();
      select(next.dataset.path ?? '');
    });
  });

  resetButton.addEventListener('click', () => {
    for (const [path, model] of models) {
      const original = originals.get(path) ?? '';
      if (model.getValue() !== original) model.setValue(original);
    }
    clearEdits(store, lesson, [...models.keys()]);
    markTabs();
    editStatus.textContent = "Reset: every file is back to the lesson's code.";
  });

  runButton.addEventListener('click', async () => {
    runButton.disabled = true;
    runButton.textContent = 'Running…';
    output.replaceChildren(element('p', 'run-pending', `Sending ${models.size} files to the runner at ${runnerUrl}…`));
    const payload: Record<string, string> = {};
    for (const [path, model] of models) payload[path] = model.getValue();
    const outcome = await runOnServer(runnerUrl, payload);
    const run: StoredRun = { at: new Date().toISOString(), outcome };
    renderRun(output, run, false);
    if (outcome.kind !== 'offline') saveLastRun(store, lesson, run);
    runButton.disabled = false;
    runButton.textContent = 'Run on the server';
  });

  const lastRun = loadLastRun(store, lesson);
  if (lastRun) renderRun(output, lastRun, true);
  panel.hidden = false;
  select(first.path);
  markTabs();
  root.dataset.editorState = 'open';
}
