/**
 * Compiler diagnostics placed in the job's own files: Rust's from cargo's
 * JSON messages (they arrive on the report channel as `cargo-message <json>`
 * lines), Go's (and cgo's C compiler's) from `file:line:col: message` lines
 * of the build's stderr.
 */
import type { Diagnostic } from './api-types.ts';

const CARGO_MESSAGE = 'cargo-message ';

interface CargoSpan {
  file_name?: unknown;
  line_start?: unknown;
  column_start?: unknown;
  line_end?: unknown;
  column_end?: unknown;
  is_primary?: unknown;
}

/** A cargo `compiler-message`, or null for any other line. */
function compilerMessage(
  line: string,
): { rendered: string; level: string; message: string; code: string | null; spans: CargoSpan[] } | null {
  if (!line.startsWith(CARGO_MESSAGE)) return null;
  let json: unknown;
  try {
    json = JSON.parse(line.slice(CARGO_MESSAGE.length));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const record = json as { reason?: unknown; message?: Record<string, unknown> };
  if (record.reason !== 'compiler-message' || typeof record.message !== 'object' || record.message === null) return null;
  const m = record.message;
  const code =
    typeof m.code === 'object' && m.code !== null && typeof (m.code as { code?: unknown }).code === 'string'
      ? (m.code as { code: string }).code
      : null;
  return {
    rendered: typeof m.rendered === 'string' ? m.rendered : '',
    level: typeof m.level === 'string' ? m.level : '',
    message: typeof m.message === 'string' ? m.message : '',
    code,
    spans: Array.isArray(m.spans) ? (m.spans as CargoSpan[]) : [],
  };
}

/** The text the learner would have seen from cargo for a report line (its rendered diagnostic), or null. */
export function renderCargoReport(line: string): string | null {
  const message = compilerMessage(line);
  return message?.rendered ? message.rendered : null;
}

const positive = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;

/**
 * Diagnostics of the cargo messages among report lines. Cargo names files relative to the
 * crate (rust/ in the job); spans in dependencies or the standard library are left out.
 */
export function cargoDiagnostics(reports: readonly string[], jobFiles: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of reports) {
    const message = compilerMessage(line);
    if (!message || (message.level !== 'error' && message.level !== 'warning')) continue;
    const span = message.spans.find((s) => s.is_primary === true) ?? message.spans[0];
    if (!span || typeof span.file_name !== 'string') continue;
    const file = span.file_name.startsWith('/work/') ? span.file_name.slice('/work/'.length) : `rust/${span.file_name}`;
    if (!jobFiles.has(file)) continue;
    const lineStart = positive(span.line_start, 1);
    const columnStart = positive(span.column_start, 1);
    out.push({
      file,
      line: lineStart,
      column: columnStart,
      endLine: positive(span.line_end, lineStart),
      endColumn: positive(span.column_end, columnStart),
      severity: message.level,
      message: message.message,
      code: message.code,
    });
  }
  return out;
}

const GO_POSITION = /^(?:\.\/)?((?:[\w.+@-]+\/)*[\w.+@-]+\.(?:go|c|h|s|cc|cpp)):(\d+)(?::(\d+))?: (.*)$/;

/** Diagnostics in Go's `path:line:col: message` lines (go build, go vet, go test -c, cgo's gcc). */
export function goDiagnostics(stderr: string, jobFiles: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of stderr.split('\n')) {
    const m = GO_POSITION.exec(raw.trim());
    if (!m?.[1] || !jobFiles.has(m[1])) continue;
    const line = Number(m[2]);
    const column = m[3] ? Number(m[3]) : 1;
    let text = m[4] ?? '';
    let severity: Diagnostic['severity'] = 'error';
    const level = /^(error|warning|note): (.*)$/.exec(text);
    if (level) {
      if (level[1] === 'note') continue;
      severity = level[1] === 'warning' ? 'warning' : 'error';
      text = level[2] ?? '';
    }
    out.push({ file: m[1], line, column, endLine: line, endColumn: column, severity, message: text, code: null });
  }
  return out;
}
