/**
 * Runs a validated job: answers from the result cache when it can, joins an
 * identical job already running, otherwise waits for a slot and runs the
 * planned steps one by one in the sandbox, reporting events as they happen.
 */
import type { RunResult, StepResult, StreamEventName } from './api-schema.ts';
import type { SandboxBackend, StepOutcome } from './backends/types.ts';
import type { RunnerConfig } from './config.ts';
import { HttpError, UnavailableError } from './errors.ts';
import type { Job } from './job-request.ts';
import type { JobQueue } from './job-queue.ts';
import type { Logger } from './logger.ts';
import type { RunnerMetrics } from './metrics.ts';
import { cacheKey, type ResultCache } from './result-cache.ts';

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

export class RunService {
  private readonly deps: RunServiceDeps;
  private readonly inflight = new Map<string, Promise<RunResult>>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(deps: RunServiceDeps) {
    this.deps = deps;
  }

  /** Runs `job` (or answers from cache); `emit` hears the stream events. */
  async run(job: Job, emit: EventSink, signal: AbortSignal): Promise<RunResult> {
    const started = performance.now();
    const { config, metrics, cache } = this.deps;
    const state = this.deps.backend();
    if (state.status === 'starting') {
      throw new HttpError(503, 'the runner is still preparing its sandbox (first start can take a minute); retry shortly', { 'retry-after': '10' });
    }
    if (state.status === 'unavailable') throw new UnavailableError(state.message);
    const backend = state.backend;
    const key = cacheKey({
      files: job.request.files,
      action: job.request.action,
      limits: config.limits,
      backend: backend.name,
      toolchains: backend.toolchains,
    });
    const hit = cache.get(key);
    if (hit) {
      metrics.cacheHits.inc();
      const result = { ...hit, cached: true, queueWaitMs: 0, totalMs: Math.round(performance.now() - started) };
      emit('result', result);
      return result;
    }
    const same = this.inflight.get(key);
    if (same) {
      metrics.cacheHits.inc();
      const shared = await same;
      const result = { ...shared, cached: true, queueWaitMs: 0, totalMs: Math.round(performance.now() - started) };
      emit('result', result);
      return result;
    }
    metrics.cacheMisses.inc();
    const work = this.runFresh(job, backend, emit, signal, started);
    this.inflight.set(key, work);
    this.running.add(work);
    try {
      const result = await work;
      if (cacheable(result)) cache.set(key, result);
      return result;
    } finally {
      this.inflight.delete(key);
      this.running.delete(work);
    }
  }

  /** Resolves when every job that is running now has finished. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async runFresh(job: Job, backend: SandboxBackend, emit: EventSink, signal: AbortSignal, started: number): Promise<RunResult> {
    const { config, metrics, queue, log } = this.deps;
    let lease;
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
    let outcome: 'ok' | 'failed' | 'error' = 'error';
    try {
      const sandbox = await backend.openJob(lease.slot, config.limits.diskBytes, config.limits.tmpBytes);
      try {
        await sandbox.writeFiles(job.request.files);
        for (const planned of job.steps) {
          if (signal.aborted) break;
          emit('step-start', { name: planned.name });
          const stepOutcome: StepOutcome = await sandbox.runStep({
            command: planned.command,
            limits: planned.kind === 'run' ? config.limits.run : config.limits.build,
            outputBytes: config.limits.outputBytes,
            onOutput: (stream, data) => emit('output', { step: planned.name, stream, data }),
            signal,
          });
          const step: StepResult = { name: planned.name, ...stepOutcome };
          steps.push(step);
          metrics.stepSeconds.observe(step.durationMs / 1000, { step: step.name });
          if (step.reason) metrics.kills.inc({ reason: step.reason });
          emit('step-end', step);
          if (step.exitCode !== 0) break;
        }
      } finally {
        await sandbox.dispose();
      }
      outcome = steps.length === job.steps.length && steps.every((s) => s.exitCode === 0) ? 'ok' : 'failed';
    } catch (err) {
      log.error('job failed inside the runner', { error: (err as Error).stack ?? String(err), steps: steps.map((s) => s.name) });
      throw err;
    } finally {
      metrics.jobs.inc({ outcome });
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
    if (signal.aborted) {
      throw new HttpError(499, 'the request was cancelled by the client');
    }
    emit('result', result);
    return result;
  }
}

/** A result may be reused unless it depended on timing or was cut short by load. */
function cacheable(result: RunResult): boolean {
  return result.steps.every((s) => s.reason !== 'timeout' && s.reason !== 'cpu');
}
