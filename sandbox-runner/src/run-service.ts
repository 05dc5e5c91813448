/**
 * Runs a validated job: answers from the result cache when it can, joins an
 * identical job already running, otherwise waits for a slot and runs the
 * planned steps one by one in the sandbox, reporting events as they happen.
 */
import { createHash } from 'node:crypto';
import { type Artifact, type Diagnostic, type RunResult, type StepResult, type StreamEventName, WASM_TARGET } from './api-types.ts';
import type { JobSandbox, SandboxBackend } from './backends/types.ts';
import type { RunnerConfig } from './config.ts';
import { cargoDiagnostics, goDiagnostics, renderCargoReport } from './diagnostics.ts';
import { HttpError, UnavailableError } from './errors.ts';
import type { JobQueue, SlotLease } from './job-queue.ts';
import type { Job, JobPlanStep } from './job-request.ts';
import type { Logger } from './logger.ts';
import type { RunnerMetrics } from './metrics.ts';
import { cacheKey, type ResultCache } from './result-cache.ts';
import { assembleTestResults, type TestStepRun } from './test-results.ts';

export type EventSink = (name: StreamEventName, data: unknown) => void;

/** Where the sandbox backend stands: still being prepared, ready, or missing (with why). */
export type BackendState =
  | { status: 'starting' }
  | { status: 'ready'; backend: SandboxBackend }
  | { status: 'unavailable'; message: string };

export interface RunServiceDeps {
  config: RunnerConfig;
  log: Logger;
  metrics: RunnerMetrics;
  queue: JobQueue;
  cache: ResultCache;
  backend: () => BackendState;
}

/**
 * One job in flight and everyone waiting for it. Identical requests share it:
 * each waiter hears every event (the ones before it joined are replayed), and
 * the job is cancelled only when its last waiter has gone.
 */
interface SharedJob {
  /** Events so far, replayed to a waiter that joins late ('result' is sent per waiter). */
  readonly history: Array<[StreamEventName, unknown]>;
  readonly sinks: Set<EventSink>;
  readonly controller: AbortController;
  promise: Promise<RunResult>;
}

export class RunService {
  private readonly deps: RunServiceDeps;
  private readonly inflight = new Map<string, SharedJob>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(deps: RunServiceDeps) {
    this.deps = deps;
  }

  /** Runs `job` (or answers from cache, or joins an identical job in flight); `emit` hears the stream events. */
  async run(job: Job, emit: EventSink, signal: AbortSignal): Promise<RunResult> {
    const started = performance.now();
    const { config, metrics, cache } = this.deps;
    const state = this.deps.backend();
    if (state.status === 'starting') {
      throw new HttpError(503, 'the runner is still preparing its sandbox (first start can take a minute); retry shortly', {
        'retry-after': '10',
      });
    }
    if (state.status === 'unavailable') throw new UnavailableError(state.message);
    const backend = state.backend;
    const key = cacheKey({
      files: job.request.files,
      action: job.request.action,
      limits: config.limits,
      backend: backend.name,
      toolchains: backend.toolchains,
      target: job.request.action === 'wasm' ? WASM_TARGET : null,
    });
    const hit = cache.get(key);
    if (hit) {
      metrics.cacheHits.inc();
      const result = { ...hit, cached: true, queueWaitMs: 0, totalMs: Math.round(performance.now() - started) };
      emit('result', result);
      return result;
    }
    let shared = this.inflight.get(key);
    // A job cancelled by its last waiter is still winding down: a new request starts afresh, never joins it.
    if (shared && !shared.controller.signal.aborted) {
      metrics.jobsJoined.inc();
    } else {
      metrics.cacheMisses.inc();
      shared = this.startShared(key, job, backend, started);
    }
    const result = await this.waitFor(shared, emit, signal);
    const answer = { ...result, totalMs: Math.round(performance.now() - started) };
    emit('result', answer);
    return answer;
  }

  private startShared(key: string, job: Job, backend: SandboxBackend, started: number): SharedJob {
    const shared: SharedJob = { history: [], sinks: new Set(), controller: new AbortController(), promise: Promise.resolve(null as never) };
    const broadcast: EventSink = (name, data) => {
      shared.history.push([name, data]);
      for (const sink of shared.sinks) sink(name, data);
    };
    shared.promise = (async () => {
      try {
        const result = await this.runFresh(job, backend, broadcast, shared.controller.signal, started);
        if (cacheable(result)) this.deps.cache.set(key, result);
        return result;
      } finally {
        // A fresh job for the same key may have taken this one's place after it was cancelled.
        if (this.inflight.get(key) === shared) this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, shared);
    this.running.add(shared.promise);
    shared.promise.then(
      () => this.running.delete(shared.promise),
      () => this.running.delete(shared.promise),
    );
    return shared;
  }

  /** Waits for a shared job as one of its waiters: replays its events, then hears the rest until it ends or this waiter leaves. */
  private async waitFor(shared: SharedJob, emit: EventSink, signal: AbortSignal): Promise<RunResult> {
    if (signal.aborted) throw new HttpError(499, 'the request was cancelled by the client');
    for (const [name, data] of shared.history) emit(name, data);
    shared.sinks.add(emit);
    let leave: () => void = () => {};
    const left = new Promise<never>((_, reject) => {
      leave = () => {
        shared.sinks.delete(emit);
        // The last waiter gone: nobody wants the result any more, so stop the work.
        if (shared.sinks.size === 0) shared.controller.abort();
        reject(new HttpError(499, 'the request was cancelled by the client'));
      };
      signal.addEventListener('abort', leave, { once: true });
    });
    try {
      return await Promise.race([shared.promise, left]);
    } finally {
      signal.removeEventListener('abort', leave);
      shared.sinks.delete(emit);
      left.catch(() => {});
    }
  }

  /** Resolves when every job that is running now has finished. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async runFresh(job: Job, backend: SandboxBackend, emit: EventSink, signal: AbortSignal, started: number): Promise<RunResult> {
    const { config, metrics, queue, log } = this.deps;
    const jobFiles = new Set(Object.keys(job.request.files));
    let lease: SlotLease;
    try {
      lease = await queue.acquire((position) => emit('queued', { position }), signal);
    } catch (err) {
      if (err instanceof HttpError && err.status === 429) metrics.rejected.inc();
      throw err;
    }
    metrics.queueWaitSeconds.observe(lease.waitedMs / 1000);
    emit('started', { queueWaitMs: Math.round(lease.waitedMs) });
    const holdStart = performance.now();
    const steps: StepResult[] = [];
    const testRuns: TestStepRun[] = [];
    let wasm: { artifacts: Artifact[]; message: string | null } | null = null;
    let outcome: 'ok' | 'failed' | 'error' = 'error';
    try {
      const sandbox = await backend.openJob(lease.slot, config.limits.diskBytes, config.limits.tmpBytes);
      try {
        await sandbox.writeFiles(job.request.files);
        let stoppedBecause: string | null = null;
        for (const planned of job.steps) {
          if (signal.aborted) break;
          if (stoppedBecause !== null) {
            if (planned.tests)
              testRuns.push({ language: planned.tests, step: null, reports: [], reportsOverflow: false, notRunBecause: stoppedBecause });
            continue;
          }
          emit('step-start', { name: planned.name });
          const { reports, reportsOverflow, ...stepOutcome } = await sandbox.runStep({
            command: planned.command,
            args: stepArguments(planned, config.limits.testMs),
            limits: planned.kind === 'run' ? config.limits.run : config.limits.build,
            outputBytes: config.limits.outputBytes,
            onOutput: (stream, data) => emit('output', { step: planned.name, stream, data }),
            renderReport: usesCargo(planned) ? renderCargoReport : undefined,
            signal,
          });
          const step: StepResult = {
            name: planned.name,
            ...stepOutcome,
            diagnostics: diagnosticsOf(planned, stepOutcome.stderr, reports, jobFiles),
          };
          steps.push(step);
          metrics.stepSeconds.observe(step.durationMs / 1000, { step: step.name });
          if (step.reason) metrics.kills.inc({ reason: step.reason });
          emit('step-end', step);
          if (planned.tests) testRuns.push({ language: planned.tests, step, reports, reportsOverflow });
          // A test step that ran its tests lets the next one run (both languages in one answer).
          if (step.exitCode !== 0 && !(planned.tests && step.reason === null)) {
            stoppedBecause = `the ${step.name} step failed`;
          }
        }
        if (job.request.action === 'wasm') {
          const built = !signal.aborted && steps.length === job.steps.length && steps.every((s) => s.exitCode === 0);
          wasm = built ? await collectWasm(sandbox, config.limits.artifactBytes) : { artifacts: [], message: null };
          if (wasm.message) metrics.artifactsRefused.inc();
        }
      } finally {
        await sandbox.dispose();
      }
      const stepsOk = steps.length === job.steps.length && steps.every((s) => s.exitCode === 0);
      outcome = stepsOk && (wasm === null || wasm.artifacts.length > 0) ? 'ok' : 'failed';
    } catch (err) {
      log.error('job failed inside the runner', { error: (err as Error).stack ?? String(err), steps: steps.map((s) => s.name) });
      throw err;
    } finally {
      metrics.jobs.inc({ action: job.request.action, outcome });
      lease.release();
      queue.recordJobDuration(performance.now() - holdStart);
    }
    const result: RunResult = {
      cached: false,
      ok: outcome === 'ok',
      steps,
      backend: backend.name,
      queueWaitMs: Math.round(lease.waitedMs),
      totalMs: Math.round(performance.now() - started),
    };
    if (job.request.action === 'test') {
      const failedBuild = steps.find((s, i) => s.exitCode !== 0 && !job.steps[i]?.tests) ?? null;
      const tested = assembleTestResults(job.request.files, testRuns, config.limits.testMs, failedBuild);
      Object.assign(result, tested, { ok: tested.status === 'pass' });
    }
    if (wasm) Object.assign(result, wasm);
    if (signal.aborted) {
      throw new HttpError(499, 'the request was cancelled by the client');
    }
    return result;
  }
}

/** Steps that run cargo, whose compiler messages come as JSON on the report channel. */
const usesCargo = (planned: JobPlanStep) =>
  planned.command === 'cargo-build' || planned.command === 'rust-tests' || planned.command === 'wasm-build';

/** Where cargo puts a release build's .wasm modules (a cdylib crate's, and any bin's). */
const WASM_OUTPUT_DIR = `rust/target/${WASM_TARGET}/release`;

/** The .wasm modules of a successful `wasm-build`, or why there are none: none built, or over the size limit. */
async function collectWasm(sandbox: JobSandbox, maxBytes: number): Promise<{ artifacts: Artifact[]; message: string | null }> {
  const files = await sandbox.readOutputs(WASM_OUTPUT_DIR, '.wasm', maxBytes);
  if (files.length === 0) {
    return {
      artifacts: [],
      message: `the build made no .wasm module: a wasm job's crate must be a library with crate-type = ["cdylib"] in the [lib] section of rust/Cargo.toml`,
    };
  }
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > maxBytes || files.some((f) => f.data === null)) {
    const sizes = files.map((f) => `${f.name} is ${f.size} bytes`).join(', ');
    return {
      artifacts: [],
      message: `the module is too large to send back: ${sizes}, more than the artifact limit of ${maxBytes} bytes (RUNNER_MAX_ARTIFACT_BYTES). Make it smaller (large static arrays, debug info, unused code) or raise the limit.`,
    };
  }
  return {
    artifacts: files.map((f) => {
      const data = f.data ?? Buffer.alloc(0);
      return { path: f.name, base64: data.toString('base64'), bytes: f.size, sha256: createHash('sha256').update(data).digest('hex') };
    }),
    message: null,
  };
}

/** The hl-step arguments of a planned step: the per-test time limit and the Go tests to run. */
function stepArguments(planned: JobPlanStep, testMs: number): string[] {
  const limit = String(Math.max(1, Math.round(testMs / 1000)));
  if (planned.command === 'rust-tests') return [limit];
  if (planned.command === 'go-tests') return [limit, ...(planned.goTests ?? [])];
  return [];
}

/** Where the compilers complained: cargo's JSON messages, or Go's file:line:col lines. */
function diagnosticsOf(planned: JobPlanStep, stderr: string, reports: readonly string[], jobFiles: ReadonlySet<string>): Diagnostic[] {
  if (usesCargo(planned)) return cargoDiagnostics(reports, jobFiles);
  if (planned.command === 'go-build' || planned.command === 'go-tests') return goDiagnostics(stderr, jobFiles);
  return [];
}

/** A result may be reused unless it depended on timing or was cut short by load. */
function cacheable(result: RunResult): boolean {
  return result.steps.every((s) => s.reason !== 'timeout' && s.reason !== 'cpu');
}
