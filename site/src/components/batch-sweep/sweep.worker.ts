/// <reference lib="webworker" />
// Runs the batch-size sweep off the main thread, on the real wasm kernel of lesson 01, and, when the
// page sends them, on two runner builds beside it: the lesson's kernel and the learner's edit of it
// (the learner's checked against the lesson's, then timed).
import init, { dot_step, panic_on_purpose, Samples } from '@hybrid-lab/kernels';
import wasmUrl from '@hybrid-lab/kernels/wasm?url';
import { jsDot } from './js-kernel.ts';
import { firstWrongBatch, magnitudePrefix, stepMismatch } from './learner-check.ts';
import { exportProblem, importProblem, type LearnerExports } from './learner-module.ts';
import type { ErrorOrigin, FromWorker, LearnerModules, LearnerPoint, StepMismatch, SweepResult, ToWorker } from './sweep-protocol.ts';
import { DEFAULT_TOLERANCE, type LearnerPlan, runSweep } from './sweep-runner.ts';
import { batchSizes } from './sweep-schedule.ts';
import { estimateClockResolution, minSampleDuration } from './timing.ts';

declare const self: DedicatedWorkerGlobalScope;

type Kernel = Awaited<ReturnType<typeof init>>;
let kernel: Promise<Kernel> | undefined;

function loadKernel(): Promise<Kernel> {
  kernel ??= init({ module_or_path: wasmUrl });
  return kernel;
}

function post(message: FromWorker): void {
  self.postMessage(message);
}

/** An error that says which code it came from, so the page can explain it. */
class OriginError extends Error {
  readonly origin: ErrorOrigin;

  constructor(origin: ErrorOrigin, message: string, name = 'Error') {
    super(message);
    this.origin = origin;
    this.name = name;
  }
}

/** Runs `fn` (learner code); an error it throws, a trap included, is tagged as the learner's kernel's. */
function asLearner<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof OriginError) throw error;
    // A TypeError here is a signature problem: a result that is not a number, or an i64 the page cannot pass.
    if (error instanceof TypeError) throw new OriginError('learner-module', error.message, 'TypeError');
    const name = error instanceof Error ? error.name : 'Error';
    throw new OriginError('learner-kernel', error instanceof Error ? error.message : String(error), name);
  }
}

/** Compiles and instantiates a runner-built module with no imports, and checks its exports; errors are tagged `origin`. */
async function instantiateBuilt(bytes: ArrayBuffer, origin: ErrorOrigin): Promise<LearnerExports> {
  // Problems with the module itself are the learner's to fix only in the learner's module.
  const moduleOrigin: ErrorOrigin = origin === 'lesson' ? 'lesson' : 'learner-module';
  let compiled: WebAssembly.Module;
  try {
    compiled = await WebAssembly.compile(bytes);
  } catch (error) {
    throw new OriginError(
      moduleOrigin,
      `The built module is not valid WebAssembly: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const imports = importProblem(WebAssembly.Module.imports(compiled));
  if (imports) throw new OriginError(moduleOrigin, imports);
  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(compiled, {});
  } catch (error) {
    // A start function that traps, or a memory the engine cannot give.
    const name = error instanceof Error ? error.name : 'Error';
    throw new OriginError(origin, error instanceof Error ? error.message : String(error), name);
  }
  const problem = exportProblem(instance.exports);
  if (problem) throw new OriginError(moduleOrigin, problem);
  return instance.exports as unknown as LearnerExports;
}

/** hl_dot over the demo's data copied into a module's memory: dot(start, length) of the same elements as the lesson's arrays. */
function dotOverCopy(exports: LearnerExports, a: Float32Array, b: Float32Array, elements: number, run: <T>(fn: () => T) => T) {
  const alloc = (what: string): number => {
    const ptr = run(() => exports.hl_alloc_f32(elements)) >>> 0;
    if (ptr % 4 !== 0 || ptr + 4 * elements > exports.memory.buffer.byteLength) {
      throw new OriginError(
        'learner-module',
        `hl_alloc_f32(${elements}) returned ${ptr} for ${what}, which is not room for ${elements} f32 values inside the module's memory.`,
      );
    }
    return ptr;
  };
  const aPtr = alloc('the first array');
  const bPtr = alloc('the second array');
  new Float32Array(exports.memory.buffer, aPtr, elements).set(a.subarray(0, elements));
  new Float32Array(exports.memory.buffer, bPtr, elements).set(b.subarray(0, elements));
  const dot = exports.hl_dot;
  return {
    dot: (start: number, length: number): unknown => dot(aPtr + 4 * start, bPtr + 4 * start, length),
    // One call per batch, pointers into the module's memory: the same loop for both builds.
    pass: (size: number): number => {
      let total = 0;
      for (let start = 0; start < elements; start += size) total += dot(aPtr + 4 * start, bPtr + 4 * start, size);
      return total;
    },
  };
}

/** Runs lesson code; errors keep their own origin (the lesson's). */
const asLesson = <T>(fn: () => T): T => fn();

/** Both runner builds set up on the demo's data: the plan for runSweep and the learner's step check. */
async function prepareLearner(
  modules: LearnerModules,
  a: Float32Array,
  b: Float32Array,
  elements: number,
): Promise<{ plan: LearnerPlan; step: StepMismatch | null }> {
  const lessonExports = await instantiateBuilt(modules.lesson.bytes, 'lesson');
  const mineExports = await instantiateBuilt(modules.mine.bytes, 'learner-kernel');
  const lesson = dotOverCopy(lessonExports, a, b, elements, asLesson);
  const mine = dotOverCopy(mineExports, a, b, elements, asLearner);
  const step = asLearner(() => stepMismatch(mineExports.hl_dot_step, DEFAULT_TOLERANCE));
  const prefix = magnitudePrefix(a, b, elements);
  const lessonDot = (start: number, length: number) => lesson.dot(start, length) as number;
  return {
    step,
    plan: {
      check: (size) => asLearner(() => firstWrongBatch(elements, size, mine.dot, lessonDot, prefix, DEFAULT_TOLERANCE)),
      pass: (size) => asLearner(() => mine.pass(size)),
      lessonPass: lesson.pass,
    },
  };
}

async function run(elements: number, repeats: number, seed: number, modules: LearnerModules | undefined): Promise<void> {
  const wasm = await loadKernel();
  const samples = new Samples(elements);
  try {
    samples.fill_pseudo_random(seed);
    let a = new Float32Array(0);
    let b = new Float32Array(0);
    // Zero-copy views of the two arrays inside wasm memory; re-made if the memory grew (new buffer).
    const views = (): void => {
      if (a.length === 0 || a.buffer !== wasm.memory.buffer) {
        a = new Float32Array(wasm.memory.buffer, samples.a_ptr(), samples.len());
        b = new Float32Array(wasm.memory.buffer, samples.b_ptr(), samples.len());
      }
    };
    views();
    let sum = 0;
    let magnitude = 0;
    for (let i = 0; i < elements; i += 1) {
      const product = (a[i] as number) * (b[i] as number);
      sum += product;
      magnitude += Math.abs(product);
    }
    const learner = modules ? await prepareLearner(modules, a, b, elements) : null;
    views();
    const sizes = batchSizes(elements);
    const now = () => performance.now();
    const clockResolutionMs = estimateClockResolution(now);
    const minSampleMs = minSampleDuration(clockResolutionMs);
    post({ type: 'started', batchSizes: sizes, clockResolutionMs, minSampleMs });
    const learnerPoints: LearnerPoint[] = [];
    const points = runSweep({
      elements,
      batchSizes: sizes,
      reference: { sum, magnitude },
      now,
      minSampleMs,
      repeats,
      passes: {
        perElement(size) {
          views();
          let total = 0;
          for (let start = 0; start < elements; start += size) {
            let acc = 0;
            const end = start + size;
            for (let i = start; i < end; i += 1) acc = dot_step(acc, a[i] as number, b[i] as number);
            total += acc;
          }
          return total;
        },
        batched(size) {
          let total = 0;
          for (let start = 0; start < elements; start += size) total += samples.dot_range(start, size);
          return total;
        },
        plainJs(size) {
          views();
          let total = 0;
          for (let start = 0; start < elements; start += size) total += jsDot(a, b, start, size);
          return total;
        },
      },
      ...(learner ? { learner: learner.plan } : {}),
      onPoint: (point, index, learnerPoint) => {
        if (learnerPoint) learnerPoints.push(learnerPoint);
        post({ type: 'point', index, total: sizes.length, point, ...(learnerPoint ? { learner: learnerPoint } : {}) });
      },
    });
    const result: SweepResult = { measuredAt: new Date().toISOString(), elements, clockResolutionMs, points };
    if (modules && learner) {
      result.learner = {
        sha256: modules.mine.sha256,
        lessonSha256: modules.lesson.sha256,
        edited: modules.edited,
        step: learner.step,
        points: learnerPoints,
      };
    }
    post({ type: 'done', result });
  } finally {
    try {
      samples.free();
    } catch {
      // After a trap the instance cannot be trusted and free() may fail too; the page drops this worker.
    }
  }
}

function reportError(error: unknown): void {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const origin = error instanceof OriginError ? error.origin : 'lesson';
  post({ type: 'error', name, message, origin });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'run') {
    run(message.elements, message.repeats, message.seed, message.learner).catch(reportError);
  } else if (message.type === 'panic') {
    loadKernel()
      .then(() => panic_on_purpose())
      .catch(reportError);
  }
};
