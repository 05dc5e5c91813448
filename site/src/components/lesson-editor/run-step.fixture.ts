// Test fixture: one finished step as the runner reports it, for the editor's unit tests.
import type { RunReport, RunStep } from './run-report.ts';

/** A step that exited 0 with no output; `over` sets the fields a test is about. */
export function finishedStep(name: string, over: Partial<RunStep> = {}): RunStep {
  return {
    name,
    exitCode: 0,
    signal: null,
    reason: null,
    message: null,
    stdout: '',
    stderr: '',
    truncated: false,
    durationMs: 10,
    cpuMs: 8,
    peakMemoryBytes: 1_048_576,
    diagnostics: [],
    ...over,
  };
}

/** A finished `run` report of these steps; `over` sets the run facts a test is about. */
export function finishedReport(steps: RunStep[], over: Partial<RunReport> = {}): RunReport {
  return { steps, cached: null, queueWaitMs: null, totalMs: null, backend: null, status: null, message: null, tests: [], ...over };
}
