// What a finished run reports, as the output pane shows it, and how it is read from the
// runner's JSON (its final `result` document, a `step-end` event, or a run stored by an
// older version of this page, which had only name, exit code, output and duration).
// The shapes follow the runner's public types (sandbox-runner/src/api-types.ts), so a change
// there fails this site's type check; fields an older runner or stored run lacks read as null.
import {
  type Diagnostic,
  KILL_REASONS,
  type KillReason,
  type StepResult,
  TEST_LANGUAGES,
  TEST_STATUSES,
  type TestResult,
  type TestStatus,
} from '@hybrid-lab/sandbox-runner/api-types';

export type { Diagnostic, KillReason, TestResult, TestStatus } from '@hybrid-lab/sandbox-runner/api-types';

/** One step of a run (cargo build, go build, the program itself), as the output pane shows it. */
export interface RunStep {
  /** A StepName from the runner; kept as text so a step of a newer runner still shows. */
  name: StepResult['name'] | (string & {});
  /** Exit code, or null when the step was killed or did not finish. */
  exitCode: number | null;
  /** Signal that ended the step (SIGKILL, SIGABRT, ...), or null. */
  signal: string | null;
  /** Why the sandbox stopped the step (timeout, memory, ...), or null when it ended by itself. */
  reason: KillReason | (string & {}) | null;
  /** The runner's sentence for the learner about `reason` or an abnormal end, or null. */
  message: string | null;
  stdout: string;
  stderr: string;
  /** True when the runner cut stdout or stderr at its output limit. */
  truncated: boolean;
  /** Wall time of the step in ms, when the runner reported it. */
  durationMs: number | null;
  /** CPU time of every process of the step, when known. */
  cpuMs: number | null;
  /** Peak memory of the step, when known. */
  peakMemoryBytes: number | null;
  /** Compiler errors and warnings placed in the job's files (empty when none or not reported). */
  diagnostics: Diagnostic[];
}

/** A finished run: its steps and what the runner says about the run as a whole (null: not reported). */
export interface RunReport {
  steps: RunStep[];
  /** True when the answer came from the runner's result cache (nothing was run). */
  cached: boolean | null;
  queueWaitMs: number | null;
  totalMs: number | null;
  /** Sandbox kind that ran it (bubblewrap, container). */
  backend: string | null;
  /** `test` jobs: pass, fail or error (the tests did not build or run to the end); null for `run`. */
  status: TestStatus | null;
  /** `test` jobs: why the status is error, or null. */
  message: string | null;
  /** `test` jobs: every test in file order; empty for `run`. */
  tests: TestResult[];
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(record: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (record[name] !== undefined) return record[name];
  return undefined;
}

function measurement(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function position(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;
}

/** Reads the diagnostics of a step; entries without a file, line and message are dropped. */
export function parseDiagnostics(raw: unknown): Diagnostic[] {
  if (!Array.isArray(raw)) return [];
  const out: Diagnostic[] = [];
  for (const entry of raw) {
    if (!isRecord(entry)) continue;
    const file = text(entry.file);
    const line = position(entry.line);
    const message = text(entry.message);
    if (file === null || line === null || message === null) continue;
    const column = position(entry.column) ?? 1;
    out.push({
      file,
      line,
      column,
      endLine: position(entry.endLine) ?? line,
      endColumn: position(entry.endColumn) ?? column,
      severity: entry.severity === 'warning' ? 'warning' : 'error',
      message,
      code: text(entry.code),
    });
  }
  return out;
}

/** Reads one test of a `test` answer; `label` names it in errors. */
export function parseTestResult(raw: unknown, label: string): TestResult {
  if (!isRecord(raw)) throw new Error(`${label} of the runner's answer is not an object.`);
  const name = text(raw.name);
  if (name === null) throw new Error(`${label} of the runner's answer has no name.`);
  const status = oneOf(TEST_STATUSES, raw.status);
  if (status === null) throw new Error(`Test "${name}" has no status (pass, fail or error).`);
  const language = oneOf(TEST_LANGUAGES, raw.language);
  if (language === null) throw new Error(`Test "${name}" has no language (go or rust).`);
  return {
    name,
    status,
    message: text(raw.message),
    output: text(raw.output),
    taskId: position(raw.taskId),
    language,
    file: text(raw.file) ?? '',
    durationMs: measurement(raw.durationMs),
  };
}

/**
 * Reads one step ({ name, exitCode, stdout, stderr, durationMs, and optionally signal, reason,
 * message, truncated, cpuMs, peakMemoryBytes }; snake_case accepted). `label` names it in errors.
 */
export function parseStep(raw: unknown, label: string): RunStep {
  if (!isRecord(raw)) throw new Error(`${label} of the runner's answer is not an object.`);
  const name = raw.name;
  if (typeof name !== 'string' || name === '') throw new Error(`${label} of the runner's answer has no name.`);
  const exitCode = pick(raw, 'exitCode', 'exit_code');
  const stdout = raw.stdout ?? '';
  const stderr = raw.stderr ?? '';
  if (exitCode !== null && exitCode !== undefined && !Number.isInteger(exitCode)) {
    throw new Error(`Step "${name}" has an exit code that is not a whole number.`);
  }
  if (typeof stdout !== 'string' || typeof stderr !== 'string') {
    throw new Error(`Step "${name}" has stdout or stderr that is not text.`);
  }
  return {
    name,
    exitCode: typeof exitCode === 'number' ? exitCode : null,
    signal: text(raw.signal),
    reason: oneOf(KILL_REASONS, raw.reason) ?? text(raw.reason),
    message: text(raw.message),
    stdout,
    stderr,
    truncated: raw.truncated === true,
    durationMs: measurement(pick(raw, 'durationMs', 'duration_ms')),
    cpuMs: measurement(pick(raw, 'cpuMs', 'cpu_ms')),
    peakMemoryBytes: measurement(pick(raw, 'peakMemoryBytes', 'peak_memory_bytes')),
    diagnostics: parseDiagnostics(raw.diagnostics),
  };
}

/**
 * Reads a finished run from the runner's answer: { "steps": [...], "cached", "queueWaitMs",
 * "totalMs", "backend" } (also nested under "result"). Fields a runner or an old stored run
 * leave out become null. Throws with what was wrong when the answer has another shape.
 */
export function parseRunReport(json: unknown): RunReport {
  const container = isRecord(json) && isRecord(json.result) && Array.isArray(json.result.steps) ? json.result : json;
  if (!isRecord(container) || !Array.isArray(container.steps)) {
    throw new Error('The runner answered without a "steps" list.');
  }
  return {
    steps: container.steps.map((raw, index) => parseStep(raw, `Step ${index + 1}`)),
    cached: typeof container.cached === 'boolean' ? container.cached : null,
    queueWaitMs: measurement(pick(container, 'queueWaitMs', 'queue_wait_ms')),
    totalMs: measurement(pick(container, 'totalMs', 'total_ms')),
    backend: text(container.backend),
    status: oneOf(TEST_STATUSES, container.status),
    message: text(container.message),
    tests: Array.isArray(container.tests) ? container.tests.map((raw, index) => parseTestResult(raw, `Test ${index + 1}`)) : [],
  };
}
