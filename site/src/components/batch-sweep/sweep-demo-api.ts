// What the batch-sweep demo offers the "Edit the kernel" panel (loaded later, on demand).
import type { ErrorOrigin, LearnerModules, SweepResult } from './sweep-protocol.ts';
import type { SweepSize } from './sweep-schedule.ts';

/** How measuring the learner's kernel ended. */
export type LearnerMeasureOutcome =
  | { kind: 'done'; result: SweepResult }
  /** The worker reported an error (a module that does not fit, a trap); learner-errors.ts explains it. */
  | { kind: 'failed'; origin: ErrorOrigin; name: string; message: string }
  /** The watchdog ended the worker after `ms` without a word from it. */
  | { kind: 'timeout'; ms: number }
  /** The demo was already measuring. */
  | { kind: 'busy' };

/** The demo's side of the kernel editor. */
export interface SweepDemoApi {
  /** Runs the sweep with both runner builds beside the lesson's demo; the chart and table show them as it goes. */
  measureLearner(modules: LearnerModules, size: SweepSize): Promise<LearnerMeasureOutcome>;
  /** Shows a stored result in the chart, the table and the readings. */
  show(result: SweepResult, label: string): void;
  /** Tells `listener` whenever a sweep starts or ends. */
  onRunningChange(listener: (running: boolean) => void): void;
  isRunning(): boolean;
}
