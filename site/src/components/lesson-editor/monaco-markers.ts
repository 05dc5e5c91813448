// Sets a run's compiler diagnostics as Monaco markers on the editor's files, and says on each
// file's tab how many there are (so a learner sees which file to open).
import type { editor as MonacoEditor } from 'monaco-editor/editor/editor.api';
import { markerCountLabel, markersByFile } from './diagnostic-markers.ts';
import { monaco } from './monaco-setup.ts';
import type { RunStep } from './run-report.ts';

const OWNER = 'hybrid-lab-runner';

/** Replaces the runner's markers on every model with those of `steps` (none clears them). */
export function showDiagnostics(
  models: ReadonlyMap<string, MonacoEditor.ITextModel>,
  steps: readonly RunStep[],
  tabs: readonly HTMLElement[],
): void {
  const byFile = markersByFile(steps, models.keys());
  for (const [path, model] of models) {
    const markers = (byFile.get(path) ?? []).map((m) => {
      const word =
        m.endColumn === m.startColumn + 1 ? model.getWordAtPosition({ lineNumber: m.startLineNumber, column: m.startColumn }) : null;
      return {
        ...m,
        endColumn: word ? Math.max(word.endColumn, m.endColumn) : m.endColumn,
        severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      };
    });
    monaco.editor.setModelMarkers(model, OWNER, markers);
    const tab = tabs.find((t) => t.dataset.path === path);
    if (!tab) continue;
    const label = markerCountLabel(byFile.get(path) ?? []);
    let badge = tab.querySelector<HTMLElement>('.tab-problems');
    if (!label) {
      badge?.remove();
      continue;
    }
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'tab-problems';
      tab.append(badge);
    }
    badge.textContent = ` (${label})`;
    badge.classList.toggle('has-errors', label.includes('error'));
  }
}
