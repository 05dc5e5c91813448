/** The three ways the demo computes the same dot product. */
export const METHODS = ['perElement', 'batched', 'plainJs'] as const;

/** One of METHODS. */
export type Method = (typeof METHODS)[number];

/** How each method is named in the legend, the table and the reading. */
export const METHOD_LABELS: Readonly<Record<Method, string>> = {
  perElement: 'Per-element wasm calls (dot_step)',
  batched: 'Batched wasm calls (dot_range)',
  plainJs: 'Plain JavaScript loop',
};

/** Nanoseconds per element of each method at one batch size. */
export interface SweepPoint {
  batchSize: number;
  perElement: number;
  batched: number;
  plainJs: number;
}

/** Names of the two runner-built series: the lesson's kernel and the learner's, both called through hl_dot. */
export const LESSON_BUILD = 'lessonBuild';
export const LEARNER = 'learner';

/** How the two runner-built series are named in the legend, the table and the reading. */
export const LESSON_BUILD_LABEL = "Lesson's kernel, built by the runner (hl_dot)";
export const LEARNER_LABEL = 'Your kernel, built by the runner (hl_dot)';

/**
 * Both runner-built kernels at one batch size: the lesson's time (`lessonNs`) and the learner's, or,
 * when a batch's result disagreed with the lesson's kernel, that batch and both results (a wrong
 * kernel is not timed). Both are built by the same runner with the same flags and called the same
 * way, so the difference between them is the learner's edit and nothing else.
 */
export type LearnerPoint =
  | { batchSize: number; lessonNs: number; ok: true; ns: number }
  | { batchSize: number; lessonNs: number; ok: false; start: number; length: number; got: number; expected: number };

/** One call of the learner's hl_dot_step that disagreed with acc + a * b in f32. */
export interface StepMismatch {
  acc: number;
  a: number;
  b: number;
  got: number;
  expected: number;
}

/** The learner's kernel in a sweep: both modules and what they measured and computed. */
export interface LearnerRun {
  /** SHA-256 of the learner's module (lowercase hex), which names this build in the history. */
  sha256: string;
  /** SHA-256 of the lesson's kernel as the runner built it. */
  lessonSha256: string;
  /** True when the learner's source differed from the lesson's when it was built. */
  edited: boolean;
  /** A wrong result of hl_dot_step, or null when every checked step agreed. */
  step: StepMismatch | null;
  points: LearnerPoint[];
}

/** A finished sweep, as shown and as kept in localStorage. */
export interface SweepResult {
  /** ISO 8601 time the sweep finished. */
  measuredAt: string;
  /** Elements in each pass. */
  elements: number;
  /** Smallest step of the worker's clock, in ms. */
  clockResolutionMs: number;
  points: SweepPoint[];
  /** Present when the learner's kernel was measured beside the lesson's. */
  learner?: LearnerRun;
}

/** A module the runner built, as sent to the worker. */
export interface BuiltKernel {
  bytes: ArrayBuffer;
  sha256: string;
}

/** The two modules of a comparison: the lesson's kernel and the learner's, from the same runner. */
export interface LearnerModules {
  lesson: BuiltKernel;
  mine: BuiltKernel;
  /** True when the learner's source differed from the lesson's. */
  edited: boolean;
}

/** Which code an error came from: the learner's module or kernel, or the lesson's demo (and the lesson's runner build). */
export type ErrorOrigin = 'learner-module' | 'learner-kernel' | 'lesson';

/** Messages from the page to the worker. */
export type ToWorker = { type: 'run'; elements: number; repeats: number; seed: number; learner?: LearnerModules } | { type: 'panic' };

/** Messages from the worker to the page. */
export type FromWorker =
  | { type: 'started'; batchSizes: number[]; clockResolutionMs: number; minSampleMs: number }
  | { type: 'point'; index: number; total: number; point: SweepPoint; learner?: LearnerPoint }
  | { type: 'done'; result: SweepResult }
  | { type: 'error'; message: string; name: string; origin: ErrorOrigin };
