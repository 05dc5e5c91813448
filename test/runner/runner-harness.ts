/**
 * Starts a real runner (the app of sandbox-runner with a real sandbox
 * backend) on 127.0.0.1 and an ephemeral port, for the tests in this
 * folder. Nothing here fakes the sandbox: a backend that cannot start makes
 * the test fail with the detection problems.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../sandbox-runner/src/api-schema.ts';
import { createApp, type RunnerApp } from '../../sandbox-runner/src/app.ts';
import { detectBackend } from '../../sandbox-runner/src/backends/detect.ts';
import { loadConfig, type RunnerConfig } from '../../sandbox-runner/src/config.ts';
import { createLogger } from '../../sandbox-runner/src/logger.ts';

export type BackendName = 'bubblewrap' | 'container';

/** Backends under test: both unless RUNNER_TEST_BACKENDS narrows it (e.g. "bubblewrap"). */
export const BACKENDS: BackendName[] = (process.env.RUNNER_TEST_BACKENDS ?? 'bubblewrap,container')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is BackendName => s === 'bubblewrap' || s === 'container');

export interface TestRunner {
  url: string;
  port: number;
  app: RunnerApp;
  config: RunnerConfig;
  close(): Promise<void>;
}

/**
 * Starts a runner with `backend` and extra RUNNER_* settings. `uidBase`
 * must differ between test files that run at the same time, so their
 * sandboxes never share a uid (and so a process-count limit).
 */
export async function startRunner(backend: BackendName, uidBase: number, env: Record<string, string> = {}): Promise<TestRunner> {
  // RUNNER_TEST_UID_OFFSET moves every test runner's uids, so two suites on one machine (a
  // developer's check beside CI's) never hand the same sandbox uid to two jobs at once.
  const offset = Number(process.env.RUNNER_TEST_UID_OFFSET ?? 0);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new Error(`RUNNER_TEST_UID_OFFSET must be a whole number of 0 or more (found "${process.env.RUNNER_TEST_UID_OFFSET}").`);
  }
  const config = loadConfig({
    RUNNER_BACKEND: backend,
    RUNNER_PORT: '0',
    RUNNER_SANDBOX_UID_BASE: String(uidBase + offset),
    RUNNER_LOG_LEVEL: process.env.RUNNER_TEST_LOG_LEVEL ?? 'error',
    ...env,
  });
  const log = createLogger(config.logLevel);
  const found = await detectBackend(config, log);
  if (!found.backend) {
    throw new Error(`the ${backend} backend is not available, so its tests cannot run: ${found.problems.join(' | ')}`);
  }
  const ready = found.backend;
  const app = createApp({ config, log, backend: () => ({ status: 'ready', backend: ready }) });
  const server: Server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    config,
    close: async () => {
      app.abortAll();
      await app.service.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const LESSONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');

/** The path of lessons/<lesson>/<rel>. */
export function lessonPath(lesson: string, rel = ''): string {
  return path.join(LESSONS, lesson, rel);
}

/** A file of lessons/<lesson>/ as text. */
export function lessonFile(lesson: string, rel: string): string {
  return readFileSync(path.join(LESSONS, lesson, rel), 'utf8');
}

/**
 * The `wasm` job of lesson 01 as the page's "Edit the kernel" sends it: the lesson's wasm entry
 * points (wasm-kernel/) around the lesson's own kernel (example/rust/src/kernel.rs), or `kernel`.
 */
export function wasmKernelJob(kernel = lessonFile('01-batching', 'example/rust/src/kernel.rs')): Record<string, string> {
  return {
    'rust/Cargo.toml': lessonFile('01-batching', 'wasm-kernel/Cargo.toml'),
    'rust/Cargo.lock': lessonFile('01-batching', 'wasm-kernel/Cargo.lock'),
    'rust/src/lib.rs': lessonFile('01-batching', 'wasm-kernel/src/lib.rs'),
    'rust/src/kernel.rs': kernel,
  };
}

/** The files of a job folder (lessons' examples and exercises, fixtures) as a job's `files`, with `{{KEY}}` placeholders filled in. */
export function jobFromDir(root: string, values: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const p = path.join(dir, entry);
      if (statSync(p).isDirectory()) {
        if (entry !== 'target') walk(p);
        continue;
      }
      const bytes = readFileSync(p);
      // A job is text; a binary here is build output (an example's `go build -o`), not source.
      if (bytes.includes(0)) continue;
      let text = bytes.toString('utf8');
      for (const [k, v] of Object.entries(values)) text = text.replaceAll(`{{${k}}}`, v);
      files[path.relative(root, p)] = text;
    }
  };
  walk(root);
  return files;
}

/** The files of a fixture folder (test/runner/fixtures/<name>) as a job's `files`. */
export function fixture(name: string, values: Record<string, string> = {}): Record<string, string> {
  return jobFromDir(path.join(FIXTURES, name), values);
}

/** A Go-only job whose main.go is `source`. */
export function goJob(source: string, module = 'hybridlab.test/hostile'): Record<string, string> {
  return { 'go.mod': `module ${module}\n\ngo 1.22\n`, 'main.go': source };
}

export interface PostResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** POSTs a job as JSON and returns the status and the parsed answer. */
export async function postRun(
  runner: TestRunner,
  body: unknown,
  init: { raw?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<PostResult> {
  const res = await fetch(`${runner.url}/api/v1/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (an event stream): the caller reads the text.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Runs a job that must be answered with 200 and returns its result. */
export async function runJob(
  runner: TestRunner,
  files: Record<string, string>,
  action: 'run' | 'test' | 'wasm' = 'run',
): Promise<RunResult> {
  const res = await postRun(runner, { files, action });
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as RunResult;
}

/** The step called `name`, or a failure that shows every step. */
export function step(result: RunResult, name: string) {
  const s = result.steps.find((x) => x.name === name);
  if (!s)
    throw new Error(
      `no step ${name} in ${JSON.stringify(result.steps.map((x) => ({ name: x.name, exit: x.exitCode, stderr: x.stderr.slice(-800) })))}`,
    );
  return s;
}

/** Live (not zombie) host processes whose real uid is in [from, to), polled for up to `waitMs` until none is left. */
export async function livePidsOfUids(from: number, to: number, waitMs = 3000): Promise<number[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const pids = hostPidsOfUids(from, to);
    if (pids.length === 0 || Date.now() > deadline) return pids;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Live (not zombie) host processes whose real uid is in [from, to): processes of sandbox uids. */
export function hostPidsOfUids(from: number, to: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
      const state = /^State:\s+(\S)/m.exec(status)?.[1] ?? '?';
      if (uid >= from && uid < to && state !== 'Z' && state !== 'X') out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}
