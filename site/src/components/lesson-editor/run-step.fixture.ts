// Test fixture: one finished step as the runner reports it, for the editor's unit tests.
import type { RunStep } from './run-report.ts';

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
    ...over,
  };
}
