// Logic of joined jobs, with a test double for the sandbox (the real sandboxes are tested in test/runner/).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StreamEventName } from './api-types.ts';
import type { JobSandbox, SandboxBackend, StepOutcome, StepRequest } from './backends/types.ts';
import { loadConfig } from './config.ts';
import { HttpError } from './errors.ts';
import { JobQueue } from './job-queue.ts';
import { planJob } from './job-request.ts';
import { silentLogger } from './logger.ts';
import { createRunnerMetrics } from './metrics.ts';
import { ResultCache } from './result-cache.ts';
import { RunService } from './run-service.ts';

/** A sandbox whose one step prints "hello" and then waits until the test releases it (or it is aborted). */
function gatedBackend() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const seen: { aborted: boolean; jobs: number } = { aborted: false, jobs: 0 };
  let stepStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (stepStarted = resolve));
  const backend: SandboxBackend = {
    name: 'bubblewrap',
    toolchains: { go: 'test' },
    description: 'test double',
    async openJob(): Promise<JobSandbox> {
      seen.jobs++;
      return {
        async writeFiles() {},
        async readOutputs() {
          return [];
        },
        async runStep(req: StepRequest): Promise<StepOutcome> {
          req.onOutput?.('stdout', 'hello\n');
          stepStarted();
          const aborted = new Promise<void>((resolve) => req.signal?.addEventListener('abort', () => resolve(), { once: true }));
          await Promise.race([gate, aborted]);
          seen.aborted = req.signal?.aborted ?? false;
          return {
            exitCode: seen.aborted ? null : 0,
            signal: seen.aborted ? 'SIGKILL' : null,
            reason: null,
            message: null,
            stdout: 'hello\n',
            stderr: '',
            truncated: false,
            durationMs: 1,
            cpuMs: null,
            peakMemoryBytes: null,
            reports: [],
            reportsOverflow: false,
          };
        },
        async dispose() {},
      };
    },
  };
  return { backend, release: () => release(), started, seen };
}

function service(backend: SandboxBackend) {
  const config = loadConfig({});
  const queue = new JobQueue(2, 4);
  const cache = new ResultCache(16);
  const metrics = createRunnerMetrics({ queueDepth: () => 0, activeJobs: () => 0, cacheEntries: () => 0 });
  return new RunService({ config, log: silentLogger, metrics, queue, cache, backend: () => ({ status: 'ready', backend }) });
}

const job = () => planJob({ files: { 'go.mod': 'module x\n', 'main.go': 'package main\nfunc main() {}\n' }, action: 'run' });

function recorder() {
  const events: Array<[StreamEventName, unknown]> = [];
  return { events, emit: (name: StreamEventName, data: unknown) => events.push([name, data]), names: () => events.map(([n]) => n) };
}

test('a second identical request joins the first: it hears every event, replayed from the start', async () => {
  const sandbox = gatedBackend();
  const svc = service(sandbox.backend);
  const a = recorder();
  const b = recorder();
  const first = svc.run(job(), a.emit, new AbortController().signal);
  await sandbox.started;
  const second = svc.run(job(), b.emit, new AbortController().signal);
  sandbox.release();
  const [ra, rb] = await Promise.all([first, second]);
  assert.equal(sandbox.seen.jobs, 1, 'one job ran for both');
  assert.deepEqual(b.names(), a.names());
  assert.deepEqual(b.names(), ['queued', 'started', 'step-start', 'output', 'step-end', 'step-start', 'output', 'step-end', 'result']);
  assert.equal(ra.ok, true);
  assert.equal(rb.ok, true);
});

test('when the first client goes away, the one that joined still gets the events and the result', async () => {
  const sandbox = gatedBackend();
  const svc = service(sandbox.backend);
  const a = recorder();
  const b = recorder();
  const leaving = new AbortController();
  const first = svc.run(job(), a.emit, leaving.signal);
  await sandbox.started;
  const second = svc.run(job(), b.emit, new AbortController().signal);
  leaving.abort();
  await assert.rejects(first, (err: unknown) => err instanceof HttpError && err.status === 499);
  sandbox.release();
  const result = await second;
  assert.equal(sandbox.seen.aborted, false, 'the shared job was not cancelled');
  assert.equal(result.ok, true);
  assert.deepEqual(b.names(), ['queued', 'started', 'step-start', 'output', 'step-end', 'step-start', 'output', 'step-end', 'result']);
  assert.equal(a.names().includes('result'), false, 'the client that left hears nothing more');
});

test('the shared job is cancelled only when its last waiter has gone', async () => {
  const sandbox = gatedBackend();
  const svc = service(sandbox.backend);
  const one = new AbortController();
  const two = new AbortController();
  const first = svc.run(job(), () => {}, one.signal);
  await sandbox.started;
  const second = svc.run(job(), () => {}, two.signal);
  one.abort();
  await assert.rejects(first, /cancelled/);
  assert.equal(sandbox.seen.aborted, false);
  two.abort();
  await assert.rejects(second, /cancelled/);
  await svc.drain();
  assert.equal(sandbox.seen.aborted, true, 'nobody waits any more, so the work stops');
  // A new identical request afterwards starts a fresh job instead of joining the cancelled one.
  sandbox.release();
  const again = await svc.run(job(), () => {}, new AbortController().signal);
  assert.equal(sandbox.seen.jobs, 2);
  assert.equal(again.ok, true);
});

test('a request that comes while a cancelled job is still stopping starts a fresh job instead of joining it', async () => {
  const sandbox = gatedBackend();
  const svc = service(sandbox.backend);
  const leaving = new AbortController();
  const first = svc.run(job(), () => {}, leaving.signal);
  await sandbox.started;
  leaving.abort();
  // At once, before the cancelled job has wound down (a learner pressing Stop, then Run again).
  const again = svc.run(job(), () => {}, new AbortController().signal);
  await assert.rejects(first, /cancelled/);
  sandbox.release();
  const result = await again;
  assert.equal(result.ok, true, 'the new request got a result, not the cancelled job');
  assert.equal(sandbox.seen.jobs, 2);
});
