// Compiler diagnostics of a finished run (cargo's JSON, Go's file:line:col, as the runner
// reports them) turned into Monaco markers on the learner's files. Pure data here; the
// editor sets them with monaco.editor.setModelMarkers.
import type { Diagnostic, RunStep } from './run-report.ts';

/** A marker as Monaco takes it, with the severity still as a word. */
export interface MarkerSpec {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  message: string;
  code?: string;
  /** Which step reported it (cargo-build, go-test, ...), shown by Monaco as the marker's source. */
  source: string;
}

/** Where a step's diagnostic sits, sorted errors first, then by position. */
function byPosition(a: MarkerSpec, b: MarkerSpec): number {
  const rank = (m: MarkerSpec) => (m.severity === 'error' ? 0 : 1);
  return rank(a) - rank(b) || a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn;
}

/**
 * The markers of every file in `paths` (every path gets an entry, empty when clean, so old
 * markers are cleared). A diagnostic on a file the editor does not hold is left out; the
 * step's output still shows it. The same diagnostic reported by two steps counts once.
 */
export function markersByFile(steps: readonly RunStep[], paths: Iterable<string>): Map<string, MarkerSpec[]> {
  const out = new Map<string, MarkerSpec[]>();
  for (const path of paths) out.set(path, []);
  const seen = new Set<string>();
  for (const step of steps) {
    for (const d of step.diagnostics) {
      const list = out.get(d.file);
      if (!list) continue;
      const key = `${d.file}:${d.line}:${d.column}:${d.severity}:${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const endsAfterStart = d.endLine > d.line || (d.endLine === d.line && d.endColumn > d.column);
      list.push({
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: endsAfterStart ? d.endLine : d.line,
        // A diagnostic without an extent marks one character; the editor widens it to the word.
        endColumn: endsAfterStart ? d.endColumn : d.column + 1,
        severity: d.severity,
        message: d.message,
        ...(d.code ? { code: d.code } : {}),
        source: step.name,
      });
    }
  }
  for (const list of out.values()) list.sort(byPosition);
  return out;
}

/** "2 errors, 1 warning" for a file's tab; empty when there are none. */
export function markerCountLabel(markers: readonly MarkerSpec[]): string {
  const errors = markers.filter((m) => m.severity === 'error').length;
  const warnings = markers.length - errors;
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}
