// Builds kernels/pkg/ (wasm + JS glue + .d.ts) with wasm-pack, by whichever
// route this machine supports (see wasmRoute in scripts/toolchain.ts).
// Skips the build when the inputs have not changed since the last one.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { capture, repoRoot, run, wasmRoute } from '@hybrid-lab/scripts/toolchain';

const crateDir = import.meta.dirname;
const pkgDir = join(crateDir, 'pkg');
const stampFile = join(pkgDir, '.inputs-sha256');

/** Every file whose change must rebuild the wasm: this crate and the lesson cores it includes. */
function inputFiles(): string[] {
  const own = readdirSync(join(crateDir, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.rs'))
    .map((f) => join(crateDir, 'src', f));
  // The lesson cores: every file a `#[path = "..."]` attribute names (kernel.rs, window.rs, ...),
  // relative to the file that names it.
  const lessonCores = own.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/#\[path\s*=\s*"([^"]+)"\]/g)].map((match) => resolve(dirname(file), match[1] as string)),
  );
  const files = [join(crateDir, 'Cargo.toml'), join(crateDir, 'Cargo.lock'), join(crateDir, 'build-wasm.ts'), ...own, ...lessonCores];
  return [...new Set(files)].sort();
}

function inputsHash(): string {
  const h = createHash('sha256');
  for (const f of inputFiles()) h.update(relative(repoRoot, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

// 128-bit SIMD: every current browser engine and Node >= 16 run it, and it
// lets the dot product's eight lanes become two f32x4 operations.
const wasmRustflags = { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: '-C target-feature=+simd128' };

function wasmPackBuild(): void {
  const route = wasmRoute();
  const common = ['build', crateDir, '--release', '--target', 'web', '--out-name', 'hybrid_kernels', '--no-pack'];
  if (route.kind === 'none') {
    throw new Error(`cannot build for wasm32: ${route.why}. Run \`npm run doctor\` for the fix.`);
  }
  if (route.kind === 'rustup-target') {
    run('wasm-pack', common, { env: { ...process.env, ...wasmRustflags } });
    return;
  }
  // Debian's rustc-web builds std for wasm32 from its sources. wasm-pack calls
  // plain `cargo`, so a private bin dir puts Debian's cargo and rustc first;
  // --mode force skips wasm-pack's check for rustup's prebuilt target.
  const shim = mkdtempSync(join(tmpdir(), 'hybrid-lab-rust-'));
  try {
    symlinkSync(route.cargo, join(shim, 'cargo'));
    symlinkSync(route.rustc, join(shim, 'rustc'));
    const env = {
      ...process.env,
      ...wasmRustflags,
      PATH: `${shim}:${process.env.PATH}`,
      RUSTC: route.rustc,
      RUSTC_BOOTSTRAP: '1',
    };
    run('wasm-pack', [...common, '--mode', 'force', '--', '-Z', 'build-std=std,panic_abort'], { env });
  } finally {
    rmSync(shim, { recursive: true, force: true });
  }
}

/** Runs binaryen's wasm-opt from the npm package when installed; the build is valid without it. */
function optimise(): void {
  const wasm = join(pkgDir, 'hybrid_kernels_bg.wasm');
  const wasmOpt = join(repoRoot, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(wasmOpt)) {
    console.log('kernels: binaryen is not installed; keeping the unoptimised wasm');
    return;
  }
  run(wasmOpt, [
    '-O3',
    '--enable-bulk-memory',
    '--enable-nontrapping-float-to-int',
    '--enable-sign-ext',
    '--enable-mutable-globals',
    '--enable-simd',
    wasm,
    '-o',
    wasm,
  ]);
}

function main(): void {
  const force = process.argv.includes('--force');
  const hash = inputsHash();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash) {
    console.log('kernels: wasm is up to date (inputs unchanged); use --force to rebuild');
    return;
  }
  const started = performance.now();
  wasmPackBuild();
  optimise();
  writeFileSync(stampFile, `${hash}\n`);
  const size = readFileSync(join(pkgDir, 'hybrid_kernels_bg.wasm')).byteLength;
  const wasmBindgen = capture('wasm-bindgen', ['--version']) ?? 'wasm-bindgen (unknown)';
  console.log(`kernels: built pkg/ in ${((performance.now() - started) / 1000).toFixed(1)} s, ${size} bytes of wasm, ${wasmBindgen}`);
}

try {
  main();
} catch (err) {
  console.error(`kernels: wasm build failed: ${(err as Error).message}`);
  process.exit(1);
}
