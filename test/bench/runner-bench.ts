/**
 * Benchmark of the sandbox runner (not a test): `npm run bench:runner`.
 *
 * For each backend (RUNNER_BENCH_BACKENDS, default both) it measures
 *  - sandbox start overhead: one empty step (`hl-step noop`) in a fresh sandbox;
 *  - cold build-and-run of a lesson-sized cgo job (Rust crate using rayon +
 *    Go main): a release profile that the prebuilt dependencies do not match,
 *    so libc, rayon and friends compile inside the sandbox;
 *  - warm build-and-run of the same job with the lessons' release profile,
 *    which reuses the prebuilt dependencies and the warm Go build cache
 *    (every sample has different source text, so none is a cache hit);
 *  - a result-cache hit (the same request again);
 *  - a burst of 20 different small jobs sent at once (latency of each);
 *  - checking lesson 01's exercise (the `test` action on its solution, warm,
 *    every sample with different source text so none is a cache hit);
 *  - the `wasm` action on lesson 01's kernel (what the page's "Edit the kernel"
 *    sends): cold = the runner's first wasm job, before any other job touched
 *    the wasm toolchain's files (std is never built by a job: it was prepared
 *    with the sandbox, and the crate has no dependencies); warm = later jobs,
 *    each with different source text; cached = the same request again.
 * Each as median and p95 in milliseconds, printed and written to
 * bench-results/runner-bench.json.
 *
 * Then the room part, for each backend, written to bench-results/runner-room-bench.json:
 *  - a workshop room: 30 learners press Run on lesson 01's program within the same instant
 *    through the page's own client (runWithRetry), 10 with the lesson's program as it is and 20
 *    with their own edit, against a runner with the default slots and queue (2 and 16): time to
 *    result per learner (median, p95), results and sandbox jobs per minute, how many learners
 *    were refused (429) at first, how many retries the pages made, and how many gave up;
 *  - a slots sweep: the same with 30 learners who all edited the program (30 different jobs),
 *    with RUNNER_MAX_CONCURRENT = 1, 2, 3 and 4 on this machine, so the README can say how many
 *    slots a number of cores serves.
 * Every room uses a fresh runner (nothing cached) after one warm-up job.
 * RUNNER_BENCH_ONLY=room runs only the room part; RUNNER_BENCH_SLOTS=1,2 narrows the sweep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectBackend } from '../../sandbox-runner/src/backends/detect.ts';
import { loadConfig } from '../../sandbox-runner/src/config.ts';
import { createLogger } from '../../sandbox-runner/src/logger.ts';
import { counterTotal, pressRunTogether, roomLearners, runOutput } from '../runner/room-learners.ts';
import { type BackendName, goJob, jobFromDir, lessonFile, postRun, runJob, startRunner, wasmKernelJob } from '../runner/runner-harness.ts';

const backends = (process.env.RUNNER_BENCH_BACKENDS ?? 'bubblewrap,container').split(',').map((s) => s.trim()) as BackendName[];
const quick = process.env.RUNNER_BENCH_QUICK === '1';
const only = process.env.RUNNER_BENCH_ONLY ?? '';
if (only !== '' && only !== 'room') throw new Error(`RUNNER_BENCH_ONLY may be "room" or unset (found "${only}")`);
const sweepSlots = (process.env.RUNNER_BENCH_SLOTS ?? '1,2,3,4').split(',').map((s) => Number(s.trim()));
if (sweepSlots.some((n) => !Number.isInteger(n) || n < 1 || n > 64)) {
  throw new Error(`RUNNER_BENCH_SLOTS is a comma-separated list of slot counts from 1 to 64 (found "${process.env.RUNNER_BENCH_SLOTS}")`);
}
const ROOM = { learners: 30, unmodified: 10 };
const N = { start: quick ? 5 : 15, cold: quick ? 1 : 3, warm: quick ? 3 : 8, cacheHit: 50, exercise: quick ? 3 : 8, wasm: quick ? 3 : 10 };
const exerciseDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'lessons',
  '01-batching',
  'exercise',
  'solution',
);

/** Lesson 01's exercise solution with a comment that makes each sample a different job (no cache hit). */
function exerciseJob(tag: string): Record<string, string> {
  const files = jobFromDir(exerciseDir);
  const goFile = Object.keys(files).find((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  if (!goFile) throw new Error(`${exerciseDir} has no Go file`);
  files[goFile] = `${files[goFile]}\n// ${tag}\n`;
  return files;
}

interface Stat {
  samples: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

function stat(values: number[]): Stat {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { samples: s.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(s[0] ?? NaN), maxMs: round(s.at(-1) ?? NaN) };
}

function lessonJob(tag: string, profile: 'lesson' | 'other'): Record<string, string> {
  const releaseProfile =
    profile === 'lesson'
      ? '[profile.release]\nopt-level = 3\ncodegen-units = 1\npanic = "unwind"\ndebug = "line-tables-only"\n'
      : '[profile.release]\nopt-level = 2\n';
  return {
    'go.mod': 'module hybridlab.bench/sweep\n\ngo 1.22\n',
    'main.go': `package main

/*
#cgo LDFLAGS: \${SRCDIR}/rust/target/release/libsweep.a -ldl -lm -lpthread
#include <stddef.h>
float sweep_dot(const float *a, const float *b, size_t len);
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// ${tag}
func main() {
	n := 1 << 16
	a := make([]float32, n)
	b := make([]float32, n)
	for i := range a {
		a[i] = float32(i%7) * 0.5
		b[i] = float32(i%5) * 0.25
	}
	dot := C.sweep_dot((*C.float)(unsafe.Pointer(&a[0])), (*C.float)(unsafe.Pointer(&b[0])), C.size_t(n))
	fmt.Printf("dot=%.1f\\n", float32(dot))
}
`,
    'rust/Cargo.toml': `[package]\nname = "sweep"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["staticlib"]\n\n[dependencies]\nrayon = "1"\nlibc = "0.2"\n\n${releaseProfile}`,
    'rust/src/lib.rs': `//! ${tag}
use rayon::prelude::*;

/// Dot product of two Go slices, read in place, summed in parallel chunks.
///
/// # Safety
/// \`a\` and \`b\` must point to \`len\` floats each.
#[no_mangle]
pub unsafe extern "C" fn sweep_dot(a: *const f32, b: *const f32, len: usize) -> f32 {
    let (a, b) = unsafe { (std::slice::from_raw_parts(a, len), std::slice::from_raw_parts(b, len)) };
    a.par_chunks(4096).zip(b.par_chunks(4096)).map(|(x, y)| x.iter().zip(y).map(|(p, q)| p * q).sum::<f32>()).sum()
}
`,
  };
}

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

async function benchBackend(backend: BackendName, index: number) {
  const uidBase = 66000 + index * 100;
  const log = createLogger('error');
  const config = loadConfig({ RUNNER_BACKEND: backend, RUNNER_SANDBOX_UID_BASE: String(uidBase), RUNNER_LOG_LEVEL: 'error' });
  const found = await detectBackend(config, log);
  if (!found.backend) throw new Error(`${backend}: ${found.problems.join(' | ')}`);
  const sandboxBackend = found.backend;

  const start: number[] = [];
  for (let i = 0; i < N.start; i++) {
    const job = await sandboxBackend.openJob(0, 64 << 20, 64 << 20);
    try {
      const [ms, out] = await timeIt(() => job.runStep({ command: 'noop', limits: config.limits.run, outputBytes: 1024 }));
      if (out.exitCode !== 0) throw new Error(`noop step failed: ${out.stderr}`);
      start.push(ms);
    } finally {
      await job.dispose();
    }
  }

  const runner = await startRunner(backend, uidBase, { RUNNER_QUEUE_SIZE: '32' });
  try {
    const run = `${Date.now()}`;
    // First, so that its first job is the runner's first touch of the wasm toolchain.
    const kernel = lessonFile('01-batching', 'example/rust/src/kernel.rs');
    const wasmWarm: number[] = [];
    const wasmBuildStep: number[] = [];
    let wasmCold = NaN;
    for (let i = 0; i <= N.wasm; i++) {
      const [ms, r] = await timeIt(() => runJob(runner, wasmKernelJob(`${kernel}\n// bench ${run} ${i}\n`), 'wasm'));
      if (!r.ok || r.artifacts?.length !== 1)
        throw new Error(`wasm job failed: ${r.message ?? JSON.stringify(r.steps.map((s) => [s.name, s.exitCode, s.stderr.slice(-500)]))}`);
      if (i === 0) wasmCold = ms;
      else wasmWarm.push(ms);
      wasmBuildStep.push(r.steps[0]?.durationMs ?? NaN);
    }
    const wasmHitJob = wasmKernelJob(`${kernel}\n// bench ${run} 1\n`);
    const wasmHits: number[] = [];
    for (let i = 0; i < N.cacheHit; i++) {
      const [ms, r] = await timeIt(() => runJob(runner, wasmHitJob, 'wasm'));
      if (!r.cached) throw new Error('expected a cache hit for the wasm job');
      wasmHits.push(ms);
    }
    const check = (r: Awaited<ReturnType<typeof runJob>>) => {
      if (!r.ok) throw new Error(`job failed: ${JSON.stringify(r.steps.map((s) => [s.name, s.exitCode, s.stderr.slice(-500)]))}`);
      return r;
    };
    const cold: number[] = [];
    for (let i = 0; i < N.cold; i++)
      cold.push((await timeIt(async () => check(await runJob(runner, lessonJob(`cold ${run} ${i}`, 'other')))))[0]);
    const warm: number[] = [];
    const warmSteps: Record<string, number[]> = {};
    for (let i = 0; i < N.warm; i++) {
      const [ms, r] = await timeIt(async () => check(await runJob(runner, lessonJob(`warm ${run} ${i}`, 'lesson'))));
      warm.push(ms);
      for (const s of r.steps) {
        const times = warmSteps[s.name] ?? [];
        times.push(s.durationMs);
        warmSteps[s.name] = times;
      }
    }
    const hitJob = lessonJob(`warm ${run} 0`, 'lesson');
    const hits: number[] = [];
    for (let i = 0; i < N.cacheHit; i++) {
      const [ms, r] = await timeIt(() => runJob(runner, hitJob));
      if (!r.cached) throw new Error('expected a cache hit');
      hits.push(ms);
    }
    const [burstWall, burst] = await timeIt(() =>
      Promise.all(
        Array.from({ length: 20 }, async (_, n) => {
          const files = goJob(`package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("burst ${run} ${n}") }\n`);
          const [ms, res] = await timeIt(() => postRun(runner, { files, action: 'run' }));
          if (res.status !== 200) throw new Error(`burst job ${n}: ${res.status}`);
          return ms;
        }),
      ),
    );
    const exercise: number[] = [];
    const exerciseSteps: Record<string, number[]> = {};
    for (let i = 0; i < N.exercise; i++) {
      const [ms, r] = await timeIt(() => runJob(runner, exerciseJob(`bench ${run} ${i}`), 'test'));
      if (r.status !== 'pass')
        throw new Error(`the exercise solution did not pass: ${r.message ?? JSON.stringify(r.tests?.filter((t) => t.status !== 'pass'))}`);
      if (i > 0) exercise.push(ms); // the first check warms the toolchain caches of this runner
      for (const st of r.steps) {
        const times = exerciseSteps[st.name] ?? [];
        times.push(st.durationMs);
        exerciseSteps[st.name] = times;
      }
    }
    return {
      backend,
      description: sandboxBackend.description,
      toolchains: sandboxBackend.toolchains,
      sandboxStartOverhead: stat(start),
      coldBuildAndRun: stat(cold),
      warmBuildAndRun: stat(warm),
      warmSteps: Object.fromEntries(Object.entries(warmSteps).map(([k, v]) => [k, stat(v)])),
      cacheHit: stat(hits),
      burstOf20: { ...stat(burst), wallMs: Math.round(burstWall), maxConcurrent: runner.config.maxConcurrentJobs },
      exerciseCheck: stat(exercise),
      exerciseSteps: Object.fromEntries(Object.entries(exerciseSteps).map(([k, v]) => [k, stat(v)])),
      wasmKernel: { cold: stat([wasmCold]), warm: stat(wasmWarm), cached: stat(wasmHits), wasmBuildStep: stat(wasmBuildStep) },
    };
  } finally {
    await runner.close();
  }
}

/** One room: a fresh runner with `env`, one warm-up job, then every learner presses Run at once. */
async function measureRoom(backend: BackendName, uidBase: number, unmodified: number, env: Record<string, string>) {
  const runner = await startRunner(backend, uidBase, env);
  try {
    const room = `${Date.now()}`;
    const [warmUp] = await pressRunTogether(runner.url, roomLearners(1, 0, `warm-up ${room}`));
    if (warmUp) runOutput(warmUp);
    const before = await (await fetch(`${runner.url}/metrics`)).text();
    const learners = roomLearners(ROOM.learners, unmodified, room);
    const [wallMs, runs] = await timeIt(() => pressRunTogether(runner.url, learners));
    const after = await (await fetch(`${runner.url}/metrics`)).text();
    const gaveUp = runs.filter((r) => r.outcome.kind === 'busy').length;
    for (const r of runs) if (r.outcome.kind !== 'busy') runOutput(r);
    const jobs = counterTotal(after, 'hybrid_runner_jobs_total') - counterTotal(before, 'hybrid_runner_jobs_total');
    const inSlot = runs.flatMap((r) =>
      r.outcome.kind === 'completed' && r.outcome.cached !== true && r.outcome.totalMs !== null && r.outcome.queueWaitMs !== null
        ? [r.outcome.totalMs - r.outcome.queueWaitMs]
        : [],
    );
    return {
      learners: learners.length,
      unmodified,
      slots: runner.config.maxConcurrentJobs,
      queueSize: runner.config.queueSize,
      timeToResult: stat(runs.map((r) => r.ms)),
      wallMs: Math.round(wallMs),
      resultsPerMinute: Math.round(((runs.length - gaveUp) / (wallMs / 60_000)) * 10) / 10,
      jobsRun: jobs,
      jobsPerMinute: Math.round((jobs / (wallMs / 60_000)) * 10) / 10,
      refusedAtFirst: runs.filter((r) => r.waits.length > 0).length,
      retries: runs.reduce((n, r) => n + r.waits.length, 0),
      mostRetriesOfOneLearner: Math.max(...runs.map((r) => r.waits.length)),
      gaveUp,
      joinedOrCached:
        counterTotal(after, 'hybrid_runner_jobs_joined_total') -
        counterTotal(before, 'hybrid_runner_jobs_joined_total') +
        counterTotal(after, 'hybrid_runner_cache_hits_total') -
        counterTotal(before, 'hybrid_runner_cache_hits_total'),
      timeInSlot: stat(inSlot),
    };
  } finally {
    await runner.close();
  }
}

/** The room with the default slots and queue, then the slots sweep, on one backend. */
async function benchRoom(backend: BackendName, index: number) {
  process.stderr.write(`  the room (${ROOM.learners} learners) on ${backend}...\n`);
  const room = await measureRoom(backend, 66200 + index * 100, ROOM.unmodified, {});
  const sweep = [];
  for (const slots of sweepSlots) {
    process.stderr.write(`  ${ROOM.learners} learners with ${slots} slot(s) on ${backend}...\n`);
    sweep.push(await measureRoom(backend, 66400 + index * 100, 0, { RUNNER_MAX_CONCURRENT: String(slots) }));
  }
  return { backend, room, sweep };
}

const results = [];
const rooms = [];
for (const [i, b] of backends.entries()) {
  process.stderr.write(`benchmarking ${b}...\n`);
  if (only !== 'room') results.push(await benchBackend(b, i));
  rooms.push(await benchRoom(b, i));
}
const fmt = (s: Stat) => `median ${s.medianMs} ms, p95 ${s.p95Ms} ms (n=${s.samples})`;
for (const r of results) {
  process.stdout.write(`\n${r.backend}: ${r.description}\n`);
  process.stdout.write(`  sandbox start overhead (empty step): ${fmt(r.sandboxStartOverhead)}\n`);
  process.stdout.write(`  cold build-and-run (deps compiled):  ${fmt(r.coldBuildAndRun)}\n`);
  process.stdout.write(`  warm build-and-run (deps prebuilt):  ${fmt(r.warmBuildAndRun)}\n`);
  for (const [name, s] of Object.entries(r.warmSteps)) process.stdout.write(`    ${name.padEnd(12)} ${fmt(s)}\n`);
  process.stdout.write(`  cache hit:                           ${fmt(r.cacheHit)}\n`);
  process.stdout.write(
    `  burst of 20 (latency per job):       ${fmt(r.burstOf20)}, all done in ${r.burstOf20.wallMs} ms with ${r.burstOf20.maxConcurrent} slots\n`,
  );
  process.stdout.write(`  check lesson 01's exercise (warm):   ${fmt(r.exerciseCheck)}\n`);
  for (const [name, s] of Object.entries(r.exerciseSteps)) process.stdout.write(`    ${name.padEnd(12)} ${fmt(s)}\n`);
  process.stdout.write(`  wasm: lesson 01's kernel, cold:      ${fmt(r.wasmKernel.cold)}\n`);
  process.stdout.write(`  wasm: lesson 01's kernel, warm:      ${fmt(r.wasmKernel.warm)}\n`);
  process.stdout.write(`    ${'wasm-build'.padEnd(12)} ${fmt(r.wasmKernel.wasmBuildStep)}\n`);
  process.stdout.write(`  wasm: lesson 01's kernel, cached:    ${fmt(r.wasmKernel.cached)}\n`);
}
type Room = Awaited<ReturnType<typeof measureRoom>>;
const roomLine = (r: Room) =>
  `time to result median ${(r.timeToResult.medianMs / 1000).toFixed(1)} s, p95 ${(r.timeToResult.p95Ms / 1000).toFixed(1)} s; ` +
  `all in ${(r.wallMs / 1000).toFixed(1)} s; ${r.jobsRun} jobs ran, ${r.jobsPerMinute} jobs/min, ${r.resultsPerMinute} results/min; ` +
  `refused at first ${r.refusedAtFirst}, retries ${r.retries} (at most ${r.mostRetriesOfOneLearner} for one learner), gave up ${r.gaveUp}; ` +
  `a job in its slot: median ${(r.timeInSlot.medianMs / 1000).toFixed(1)} s`;
for (const { backend, room, sweep } of rooms) {
  process.stdout.write(`\n${backend}: a room of ${room.learners} learners pressing Run on lesson 01 at once\n`);
  process.stdout.write(
    `  ${room.unmodified} unmodified + ${room.learners - room.unmodified} edits, ${room.slots} slots, queue ${room.queueSize}: ${roomLine(room)}; ${room.joinedOrCached} joined or cached\n`,
  );
  process.stdout.write(`  slots sweep, ${ROOM.learners} learners each with their own edit:\n`);
  for (const r of sweep) process.stdout.write(`    ${String(r.slots).padStart(2)} slot${r.slots === 1 ? ' ' : 's'}: ${roomLine(r)}\n`);
}
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench-results');
mkdirSync(outDir, { recursive: true });
const cores = (await import('node:os')).availableParallelism();
const written = [];
if (only !== 'room') {
  const out = path.join(outDir, 'runner-bench.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), cores, results }, null, 2)}\n`);
  written.push(out);
}
const roomOut = path.join(outDir, 'runner-room-bench.json');
writeFileSync(roomOut, `${JSON.stringify({ date: new Date().toISOString(), cores, rooms }, null, 2)}\n`);
written.push(roomOut);
process.stdout.write(`\nwritten to ${written.join(' and ')}\n`);
