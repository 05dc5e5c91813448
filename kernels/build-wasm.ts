// Builds kernels/pkg/ (and pkg-unwind/, the same crate with panic=unwind) with wasm-pack, by whichever
// route this machine supports (see wasmRoute in scripts/toolchain.ts).
// Skips the build when the inputs have not changed since the last one.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { capture, repoRoot, run, wasmRoute } from '@hybrid-lab/scripts/toolchain';

const crateDir = import.meta.dirname;

/**
 * The two builds of the same crate. `abort` is what every demo loads: std for wasm32 is built with
 * panic=abort, so a panic is the `unreachable` trap. `unwind` is lesson 04's second build: std
 * rebuilt with panic=unwind and wasm exception handling (`-Z build-std`, so it needs std's sources),
 * which wasm-bindgen (0.2.107 and later) turns into a `PanicError` thrown to JavaScript.
 */
const BUILDS = {
  abort: { outDir: 'pkg', outName: 'hybrid_kernels', panic: 'abort' },
  unwind: { outDir: 'pkg-unwind', outName: 'hybrid_kernels_unwind', panic: 'unwind' },
} as const;

type Build = (typeof BUILDS)[keyof typeof BUILDS];

const stampOf = (build: Build) => join(crateDir, build.outDir, '.inputs-sha256');
const wasmOf = (build: Build) => join(crateDir, build.outDir, `${build.outName}_bg.wasm`);

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
const simd = '-C target-feature=+simd128';

function wasmPackBuild(build: Build): void {
  const route = wasmRoute();
  const common = ['build', crateDir, '--release', '--target', 'web', '--out-dir', build.outDir, '--out-name', build.outName, '--no-pack'];
  if (route.kind === 'none') {
    throw new Error(`cannot build for wasm32: ${route.why}. Run \`npm run doctor\` for the fix.`);
  }
  const unwind = build.panic === 'unwind';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // wasm32's own default is abort, and cargo passes no -C panic for `unwind`: say it here.
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: unwind ? `${simd} -C target-feature=+exception-handling -C panic=unwind` : simd,
    CARGO_PROFILE_RELEASE_PANIC: build.panic,
    // Its own target dir: other flags would otherwise rebuild the other build's std and crates each time.
    CARGO_TARGET_DIR: join(crateDir, 'target', `wasm-${build.panic}`),
  };
  if (route.kind === 'rustup-target' && !unwind) {
    run('wasm-pack', common, { env });
    return;
  }
  // std built from its sources: Debian's rustc-web (always), or rustup's toolchain for the unwind
  // build (it needs the rust-src component). wasm-pack calls plain `cargo`, so a private bin dir puts
  // that cargo and rustc first; --mode force skips wasm-pack's check for rustup's prebuilt target.
  const rustc = route.kind === 'build-std' ? route.rustc : (capture('rustup', ['which', 'rustc']) ?? 'rustc');
  const cargo = route.kind === 'build-std' ? route.cargo : (capture('rustup', ['which', 'cargo']) ?? 'cargo');
  const shim = mkdtempSync(join(tmpdir(), 'hybrid-lab-rust-'));
  try {
    symlinkSync(cargo, join(shim, 'cargo'));
    symlinkSync(rustc, join(shim, 'rustc'));
    Object.assign(env, { PATH: `${shim}:${process.env.PATH}`, RUSTC: rustc, RUSTC_BOOTSTRAP: '1' });
    run('wasm-pack', [...common, '--mode', 'force', '--', '-Z', `build-std=std,panic_${build.panic}`], { env });
  } catch (error) {
    if (unwind && route.kind === 'rustup-target') {
      throw new Error(`${(error as Error).message} (the panic=unwind build rebuilds std: \`rustup component add rust-src\`)`);
    }
    throw error;
  } finally {
    rmSync(shim, { recursive: true, force: true });
  }
}

/** Runs binaryen's wasm-opt from the npm package when installed; the build is valid without it. */
function optimise(build: Build): void {
  const wasm = wasmOf(build);
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
    ...(build.panic === 'unwind' ? ['--enable-exception-handling', '--enable-reference-types'] : []),
    wasm,
    '-o',
    wasm,
  ]);
}

function main(): void {
  const force = process.argv.includes('--force');
  const hash = inputsHash();
  for (const build of Object.values(BUILDS)) {
    const stamp = stampOf(build);
    if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
      console.log(`kernels: ${build.outDir}/ is up to date (inputs unchanged); use --force to rebuild`);
      continue;
    }
    const started = performance.now();
    wasmPackBuild(build);
    optimise(build);
    writeFileSync(stamp, `${hash}\n`);
    const size = readFileSync(wasmOf(build)).byteLength;
    const wasmBindgen = capture('wasm-bindgen', ['--version']) ?? 'wasm-bindgen (unknown)';
    console.log(
      `kernels: built ${build.outDir}/ (panic=${build.panic}) in ${((performance.now() - started) / 1000).toFixed(1)} s, ${size} bytes of wasm, ${wasmBindgen}`,
    );
  }
}

try {
  main();
} catch (err) {
  console.error(`kernels: wasm build failed: ${(err as Error).message}`);
  process.exit(1);
}
