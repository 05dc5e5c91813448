// `npm run bench`: the batching kernels as wasm in Node, a plain-JS baseline
// and native Rust (bench/native_bench.rs), all measured in this one run.
// Prints ns per element and the ratios between them, and writes the lot to
// bench-results/kernels-latest.json (git-ignored).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@hybrid-lab/scripts/toolchain';
import { dot_step, initSync, Samples } from '../pkg/hybrid_kernels.js';

const TOTAL = 1 << 16;
const MIN_SAMPLE_MS = 20;
const REPEATS = 7;
const REPORTED_SIZES = [1, 16, 256, 4096, 65536];

const wasm = initSync({ module: readFileSync(join(import.meta.dirname, '..', 'pkg', 'hybrid_kernels_bg.wasm')) });

/** Median over REPEATS samples of ns per element; each sample runs the pass for at least MIN_SAMPLE_MS. */
function nsPerElement(pass: () => number): number {
  const samples: number[] = [];
  let sink = 0;
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    let passes = 0;
    while (performance.now() - start < MIN_SAMPLE_MS) {
      sink += pass();
      passes++;
    }
    samples.push(((performance.now() - start) * 1e6) / (passes * TOTAL));
  }
  if (!Number.isFinite(sink)) throw new Error('bench: a kernel returned a non-finite sum');
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)]!;
}

function jsDot(a: Float32Array, b: Float32Array, start: number, len: number): number {
  let acc = 0;
  const end = Math.min(start + len, a.length);
  for (let i = start; i < end; i++) acc += a[i]! * b[i]!;
  return acc;
}

interface NativeResult {
  total: number;
  perElementCallNs: number;
  batched: { batchSize: number; nsPerElement: number }[];
}

function runNative(): NativeResult {
  const r = spawnSync('cargo', ['run', '--release', '--locked', '--quiet', '--bin', 'native-bench'], {
    cwd: join(repoRoot, 'kernels'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`native bench failed (cargo exited ${r.status})`);
  return JSON.parse(r.stdout) as NativeResult;
}

const samples = new Samples(TOTAL);
samples.fill_pseudo_random(12345);
const a = new Float32Array(wasm.memory.buffer, samples.a_ptr(), TOTAL);
const b = new Float32Array(wasm.memory.buffer, samples.b_ptr(), TOTAL);

// The three ways must compute the same sum, or the timings compare different work.
const reference = jsDot(a, b, 0, TOTAL);
const check = samples.dot_range(0, TOTAL);
if (Math.abs(check - reference) > 1e-3 * Math.max(1, Math.abs(reference))) {
  throw new Error(`bench: wasm dot ${check} disagrees with JS dot ${reference}`);
}

console.log(`kernels bench: ${TOTAL} elements, median of ${REPEATS} samples of >= ${MIN_SAMPLE_MS} ms each`);
const wasmPerElement = nsPerElement(() => {
  let acc = 0;
  for (let i = 0; i < TOTAL; i++) acc = dot_step(acc, a[i]!, b[i]!);
  return acc;
});
const sizes = Array.from({ length: 17 }, (_, i) => 2 ** i);
const rows = sizes.map((batchSize) => {
  const wasmBatched = nsPerElement(() => {
    let acc = 0;
    for (let s = 0; s < TOTAL; s += batchSize) acc += samples.dot_range(s, batchSize);
    return acc;
  });
  const js = nsPerElement(() => {
    let acc = 0;
    for (let s = 0; s < TOTAL; s += batchSize) acc += jsDot(a, b, s, batchSize);
    return acc;
  });
  return { batchSize, wasmBatched, js };
});
const native = runNative();
samples.free();

const nativeAt = (size: number) => native.batched.find((n) => n.batchSize === size)?.nsPerElement ?? Number.NaN;
const fmt = (x: number) => x.toFixed(3).padStart(9);
console.log('\n batch | wasm per-element | wasm batched |   JS batched | native batched   (ns per element)');
for (const r of rows) {
  console.log(
    `${String(r.batchSize).padStart(6)} | ${fmt(wasmPerElement).padStart(16)} | ${fmt(r.wasmBatched).padStart(12)} | ${fmt(r.js).padStart(12)} | ${fmt(nativeAt(r.batchSize)).padStart(14)}`,
  );
}
console.log(`native per-element call (not inlined): ${native.perElementCallNs.toFixed(3)} ns`);

const ratios = REPORTED_SIZES.map((size) => {
  const r = rows.find((x) => x.batchSize === size)!;
  return {
    batchSize: size,
    wasmOverJs: r.wasmBatched / r.js,
    wasmOverNative: r.wasmBatched / nativeAt(size),
    batchedOverPerElement: r.wasmBatched / wasmPerElement,
  };
});
console.log('\nratios (same run; below 1 means the first is faster):');
console.log(' batch | wasm/JS | wasm/native | batched/per-element');
for (const q of ratios) {
  console.log(
    `${String(q.batchSize).padStart(6)} | ${q.wasmOverJs.toFixed(2).padStart(7)} | ${q.wasmOverNative.toFixed(2).padStart(11)} | ${q.batchedOverPerElement.toFixed(3).padStart(19)}`,
  );
}
console.log(`per-element wasm call over per-element native call: ${(wasmPerElement / native.perElementCallNs).toFixed(2)}`);

const outDir = join(repoRoot, 'bench-results');
mkdirSync(outDir, { recursive: true });
const report = {
  bench: 'kernels',
  measuredAt: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, platform: platform(), arch: arch(), node: process.version },
  totalElements: TOTAL,
  nsPerElement: {
    wasmPerElementCall: wasmPerElement,
    nativePerElementCall: native.perElementCallNs,
    bySize: rows.map((r) => ({ ...r, native: nativeAt(r.batchSize) })),
  },
  ratios,
};
const out = join(outDir, 'kernels-latest.json');
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${out}`);
