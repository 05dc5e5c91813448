/**
 * The public API as zod schemas: they validate requests and are the source
 * of the OpenAPI document (openapi.ts). The plain types live in
 * api-types.ts (which the site imports); the checks at the bottom of this
 * file make the build fail when a schema and its type drift apart.
 */
import { z } from 'zod';
import {
  ACTIONS,
  type Artifact,
  BACKEND_NAMES,
  type BusyBody,
  DEFAULT_REQUEST_LIMITS,
  type Diagnostic,
  type ErrorBody,
  FILE_PATH_RULES,
  type Health,
  KILL_REASONS,
  type RunResult,
  STEP_NAMES,
  type StepResult,
  type StreamEvents,
  TEST_LANGUAGES,
  TEST_STATUSES,
  type TestResult,
  WASM_TARGET,
} from './api-types.ts';

export * from './api-types.ts';

/**
 * One regular expression for the path rules that a regex can state: ordinary names joined by
 * "/", no "." or ".." segment, at most maxDepth deep, not under a reserved prefix. (Length is
 * stated separately; "no path through a file" needs the other paths and is checked in code.)
 */
export const FILE_PATH_PATTERN = (() => {
  const name = FILE_PATH_RULES.segment.source.slice(1, -1);
  const notDots = '(?!\\.\\.?(?:/|$))';
  const reserved = FILE_PATH_RULES.reservedPrefixes.map((p) => p.slice(0, -1).replaceAll('.', '\\.')).join('|');
  return `^(?!(?:${reserved})(?:/|$))(?:${notDots}${name}/){0,${FILE_PATH_RULES.maxDepth - 1}}${notDots}${name}$`;
})();

/** The request schema with the runner's limits (the OpenAPI document uses the defaults). */
export function runRequestSchema(limits: { maxFiles: number; maxFileBytes: number } = DEFAULT_REQUEST_LIMITS) {
  return z
    .strictObject({
      files: z
        .record(
          z.string().min(1).max(FILE_PATH_RULES.maxLength).regex(new RegExp(FILE_PATH_PATTERN)),
          z
            .string()
            .max(limits.maxFileBytes)
            // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what the pattern refuses; a regex (not a refine) so the OpenAPI document states it.
            .regex(/^[^\u0000]*$/)
            .describe(`UTF-8 text without NUL characters, at most ${limits.maxFileBytes} bytes once encoded as UTF-8.`),
        )
        .refine((files) => Object.keys(files).length >= 1, { message: 'files is empty' })
        .refine((files) => Object.keys(files).length <= limits.maxFiles, { message: `more than ${limits.maxFiles} files` })
        // A wasm job needs rust/Cargo.toml; job-request.ts says so (a JSON schema cannot tie it to the action).
        .meta({ minProperties: 1, maxProperties: limits.maxFiles, anyOf: [{ required: ['go.mod'] }, { required: ['rust/Cargo.toml'] }] })
        .describe(
          'Job files by relative POSIX path: a Go module at the root (go.mod, *.go) and/or a Rust crate in rust/ (rust/Cargo.toml, rust/src/...). ' +
            `At least one file, at most ${limits.maxFiles}; go.mod or rust/Cargo.toml must be among them. ` +
            `Paths: at most ${FILE_PATH_RULES.maxLength} characters and ${FILE_PATH_RULES.maxDepth} levels, names of letters, digits and . _ - + @, ` +
            `no "." or ".." segment, nothing under ${FILE_PATH_RULES.reservedPrefixes.join(' or ')}, and no path may pass through another file's path.`,
        ),
      action: z
        .enum(ACTIONS)
        .describe(
          '`run`: build (cargo build --release, then go build) and run. `test`: build and run every test of the job ' +
            '(rust/tests/*.rs and unit tests, *_test.go), each test in its own process, and answer `status` and `tests`. ' +
            `\`wasm\`: only compile the Rust crate (rust/, which must be a cdylib) for ${WASM_TARGET} in release mode with simd128, ` +
            'and answer the .wasm module in `artifacts` (Go files are ignored).',
        ),
    })
    .describe('A small Go + Rust project to build and run (or test) in the sandbox, or a Rust crate to compile to WebAssembly.');
}

export const RunRequestSchema = runRequestSchema();
export type RunRequest = z.infer<typeof RunRequestSchema>;

export const DiagnosticSchema = z.object({
  file: z.string().describe('Path relative to the job root, as sent.'),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  code: z.string().nullable().describe('Compiler error code such as E0308, or null.'),
});

export const StepResultSchema = z.object({
  name: z.enum(STEP_NAMES),
  exitCode: z.number().int().nullable().describe('Exit status, or null when the step ended by a signal.'),
  signal: z.string().nullable().describe('Signal that ended the main process (SIGKILL, SIGABRT, ...), or null.'),
  reason: z.enum(KILL_REASONS).nullable().describe('Why the sandbox stopped the step, or null when it ended by itself.'),
  message: z.string().nullable().describe('A sentence for the learner explaining `reason` or an abnormal end, or null.'),
  stdout: z.string(),
  stderr: z.string(),
  truncated: z.boolean().describe('True when stdout or stderr was cut at the output limit (the text then ends with a marker).'),
  durationMs: z.number(),
  cpuMs: z.number().nullable().describe('CPU time of all processes of the step (cgroup cpuacct), or null when unknown.'),
  peakMemoryBytes: z.number().nullable().describe('Peak memory of the step (cgroup), or null when unknown.'),
  diagnostics: z
    .array(DiagnosticSchema)
    .describe("Compiler errors and warnings placed in the job's files (cargo's JSON diagnostics; Go's file:line:col)."),
});

export const TestResultSchema = z.object({
  name: z.string(),
  status: z.enum(TEST_STATUSES).describe('pass; fail (an assertion failed); error (crash, abort, time limit, or the tests did not build).'),
  message: z.string().nullable(),
  output: z.string().nullable().describe('What the test printed besides its failure message, cut at 500 characters with a marker.'),
  taskId: z.number().int().positive().nullable().describe('The task the test checks (a `// task: N` comment above it), or null.'),
  language: z.enum(TEST_LANGUAGES),
  file: z.string(),
  durationMs: z.number().nullable(),
});

export const ArtifactSchema = z.object({
  path: z.string().describe('File name of the artifact (batching_wasm.wasm).'),
  base64: z.string().describe("The file's bytes, base64-encoded."),
  bytes: z.number().int().min(0).describe('Size of the file in bytes (before base64).'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe("SHA-256 of the file's bytes, lowercase hex."),
});

export const RunResultSchema = z.object({
  cached: z.boolean().describe('True when this answer came from the result cache (nothing was run).'),
  ok: z
    .boolean()
    .describe('True when every step exited with status 0 (for `test`: every test passed; for `wasm`: and the module is in `artifacts`).'),
  steps: z.array(StepResultSchema),
  backend: z.enum(BACKEND_NAMES),
  queueWaitMs: z.number().describe('Time spent waiting for a free slot (0 for a cached answer).'),
  totalMs: z.number().describe('Time from the request to the answer.'),
  status: z
    .enum(TEST_STATUSES)
    .optional()
    .describe('`test` only: pass, fail, or error (the tests did not build or did not run to the end).'),
  message: z
    .string()
    .nullable()
    .optional()
    .describe(
      '`test`: why the status is error. `wasm`: why there is no artifact although the build succeeded (no .wasm, or over the artifact size limit). Else null.',
    ),
  tests: z.array(TestResultSchema).optional().describe('`test` only: every test, in the order of the test files.'),
  artifacts: z
    .array(ArtifactSchema)
    .optional()
    .describe(
      '`wasm` only: the built .wasm module; empty when the build failed or the module was over the size limit (`ok` is then false and `message` says why).',
    ),
});

export const ErrorBodySchema = z.object({
  error: z.string().describe('What was wrong and, where it helps, how to fix it.'),
});

export const BusyBodySchema = ErrorBodySchema.extend({
  running: z.number().int().min(0).describe('Jobs holding a slot.'),
  waiting: z.number().int().min(0).describe('Jobs waiting for a slot (the queue is full).'),
  retryAfterSeconds: z.number().int().min(1).describe('The same number of seconds as the Retry-After header.'),
});

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  backend: z.enum(BACKEND_NAMES).nullable(),
  detail: z.string().describe('Which sandbox runs jobs, or what to install when none can.'),
  toolchains: z.record(z.string(), z.string()),
  queue: z.object({
    active: z.number().int(),
    waiting: z.number().int(),
    maxConcurrent: z.number().int(),
    maxWaiting: z.number().int(),
  }),
  cache: z.object({ entries: z.number().int(), hits: z.number().int(), misses: z.number().int() }),
});

/** The events of a `text/event-stream` answer, by event name. */
export const StreamEventSchemas = {
  queued: z.object({ position: z.number().int().describe('Jobs ahead of this one (0: next to start).') }),
  started: z.object({ queueWaitMs: z.number() }),
  'step-start': z.object({ name: z.enum(STEP_NAMES) }),
  output: z.object({ step: z.enum(STEP_NAMES), stream: z.enum(['stdout', 'stderr']), data: z.string() }),
  'step-end': StepResultSchema,
  result: RunResultSchema,
  error: ErrorBodySchema,
} as const;

// Compile-time checks: each schema's output type is exactly its public type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(ok: Same<A, B>) => ok;
same<z.infer<typeof DiagnosticSchema>, Diagnostic>(true);
same<z.infer<typeof ArtifactSchema>, Artifact>(true);
same<z.infer<typeof StepResultSchema>, StepResult>(true);
same<z.infer<typeof TestResultSchema>, TestResult>(true);
same<z.infer<typeof RunResultSchema>, RunResult>(true);
same<z.infer<typeof ErrorBodySchema>, ErrorBody>(true);
same<z.infer<typeof BusyBodySchema>, BusyBody>(true);
same<z.infer<typeof HealthSchema>, Health>(true);
same<{ [K in keyof typeof StreamEventSchemas]: z.infer<(typeof StreamEventSchemas)[K]> }, StreamEvents>(true);
