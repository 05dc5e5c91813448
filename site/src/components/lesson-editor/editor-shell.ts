// What the three Monaco panels (lesson editor, exercise, kernel editor) share: the editor with the
// course's options, file tabs that keep each file's scroll and cursor, and a Run/Stop button pair.
import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { monaco } from './monaco-setup.ts';

/** The editor's colours follow the reader's light or dark scheme, like the rest of the page. */
export function monacoTheme(): 'vs' | 'vs-dark' {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}

/** A Monaco editor in `host` with the options every panel uses. */
export function createCodeEditor(
  host: HTMLElement,
  model: MonacoEditor.ITextModel | null,
  ariaLabel: string,
): MonacoEditor.IStandaloneCodeEditor {
  return monaco.editor.create(host, {
    model,
    theme: monacoTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    lineNumbersMinChars: 3,
    renderLineHighlight: 'line',
    ariaLabel,
  });
}

export interface FileTabs {
  /** Shows `path` in the editor (its tab selected, its view state restored). */
  select(path: string): void;
  /** The path shown now. */
  current(): string;
}

/**
 * Makes `tabs` (buttons with `data-path`, role="tab") switch the editor between `models`, with
 * Left/Right arrows moving between tabs. `onSelect` runs after each switch.
 */
export function fileTabs(options: {
  editor: MonacoEditor.IStandaloneCodeEditor;
  host: HTMLElement;
  tabs: readonly HTMLElement[];
  models: ReadonlyMap<string, MonacoEditor.ITextModel>;
  first: string;
  onSelect?: (path: string) => void;
}): FileTabs {
  const { editor, host, tabs, models, onSelect } = options;
  const viewStates = new Map<string, MonacoEditor.ICodeEditorViewState | null>();
  let current = options.first;
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
    onSelect?.(path);
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
  return { select, current: () => current };
}

export interface RunButtons {
  /** Starts a run: null when one is going on already, else the signal Stop aborts. */
  start(): AbortController | null;
  /** Ends the run: buttons back to idle, focus back on the run button if Stop had it. */
  finish(): void;
}

/** A run button and its Stop button: one run at a time, Stop aborts it. */
export function runButtons(run: HTMLButtonElement, stop: HTMLButtonElement, labels: { idle: string; busy: string }): RunButtons {
  let running: AbortController | null = null;
  stop.addEventListener('click', () => {
    if (!running) return;
    running.abort();
    stop.disabled = true;
    stop.textContent = 'Stopping…';
  });
  return {
    start() {
      if (running) return null;
      running = new AbortController();
      run.disabled = true;
      run.textContent = labels.busy;
      stop.hidden = false;
      stop.disabled = false;
      stop.textContent = 'Stop';
      return running;
    },
    finish() {
      running = null;
      const hadFocus = document.activeElement === stop;
      stop.hidden = true;
      run.disabled = false;
      run.textContent = labels.idle;
      if (hadFocus) run.focus();
    },
  };
}
