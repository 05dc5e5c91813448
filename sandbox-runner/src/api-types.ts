/**
 * The runner's public API as plain TypeScript: constants and types, no
 * runtime dependencies. The site imports this module (so a change here
 * fails the site's type check); api-schema.ts builds the zod schemas that
 * validate requests and generate the OpenAPI document, and checks at compile
 * time that they describe exactly these types.
 */

/**
 * What a job asks for: `run` builds and runs the program, `test` builds and
 * runs its tests, `wasm` builds the job's Rust crate (`rust/`) into a
 * WebAssembly module for the page (WASM_TARGET, release, simd128).
 */
export const ACTIONS = ['run', 'test', 'wasm'] as const;
export type Action = (typeof ACTIONS)[number];

/** The steps a job can have, in the order they run. */
export const STEP_NAMES = ['cargo-build', 'go-build', 'run', 'cargo-test', 'go-test', 'wasm-build'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** Why the sandbox stopped a step (null in a result: it ended by itself). */
export const KILL_REASONS = ['timeout', 'memory', 'output-limit', 'pids', 'disk', 'cpu', 'file-size'] as const;
export type KillReason = (typeof KILL_REASONS)[number];

export const BACKEND_NAMES = ['bubblewrap', 'container'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Rules for the paths of a job's files (the runner enforces them; the OpenAPI document states them). */
export const FILE_PATH_RULES = {
  maxLength: 200,
  maxDepth: 8,
  /** Characters allowed in one path segment. */
  segment: /^[A-Za-z0-9._+@-]+$/,
  /** Paths the runner writes itself inside the work dir; a job may not use them. */
  reservedPrefixes: ['.hybrid-lab/', 'rust/target/'],
} as const;

/** Request limits the runner enforces by default (each can be changed in its configuration). */
export const DEFAULT_REQUEST_LIMITS = {
  maxBodyBytes: 262_144,
  maxFiles: 32,
  maxFileBytes: 65_536,
} as const;

/** The target a `wasm` job builds for. */
export const WASM_TARGET = 'wasm32-unknown-unknown';

/** Largest artifact a `wasm` job may return by default (RUNNER_MAX_ARTIFACT_BYTES changes it). */
export const DEFAULT_MAX_ARTIFACT_BYTES = 2_097_152;

/**
 * A file a job produced, for the page to use (a `wasm` job: the `.wasm`
 * module itself, for a crate with plain `#[no_mangle] extern "C"` exports).
 */
export interface Artifact {
  /** File name of the artifact (`batching_wasm.wasm`). */
  path: string;
  /** The file's bytes, base64-encoded. */
  base64: string;
  /** Size of the file in bytes (before base64). */
  bytes: number;
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
}

/** Where a compiler complained, in the job's own files. */
export interface Diagnostic {
  /** Path of the file relative to the job root, as sent ("rust/src/lib.rs", "batcher.go"). */
  file: string;
  /** 1-based line and column of the start. */
  line: number;
  column: number;
  /** 1-based line and column where the marked text ends (equal to the start when unknown). */
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning';
  /** The compiler's message, without the file and position. */
  message: string;
  /** The compiler's error code (E0308), or null. */
  code: string | null;
}

/** One step of a job as it ended. */
export interface StepResult {
  name: StepName;
  /** Exit status, or null when the step ended by a signal. */
  exitCode: number | null;
  /** Signal that ended the main process (SIGKILL, SIGABRT, ...), or null. */
  signal: string | null;
  /** Why the sandbox stopped the step, or null when it ended by itself. */
  reason: KillReason | null;
  /** A sentence for the learner explaining `reason` or an abnormal end, or null. */
  message: string | null;
  stdout: string;
  stderr: string;
  /** True when stdout or stderr was cut at the output limit (the text then ends with a marker). */
  truncated: boolean;
  durationMs: number;
  /** CPU time of all processes of the step (cgroup cpuacct), or null when unknown. */
  cpuMs: number | null;
  /** Peak memory of the step (cgroup), or null when unknown. */
  peakMemoryBytes: number | null;
  /** Compiler errors and warnings of a build or test step, placed in the job's files (empty otherwise). */
  diagnostics: Diagnostic[];
}

/** Outcome of a whole `test` job, or of one test (Exercism's results.json is the model). */
export const TEST_STATUSES = ['pass', 'fail', 'error'] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

export const TEST_LANGUAGES = ['go', 'rust'] as const;
export type TestLanguage = (typeof TEST_LANGUAGES)[number];

/** Characters of a test's `output` kept in a result; longer output is cut and ends with OUTPUT_CUT_MARKER. */
export const TEST_OUTPUT_CHARS = 500;
export const OUTPUT_CUT_MARKER = '\n[... output cut ...]';

/** One test of a `test` job. */
export interface TestResult {
  /** The test's name: a Go test function (TestFlushWhenFull), or a Rust test path (null_pointer_is_an_error, tests::x). */
  name: string;
  /** pass; fail (it ran and an assertion failed); error (it did not run to its end: crash, abort, time limit, no build). */
  status: TestStatus;
  /** Why it failed or errored, for the learner; null when it passed. */
  message: string | null;
  /** What the test printed (besides its failure message), cut at TEST_OUTPUT_CHARS; null when nothing. */
  output: string | null;
  /** The task this test checks (`// task: N` above the test), or null when it names none. */
  taskId: number | null;
  language: TestLanguage;
  /** The file that holds the test, relative to the job root (batcher_test.go, rust/tests/boundary.rs). */
  file: string;
  /** Wall time of the test's own process, or null when it did not run. */
  durationMs: number | null;
}

/** The answer to a job. */
export interface RunResult {
  /** True when this answer came from the result cache (nothing was run). */
  cached: boolean;
  /** True when every step exited with status 0 (for `test`: every test passed). */
  ok: boolean;
  steps: StepResult[];
  backend: BackendName;
  /** Time spent waiting for a free slot (0 for a cached answer). */
  queueWaitMs: number;
  /** Time from the request to the answer. */
  totalMs: number;
  /** `test` only: pass (every test passed), fail (some failed), error (the tests did not build or did not run to the end). */
  status?: TestStatus;
  /**
   * `test`: why the status is `error` (the compiler's first errors, or the limit that stopped the tests).
   * `wasm`: why there is no artifact when the build succeeded (over the size limit). Else null.
   */
  message?: string | null;
  /** `test` only: every test of the job's test files, in file order. */
  tests?: TestResult[];
  /**
   * `wasm` only: the built module (empty when the build failed or the module
   * was over the artifact limit; `ok` is then false and `message` says why).
   */
  artifacts?: Artifact[];
}

/** Body of every 4xx and 5xx answer. */
export interface ErrorBody {
  /** What was wrong and, where it helps, how to fix it. */
  error: string;
}

/** Body of a 429 answer (the queue is full): the message, how full the runner is, and when to come back. */
export interface BusyBody extends ErrorBody {
  /** Jobs holding a slot. */
  running: number;
  /** Jobs waiting for a slot (the queue is full). */
  waiting: number;
  /** The same number of seconds as the Retry-After header. */
  retryAfterSeconds: number;
}

/** GET /healthz */
export interface Health {
  status: 'ok' | 'unavailable';
  backend: BackendName | null;
  /** Which sandbox runs jobs, or what to install when none can. */
  detail: string;
  toolchains: Record<string, string>;
  queue: { active: number; waiting: number; maxConcurrent: number; maxWaiting: number };
  cache: { entries: number; hits: number; misses: number };
}

/** The events of a `text/event-stream` answer, by event name, with their data. */
export interface StreamEvents {
  /** Jobs ahead of this one (0: next to start). */
  queued: { position: number };
  started: { queueWaitMs: number };
  'step-start': { name: StepName };
  output: { step: StepName; stream: 'stdout' | 'stderr'; data: string };
  'step-end': StepResult;
  result: RunResult;
  error: ErrorBody;
}
export type StreamEventName = keyof StreamEvents;
export const STREAM_EVENT_NAMES = [
  'queued',
  'started',
  'step-start',
  'output',
  'step-end',
  'result',
  'error',
] as const satisfies readonly StreamEventName[];
