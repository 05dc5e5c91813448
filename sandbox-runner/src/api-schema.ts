/**
 * The public API: request and response schemas, which are also the
 * TypeScript types and the source of the OpenAPI document (openapi.ts).
 * Internal types (backends, queue) are converted to these at the edge.
 */
import { z } from 'zod';

export const ACTIONS = ['run', 'test'] as const;

export const RunRequestSchema = z
  .strictObject({
    files: z
      .record(z.string(), z.string())
      .describe('Job files by relative POSIX path: a Go module at the root (go.mod, *.go) and/or a Rust crate in rust/ (rust/Cargo.toml, rust/src/...). UTF-8 text only.'),
    action: z
      .enum(ACTIONS)
      .describe('`run`: build (cargo build --release, then go build) and run. `test`: cargo test and/or go test ./...'),
  })
  .describe('A small Go + Rust project to build and run in the sandbox.');

export type RunRequest = z.infer<typeof RunRequestSchema>;

export const STEP_NAMES = ['cargo-build', 'go-build', 'run', 'cargo-test', 'go-test'] as const;
export type StepName = (typeof STEP_NAMES)[number];

export const KILL_REASONS = ['timeout', 'memory', 'output-limit', 'pids', 'disk', 'cpu', 'file-size'] as const;
export type KillReason = (typeof KILL_REASONS)[number];

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
});
export type StepResult = z.infer<typeof StepResultSchema>;

export const RunResultSchema = z.object({
  cached: z.boolean().describe('True when this answer came from the result cache (nothing was run).'),
  ok: z.boolean().describe('True when every step exited with status 0.'),
  steps: z.array(StepResultSchema),
  backend: z.enum(['bubblewrap', 'container']),
  queueWaitMs: z.number().describe('Time spent waiting for a free slot (0 for a cached answer).'),
  totalMs: z.number().describe('Time from the request to the answer.'),
});
export type RunResult = z.infer<typeof RunResultSchema>;

export const ErrorBodySchema = z.object({
  error: z.string().describe('What was wrong and, where it helps, how to fix it.'),
});

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  backend: z.enum(['bubblewrap', 'container']).nullable(),
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
export type Health = z.infer<typeof HealthSchema>;

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
export type StreamEventName = keyof typeof StreamEventSchemas;
