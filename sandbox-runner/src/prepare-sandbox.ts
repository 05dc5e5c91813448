/**
 * Prepares the host files of the bubblewrap backend, once per toolchain
 * version: toolchains where an unprivileged uid can read them, a CARGO_HOME
 * with the crates lessons use (libc, rayon and every lesson's own), and the
 * warm caches (prebuilt cargo target dir, Go build cache) made by building
 * the warm-up job inside the sandbox itself, so paths match a real job.
 *
 * Run directly: `node src/prepare-sandbox.ts` (also done by the runner at
 * start when the stamp is missing or stale).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WASM_TARGET } from './api-types.ts';
import { type BubblewrapHostLayout, runBubblewrapStep } from './backends/bubblewrap.ts';
import { JobWorkspace } from './backends/job-workspace.ts';
import { SANDBOX_PATHS, type StepRequest } from './backends/types.ts';
import { loadConfig, type RunnerConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
/** sandbox-runner/sandbox: hl-step.sh and the warm-up job. */
export const SANDBOX_SOURCE_DIR = path.resolve(here, '..', 'sandbox');
const REPO_ROOT = path.resolve(here, '..', '..');

/** Where the bubblewrap backend keeps its host files, under the state dir. */
export function bubblewrapLayout(config: RunnerConfig, goRoot: string, rustSysroot: string): BubblewrapHostLayout {
  const base = path.join(config.stateDir, 'bubblewrap');
  return {
    bwrap: 'bwrap',
    goRoot,
    rustSysroot,
    cargoHome: path.join(base, 'warm', 'cargo-home'),
    warmTarget: path.join(base, 'warm', 'target'),
    warmGoCache: path.join(base, 'warm', 'go-build'),
    wasmSysroot: path.join(base, 'wasm-sysroot'),
    hlStep: path.join(base, 'hl-step'),
    passwdFile: path.join(base, 'etc', 'passwd'),
    groupFile: path.join(base, 'etc', 'group'),
    jobsDir: path.join(config.stateDir, 'jobs'),
  };
}

/** GOROOT and the Rust sysroot of the host, from config or the tools on PATH. */
export async function hostToolchains(config: RunnerConfig): Promise<{ goRoot: string; rustSysroot: string }> {
  const goRoot = config.goRoot || (await run('go', ['env', 'GOROOT'])).stdout.trim();
  const rustSysroot = config.rustSysroot || (await run('rustc', ['--print', 'sysroot'])).stdout.trim();
  return { goRoot, rustSysroot };
}

/** True when every folder above `p` lets other users in, so the sandbox uid can bind it. */
async function reachableByOthers(p: string): Promise<boolean> {
  let cur = path.resolve(p);
  for (;;) {
    const s = await stat(cur).catch(() => null);
    if (!s || (s.mode & 0o001) === 0) return false;
    const parent = path.dirname(cur);
    if (parent === cur) return true;
    cur = parent;
  }
}

/**
 * Debian's rustc-web, which builds wasm32 when the Rust toolchain has no wasm32 target (rustup's
 * `rustup target add` needs servers this project cannot reach). The same paths as
 * sandbox/hl-step.sh, which uses them inside the sandbox (/usr is the host's /usr there).
 */
export const DEBIAN_RUST = { rustc: '/usr/bin/rustc', cargo: '/usr/bin/cargo', stdSources: '/usr/lib/rustlib/src/rust/library' } as const;

/** True when the Rust toolchain at `rustSysroot` has rustup's wasm32 std (then nothing is prepared for wasm). */
async function hasRustupWasmStd(rustSysroot: string): Promise<boolean> {
  const dir = path.join(rustSysroot, 'lib', 'rustlib', WASM_TARGET, 'lib');
  return (await readdir(dir).catch(() => [] as string[])).some((f) => f.startsWith('libstd-'));
}

/** True when Debian's rustc-web can build the wasm32 std (its compiler, cargo and std sources are there). */
function hasDebianRustWeb(): boolean {
  return Object.values(DEBIAN_RUST).every((p) => existsSync(p));
}

async function inputsHash(goRoot: string, rustSysroot: string, lessonManifests: string[]): Promise<string> {
  const h = createHash('sha256');
  h.update((await run(path.join(goRoot, 'bin', 'go'), ['version'])).stdout);
  h.update((await run(path.join(rustSysroot, 'bin', 'rustc'), ['-vV'])).stdout);
  // The wasm32 std is built with Debian's rustc-web: a new one (or its arrival) means building it again.
  if (existsSync(DEBIAN_RUST.rustc)) h.update((await run(DEBIAN_RUST.rustc, ['-vV']).catch(() => ({ stdout: 'broken' }))).stdout);
  for (const f of await listFiles(SANDBOX_SOURCE_DIR)) {
    if (f.includes('/target/')) continue;
    // Relative names: every clone of the same commit (CI clones to a new path) gets the same stamp.
    h.update(path.relative(REPO_ROOT, f)).update(await readFile(f));
  }
  for (const m of lessonManifests) {
    h.update(path.relative(REPO_ROOT, m)).update(await readFile(m));
    const lock = path.join(path.dirname(m), 'Cargo.lock');
    if (existsSync(lock)) h.update(await readFile(lock));
  }
  return h.digest('hex').slice(0, 16);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out.sort();
}

/** Cargo.toml of every lesson's Rust crates: the example's and the exercise's (their dependencies are prefetched too). */
export async function lessonManifests(root = REPO_ROOT): Promise<string[]> {
  const lessons = path.join(root, 'lessons');
  if (!existsSync(lessons)) return [];
  const out: string[] = [];
  for (const e of await readdir(lessons, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    for (const job of ['example', 'exercise/starter', 'exercise/solution']) {
      const m = path.join(lessons, e.name, job, 'rust', 'Cargo.toml');
      if (existsSync(m)) out.push(m);
    }
  }
  return out.sort();
}

/** Copies (hard-links when possible) a toolchain to `dest`, leaving out docs. */
async function mirrorToolchain(src: string, dest: string, skip: string[]): Promise<void> {
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  for (const e of await readdir(src)) {
    if (skip.includes(e)) continue;
    await run('cp', ['-al', path.join(src, e), dest]).catch(() => run('cp', ['-a', path.join(src, e), dest]));
  }
}

/** Fetches the crates of a manifest into `cargoHome` without touching the manifest's own folder. */
async function fetchCrates(cargo: string, cargoHome: string, manifest: string): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'hl-fetch-'));
  try {
    await copyFile(manifest, path.join(scratch, 'Cargo.toml'));
    const lock = path.join(path.dirname(manifest), 'Cargo.lock');
    if (existsSync(lock)) await copyFile(lock, path.join(scratch, 'Cargo.lock'));
    await mkdir(path.join(scratch, 'src'));
    await writeFile(path.join(scratch, 'src', 'lib.rs'), '');
    await writeFile(path.join(scratch, 'src', 'main.rs'), 'fn main() {}\n');
    await run(cargo, ['fetch', '--manifest-path', path.join(scratch, 'Cargo.toml')], {
      env: { ...process.env, CARGO_HOME: cargoHome },
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Fetches the crates std itself depends on (for `-Z build-std` with Debian's rustc-web) into `cargoHome`. */
async function fetchStdCrates(cargoHome: string): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'hl-fetch-std-'));
  try {
    await writeFile(path.join(scratch, 'Cargo.toml'), '[package]\nname = "hl-fetch-std"\nversion = "0.0.0"\nedition = "2021"\n');
    await mkdir(path.join(scratch, 'src'));
    await writeFile(path.join(scratch, 'src', 'lib.rs'), '');
    await run(DEBIAN_RUST.cargo, ['fetch', '-Z', 'build-std=std,panic_abort', '--target', WASM_TARGET], {
      cwd: scratch,
      env: { ...process.env, CARGO_HOME: cargoHome, RUSTC: DEBIAN_RUST.rustc, RUSTC_BOOTSTRAP: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export interface PreparedBubblewrap {
  layout: BubblewrapHostLayout;
  stamp: string;
}

/**
 * Makes sure the bubblewrap host files exist and match the toolchains;
 * rebuilds them when the stamp differs (about a minute on 2 cores).
 */
export async function prepareBubblewrapHost(config: RunnerConfig, log: Logger, force = false): Promise<PreparedBubblewrap> {
  if (config.prebuiltSandbox) return usePrebuiltTree(config);
  const tc = await hostToolchains(config);
  const manifests = await lessonManifests();
  const stamp = await inputsHash(tc.goRoot, tc.rustSysroot, manifests);
  const base = path.join(config.stateDir, 'bubblewrap');
  const stampFile = path.join(base, 'stamp');
  const goRoot = (await reachableByOthers(tc.goRoot)) ? tc.goRoot : path.join(base, 'toolchains', 'go');
  const rustSysroot = (await reachableByOthers(tc.rustSysroot)) ? tc.rustSysroot : path.join(base, 'toolchains', 'rust');
  const layout = bubblewrapLayout(config, goRoot, rustSysroot);
  const current = await readFile(stampFile, 'utf8').catch(() => '');
  if (!force && current.trim() === stamp) return { layout, stamp };

  // Several runners (parallel test files) may start at once on a fresh machine: one prepares, the others wait.
  await mkdir(config.stateDir, { recursive: true, mode: 0o755 });
  const release = await takeLock(`${base}.lock`, log);
  try {
    const again = await readFile(stampFile, 'utf8').catch(() => '');
    if (!force && again.trim() === stamp) return { layout, stamp };
    await buildBubblewrapHost(config, log, tc, layout, manifests, stamp);
  } finally {
    await release();
  }
  return { layout, stamp };
}

/** Takes a lock folder (mkdir is atomic); a lock older than 20 minutes is stale and taken over. */
async function takeLock(dir: string, log: Logger): Promise<() => Promise<void>> {
  let told = false;
  for (;;) {
    try {
      await mkdir(dir);
      return () => rm(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const s = await stat(dir).catch(() => null);
      if (s && Date.now() - s.mtimeMs > 20 * 60_000) {
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      if (!told) log.info('another runner is preparing the bubblewrap sandbox files; waiting', { lock: dir });
      told = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function buildBubblewrapHost(
  config: RunnerConfig,
  log: Logger,
  tc: { goRoot: string; rustSysroot: string },
  layout: BubblewrapHostLayout,
  manifests: string[],
  stamp: string,
): Promise<void> {
  const base = path.join(config.stateDir, 'bubblewrap');
  const stampFile = path.join(base, 'stamp');
  const { goRoot, rustSysroot } = layout;
  const started = Date.now();
  log.info('preparing the bubblewrap sandbox files (toolchains, crates, warm caches); this takes about a minute', { dir: base });
  await rm(stampFile, { force: true });
  await mkdir(base, { recursive: true, mode: 0o755 });
  await chmod(config.stateDir, 0o755);
  if (goRoot !== tc.goRoot) await mirrorToolchain(tc.goRoot, goRoot, []);
  if (rustSysroot !== tc.rustSysroot) await mirrorToolchain(tc.rustSysroot, rustSysroot, ['share']);

  await mkdir(path.dirname(layout.passwdFile), { recursive: true });
  await writeFile(
    layout.passwdFile,
    'root:x:0:0::/nonexistent:/usr/sbin/nologin\nsandbox:x:1000:1000:sandbox:/tmp/home:/bin/sh\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n',
  );
  await writeFile(layout.groupFile, 'root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n');
  await copyFile(path.join(SANDBOX_SOURCE_DIR, 'hl-step.sh'), layout.hlStep);
  await chmod(layout.hlStep, 0o755);

  await rm(path.join(base, 'warm'), { recursive: true, force: true });
  await mkdir(layout.cargoHome, { recursive: true });
  const cargo = path.join(tc.rustSysroot, 'bin', 'cargo');
  await fetchCrates(cargo, layout.cargoHome, path.join(SANDBOX_SOURCE_DIR, 'warmup', 'rust', 'Cargo.toml'));
  for (const m of manifests) await fetchCrates(cargo, layout.cargoHome, m);
  // wasm32: rustup's target needs nothing; otherwise std is built once below, with Debian's rustc-web.
  await rm(layout.wasmSysroot, { recursive: true, force: true });
  await mkdir(layout.wasmSysroot, { recursive: true });
  const wasmStd = !(await hasRustupWasmStd(tc.rustSysroot)) && hasDebianRustWeb();
  if (wasmStd) await fetchStdCrates(layout.cargoHome);
  else if (!(await hasRustupWasmStd(tc.rustSysroot))) {
    log.warn(
      `no wasm32 std: \`wasm\` jobs will fail until rustup's ${WASM_TARGET} target or Debian's rustc-web is installed (npm run doctor)`,
    );
  }

  const uid = config.sandboxUidBase;
  await mkdir(layout.warmTarget, { recursive: true });
  await mkdir(layout.warmGoCache, { recursive: true });
  await run('chown', ['-R', `${uid}:${uid}`, layout.warmTarget, layout.warmGoCache, layout.wasmSysroot]);
  await run('chmod', ['-R', 'a+rX', base]);
  const workspace = await JobWorkspace.create(layout.jobsDir, `warmup-${process.pid}`, uid, config.limits.diskBytes);
  try {
    await workspace.writeFiles(await readTree(path.join(SANDBOX_SOURCE_DIR, 'warmup')));
    const binds: Array<[string, string]> = [
      [layout.warmTarget, '/work/rust/target'],
      [layout.warmGoCache, '/tmp/go-build'],
    ];
    for (const command of ['cargo-build', 'cargo-test', 'go-build', 'run-go', 'go-test'] as const) {
      const req: StepRequest = {
        command,
        limits: { ...config.limits.build, wallMs: 10 * 60_000 },
        outputBytes: 1024 * 1024,
      };
      const outcome = await runBubblewrapStep(layout, workspace, config.limits.tmpBytes, req, 'build', binds);
      if (outcome.exitCode !== 0) {
        throw new Error(
          `warm-up step ${command} failed in the bubblewrap sandbox (exit ${outcome.exitCode}, ${outcome.signal ?? 'no signal'}, ${outcome.message ?? ''}):\n${outcome.stdout}\n${outcome.stderr}`,
        );
      }
      log.debug('warm-up step done', { command, ms: outcome.durationMs });
    }
    if (wasmStd) {
      // std for wasm32, built once here so that no job ever builds it (about a minute on 2 cores).
      const req: StepRequest = { command: 'wasm-std', limits: { ...config.limits.build, wallMs: 15 * 60_000 }, outputBytes: 1024 * 1024 };
      const outcome = await runBubblewrapStep(layout, workspace, config.limits.tmpBytes, req, 'build', [
        [layout.wasmSysroot, SANDBOX_PATHS.wasmSysroot],
      ]);
      if (outcome.exitCode !== 0) {
        throw new Error(
          `building the wasm32 std failed in the bubblewrap sandbox (exit ${outcome.exitCode}, ${outcome.signal ?? 'no signal'}, ${outcome.message ?? ''}):\n${outcome.stdout}\n${outcome.stderr.slice(-4000)}`,
        );
      }
      log.info('wasm32 std ready', { seconds: Math.round(outcome.durationMs / 1000) });
    }
  } finally {
    await workspace.dispose();
  }
  await pruneWarmTarget(layout.warmTarget);
  await run('chown', ['-R', '0:0', path.join(base, 'warm'), layout.wasmSysroot]);
  await run('chmod', ['-R', 'a+rX,go-w', path.join(base, 'warm'), layout.wasmSysroot]);
  await writeFile(stampFile, `${stamp}\n`);
  log.info('bubblewrap sandbox files ready', { seconds: Math.round((Date.now() - started) / 1000) });
}

/** Uses a tree laid out like the sandbox image (go, rust, cargo-home, hybrid/) as it is. */
async function usePrebuiltTree(config: RunnerConfig): Promise<PreparedBubblewrap> {
  const root = config.prebuiltSandbox;
  const base = path.join(config.stateDir, 'bubblewrap');
  const layout: BubblewrapHostLayout = {
    ...bubblewrapLayout(config, path.join(root, 'go'), path.join(root, 'rust')),
    cargoHome: path.join(root, 'cargo-home'),
    warmTarget: path.join(root, 'hybrid', 'warm', 'target'),
    warmGoCache: path.join(root, 'hybrid', 'warm', 'go-build'),
    wasmSysroot: path.join(root, 'hybrid', 'wasm-sysroot'),
    hlStep: path.join(root, 'hybrid', 'bin', 'hl-step'),
  };
  for (const p of [
    layout.goRoot,
    layout.rustSysroot,
    layout.cargoHome,
    layout.warmTarget,
    layout.warmGoCache,
    layout.wasmSysroot,
    layout.hlStep,
  ]) {
    if (!existsSync(p)) throw new Error(`RUNNER_PREBUILT_SANDBOX=${root} lacks ${p}`);
  }
  await mkdir(path.dirname(layout.passwdFile), { recursive: true, mode: 0o755 });
  await writeFile(layout.passwdFile, 'root:x:0:0::/nonexistent:/usr/sbin/nologin\nsandbox:x:1000:1000:sandbox:/tmp/home:/bin/sh\n');
  await writeFile(layout.groupFile, 'root:x:0:\nsandbox:x:1000:\n');
  await run('chmod', ['-R', 'a+rX', base]);
  await chmod(config.stateDir, 0o755);
  return { layout, stamp: `prebuilt:${root}` };
}

/** Drops the warm-up crate's own outputs: jobs only reuse the dependencies. */
async function pruneWarmTarget(target: string): Promise<void> {
  await run('find', [target, '-name', '*warmup*', '-prune', '-exec', 'rm', '-rf', '{}', '+']);
  for (const profile of ['debug', 'release']) {
    await rm(path.join(target, profile, 'incremental'), { recursive: true, force: true });
  }
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const f of await listFiles(dir)) {
    const rel = path.relative(dir, f);
    if (rel.startsWith('rust/target/')) continue;
    files[rel] = await readFile(f, 'utf8');
  }
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const force = process.argv.includes('--force');
  prepareBubblewrapHost(config, log, force).then(
    (p) => log.info('done', { stamp: p.stamp }),
    (err: Error) => {
      log.error('prepare failed', { error: err.message });
      process.exitCode = 1;
    },
  );
}
