/**
 * The `wasm` action on each backend: lesson 01's kernel (the crate the page's
 * "Edit the kernel" sends, read from lessons/) compiled to a module that Node
 * instantiates and runs, a compile error placed in the learner's file, a
 * hostile build script that finds nothing of the host in the sandbox, and a
 * module over the artifact limit refused with a message.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Artifact, RunResult } from '../../sandbox-runner/src/api-schema.ts';
import {
  BACKENDS,
  lessonFile,
  livePidsOfUids,
  postRun,
  runJob,
  startRunner,
  step,
  type TestRunner,
  wasmKernelJob,
} from './runner-harness.ts';

// Node runs WebAssembly; the runner's type check has no DOM lib, so this names what the tests use.
const wasmRuntime = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }> };
  }
).WebAssembly;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (rel: string) => lessonFile('01-batching', rel);

const SECRET = `hl-wasm-secret-${randomBytes(8).toString('hex')}`;
const SECRET_FILE = `/var/tmp/hybrid-lab-wasm-secret-${process.pid}`;
/** Host paths a build script must not see: the secret, the machine's shadow file, the runner's own source and state. */
const HOST_PATHS = [
  SECRET_FILE,
  '/etc/shadow',
  path.join(REPO, 'sandbox-runner', 'src', 'config.ts'),
  '/var/lib/hybrid-lab-runner/bubblewrap/stamp',
];

/**
 * A cdylib whose build.rs tries the host's files and the network (the runner's own port on the
 * loopback, and 192.0.2.1, a documentation address that routes nowhere even if it escaped), and
 * bakes whatever it got into the module, so the artifact is checked as well as the output.
 */
function hostileBuildScript(port: number): Record<string, string> {
  const paths = HOST_PATHS.map((p) => JSON.stringify(p)).join(', ');
  return {
    'rust/Cargo.toml':
      '[package]\nname = "sneaky-wasm"\nversion = "0.1.0"\nedition = "2021"\nbuild = "build.rs"\n\n[lib]\ncrate-type = ["cdylib"]\n',
    'rust/build.rs': `use std::time::Duration;
fn main() {
    let mut loot = String::new();
    for p in [${paths}] {
        match std::fs::read_to_string(p) {
            Ok(s) => { println!("cargo:warning=READ {p}"); loot.push_str(&s); }
            Err(e) => println!("cargo:warning=no {p}: {:?}", e.kind()),
        }
    }
    for addr in ["127.0.0.1:${port}", "[::1]:${port}", "192.0.2.1:80"] {
        let a: std::net::SocketAddr = addr.parse().unwrap();
        match std::net::TcpStream::connect_timeout(&a, Duration::from_secs(2)) {
            Ok(_) => println!("cargo:warning=CONNECTED {addr}"),
            Err(e) => println!("cargo:warning=network {addr}: blocked ({:?})", e.kind()),
        }
    }
    let env: Vec<String> = std::env::vars().map(|(k, v)| format!("{k}={v}")).collect();
    println!("cargo:warning=env: {}", env.join(" "));
    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(format!("{out}/loot.txt"), loot).unwrap();
}
`,
    'rust/src/lib.rs': `static LOOT: &str = include_str!(concat!(env!("OUT_DIR"), "/loot.txt"));

#[no_mangle]
pub extern "C" fn loot_len() -> usize {
    LOOT.len()
}

#[no_mangle]
pub extern "C" fn loot_byte(i: usize) -> u8 {
    LOOT.as_bytes().get(i).copied().unwrap_or(0)
}
`,
  };
}

/** A module with a 256 KiB initialised static array: far over the small limit of the test runner below. */
function bigModule(): Record<string, string> {
  return {
    'rust/Cargo.toml':
      '[package]\nname = "big-wasm"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[profile.release]\npanic = "abort"\n',
    'rust/src/lib.rs': `#[no_mangle]
pub static TABLE: [u8; 262_144] = [7; 262_144];

#[no_mangle]
pub extern "C" fn table_at(i: usize) -> u8 {
    TABLE[i % TABLE.len()]
}
`,
  };
}

/** The one .wasm artifact of a result, checked against its announced size and hash. */
function wasmArtifact(result: RunResult): { artifact: Artifact; bytes: Buffer } {
  assert.equal(
    result.artifacts?.length,
    1,
    `expected one artifact: ${JSON.stringify(result.artifacts?.map((a) => a.path))} ${result.message}`,
  );
  const artifact = result.artifacts[0] as Artifact;
  const bytes = Buffer.from(artifact.base64, 'base64');
  assert.match(artifact.path, /^[\w-]+\.wasm$/);
  assert.equal(bytes.length, artifact.bytes);
  assert.equal(createHash('sha256').update(bytes).digest('hex'), artifact.sha256);
  return { artifact, bytes };
}

const SMALL_LIMIT = 65_536;

BACKENDS.forEach((backend, i) => {
  const uidBase = 64600 + i * 100;
  describe(`wasm builds on ${backend}`, () => {
    let runner: TestRunner;
    let small: TestRunner;
    before(async () => {
      writeFileSync(SECRET_FILE, `${SECRET}\n`, { mode: 0o644 });
      process.env.HYBRID_LAB_TEST_SECRET = SECRET;
      runner = await startRunner(backend, uidBase);
      small = await startRunner(backend, uidBase + 200, { RUNNER_MAX_ARTIFACT_BYTES: String(SMALL_LIMIT) });
    });
    after(async () => {
      await runner?.close();
      await small?.close();
      rmSync(SECRET_FILE, { force: true });
      assert.deepEqual(await livePidsOfUids(uidBase, uidBase + 100), [], 'no process of a sandbox uid is left on the host');
    });

    test("lesson 01's kernel compiles, instantiates in Node and computes the dot product", async () => {
      // The lesson's Go program may come along (the page sends only the crate); it is ignored.
      const files = { ...wasmKernelJob(), 'go.mod': read('example/go.mod'), 'main.go': read('example/main.go') };
      const result = await runJob(runner, files, 'wasm');
      assert.deepEqual(
        result.steps.map((s) => s.name),
        ['wasm-build'],
      );
      const build = step(result, 'wasm-build');
      assert.equal(build.exitCode, 0, build.stderr);
      assert.equal(result.ok, true, result.message ?? '');
      assert.equal(result.message, null);
      assert.deepEqual(
        build.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      const { artifact, bytes } = wasmArtifact(result);
      assert.equal(artifact.path, 'batching_wasm.wasm');

      const { instance } = await wasmRuntime.instantiate(bytes, {});
      const ex = instance.exports as {
        memory: { buffer: ArrayBuffer };
        hl_alloc_f32: (len: number) => number;
        hl_dot: (a: number, b: number, len: number) => number;
        hl_dot_step: (acc: number, a: number, b: number) => number;
      };
      for (const name of ['memory', 'hl_alloc_f32', 'hl_dot', 'hl_dot_step']) assert.ok(name in ex, `export ${name} missing`);
      // Small integers: every product and partial sum is exact in f32, so any summation order gives this exact value.
      const len = 1003;
      const a = Array.from({ length: len }, (_, k) => (k % 7) - 3);
      const b = Array.from({ length: len }, (_, k) => (k % 5) + 1);
      const expected = a.reduce((sum, x, k) => sum + x * (b[k] ?? 0), 0);
      const pa = ex.hl_alloc_f32(len);
      const pb = ex.hl_alloc_f32(len);
      new Float32Array(ex.memory.buffer, pa, len).set(a);
      new Float32Array(ex.memory.buffer, pb, len).set(b);
      assert.equal(ex.hl_dot(pa, pb, len), expected);
      assert.equal(ex.hl_dot(pa, pb, 0), 0);
      assert.equal(ex.hl_dot_step(1.5, 2, 3), 7.5);
    });

    test('the same job again is answered from the cache with the same module', async () => {
      const files = wasmKernelJob(`${read('example/rust/src/kernel.rs')}\n// cache test ${randomBytes(4).toString('hex')}\n`);
      const first = await runJob(runner, files, 'wasm');
      const second = await runJob(runner, files, 'wasm');
      assert.equal(first.cached, false);
      assert.equal(second.cached, true);
      assert.equal(wasmArtifact(second).artifact.sha256, wasmArtifact(first).artifact.sha256);
    });

    test("a compile error is a 200 answer with the diagnostic on the learner's kernel.rs line", async () => {
      const lines = read('example/rust/src/kernel.rs').split('\n');
      const fn = lines.findIndex((l) => l.startsWith('pub fn dot_step('));
      assert.ok(fn >= 0, 'kernel.rs has dot_step');
      lines.splice(fn + 1, 0, '    let broken: u32 = "not a number";');
      const result = await runJob(runner, wasmKernelJob(lines.join('\n')), 'wasm');
      assert.equal(result.ok, false);
      assert.deepEqual(result.artifacts, []);
      const build = step(result, 'wasm-build');
      assert.notEqual(build.exitCode, 0);
      const error = build.diagnostics.find((d) => d.severity === 'error');
      assert.ok(error, `no error diagnostic: ${build.stderr.slice(-1500)}`);
      assert.equal(error.file, 'rust/src/kernel.rs');
      assert.equal(error.line, fn + 2, 'the line of the inserted statement (1-based)');
      assert.equal(error.code, 'E0308');
      assert.match(build.stderr, /mismatched types/);
    });

    test('a build script finds no host file, no network and no runner environment, and bakes nothing of the host into the module', async () => {
      const result = await runJob(runner, hostileBuildScript(runner.port), 'wasm');
      const build = step(result, 'wasm-build');
      assert.equal(build.exitCode, 0, build.stderr.slice(-3000));
      const text = JSON.stringify(result);
      assert.ok(!text.includes(SECRET), 'the secret must not leak into the answer');
      assert.doesNotMatch(build.stderr, /READ \//);
      for (const p of HOST_PATHS) assert.match(build.stderr, new RegExp(`no ${p.replaceAll('/', '\\/').replaceAll('.', '\\.')}: `), p);
      assert.doesNotMatch(build.stderr, /CONNECTED/);
      assert.equal((build.stderr.match(/network \S+: blocked/g) ?? []).length, 3, build.stderr.slice(-3000));
      assert.doesNotMatch(build.stderr, /HYBRID_LAB_TEST_SECRET/);
      const { bytes } = wasmArtifact(result);
      assert.ok(!bytes.includes(Buffer.from(SECRET)), 'the secret must not be in the module');
      const { instance } = await wasmRuntime.instantiate(bytes, {});
      assert.equal((instance.exports.loot_len as () => number)(), 0, 'the build script read nothing from the host');
    });

    test('a module over the artifact limit is refused with its size, the limit and the setting', async () => {
      const result = await runJob(small, bigModule(), 'wasm');
      const build = step(result, 'wasm-build');
      assert.equal(build.exitCode, 0, build.stderr.slice(-2000));
      assert.equal(result.ok, false);
      assert.deepEqual(result.artifacts, []);
      const size = Number(/big_wasm\.wasm is (\d+) bytes/.exec(result.message ?? '')?.[1]);
      assert.ok(size > SMALL_LIMIT, `message names the size: ${result.message}`);
      assert.match(result.message ?? '', new RegExp(`limit of ${SMALL_LIMIT} bytes \\(RUNNER_MAX_ARTIFACT_BYTES\\)`));
      // The same crate fits the default limit.
      const fits = await runJob(runner, bigModule(), 'wasm');
      assert.equal(fits.ok, true, fits.message ?? '');
      assert.equal(wasmArtifact(fits).artifact.bytes, size);
    });

    test('a wasm job without a Rust crate is refused with what to send', async () => {
      const res = await postRun(runner, {
        files: { 'go.mod': 'module x\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' },
        action: 'wasm',
      });
      assert.equal(res.status, 400);
      assert.match((res.body as { error: string }).error, /no rust\/Cargo\.toml/);
    });

    test('healthz names the wasm toolchain and metrics count wasm jobs', async () => {
      const health = (await (await fetch(`${runner.url}/healthz`)).json()) as { toolchains: Record<string, string> };
      assert.match(health.toolchains.wasm ?? '', /^rustc \d+\.\d+\.\d+.*wasm32-unknown-unknown/);
      const metrics = await (await fetch(`${runner.url}/metrics`)).text();
      assert.match(metrics, /hybrid_runner_jobs_total\{action="wasm",outcome="ok"\} [1-9]/);
      assert.match(metrics, /hybrid_runner_step_duration_seconds_count\{step="wasm-build"\} [1-9]/);
    });
  });
});
