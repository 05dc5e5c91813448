// Builds and runs every lesson's Go + Rust example with the real toolchains,
// the way a learner (and the sandbox runner) does: cargo builds the Rust
// staticlib, go vet / go test / go build link it through cgo, and the program
// runs (in quick mode, unless its output is fixed in example/expected-output.txt).
// Each example is copied to a temporary folder first, so rust/target and
// binaries never land in the repository.
//
// Needs cargo, go and a C compiler on PATH. Every lesson example must have an
// output check below or an expected-output.txt: a test that only looks at the exit code would pass on
// a program that prints nonsense.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedBatchSizes, parseBatchingOutput } from './batching-output.ts';
import { parseGcPressureOutput, VARIANTS } from './gcpressure-output.ts';
import { panicsProblems, parsePanicsOutput } from './panics-output.ts';
import { parseZeroCopyOutput, zeroCopyProblems } from './zerocopy-output.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lessonsDir = join(repoRoot, 'lessons');

// A first cargo or cgo build on a cold cache compiles std pieces and runtime/cgo.
const buildTimeoutMs = 10 * 60_000;
const runTimeoutMs = 3 * 60_000;

interface CommandResult {
  command: string;
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion in `cwd`, capturing both streams. */
function runCommand(cwd: string, cmd: string, args: string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, CGO_ENABLED: '1', CARGO_TERM_COLOR: 'never' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (err) => reject(new Error(`could not start ${cmd}: ${err.message}; is it on PATH?`)));
    child.on('close', (code, signal) => resolve({ command: [cmd, ...args].join(' '), code, signal, stdout, stderr }));
  });
}

/** A failure message with what a person would look at: the command and its output. */
function explain(result: CommandResult): string {
  const tail = (text: string) => text.split('\n').slice(-40).join('\n');
  return [
    `\`${result.command}\` ended with code ${result.code}${result.signal ? ` (signal ${result.signal})` : ''}`,
    `--- stdout (last lines) ---\n${tail(result.stdout)}`,
    `--- stderr (last lines) ---\n${tail(result.stderr)}`,
  ].join('\n');
}

/** Lesson folders that hold an example (example/go.mod and example/rust/Cargo.toml). */
function discoverExamples(): string[] {
  return readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((slug) => {
      const example = join(lessonsDir, slug, 'example');
      return existsSync(join(example, 'go.mod')) && existsSync(join(example, 'rust', 'Cargo.toml'));
    })
    .sort();
}

/** The Rust package name in Cargo.toml, which names the archive lib<name>.a. */
function crateName(cargoToml: string): string {
  const name = /^\[package\][^[]*?^name\s*=\s*"([^"]+)"/ms.exec(cargoToml)?.[1];
  if (!name) throw new Error('rust/Cargo.toml has no [package] name = "..."');
  return name;
}

/** What a learner checks in the output of lesson 01's program. */
function checkBatchingOutput(stdout: string): void {
  const out = parseBatchingOutput(stdout);
  expect(out.dataLen).toBe(65536);

  const perBatch = out.rows.filter((r) => r.mode === 'per-batch');
  const perElement = out.rows.filter((r) => r.mode === 'per-element');
  const pureGo = out.rows.filter((r) => r.mode === 'pure-go');
  expect(
    perBatch.map((r) => r.batch),
    'every batch size 1..65536 has a row',
  ).toEqual(expectedBatchSizes(out.dataLen));
  expect(perElement, 'one per-element row').toHaveLength(1);
  expect(pureGo, 'one pure-Go row').toHaveLength(1);

  for (const r of out.rows) {
    expect(r.nsPerElement, `${r.mode} batch ${r.batch}: ns/element`).toBeGreaterThan(0);
    expect(r.vsPureGo, `${r.mode} batch ${r.batch}: ratio to pure Go`).toBeGreaterThan(0);
  }
  for (const r of perBatch) {
    expect(r.callsPerPass, `batch ${r.batch}: cgo calls per pass`).toBe(Math.ceil(out.dataLen / (r.batch ?? 1)));
  }
  expect(perElement[0]?.callsPerPass).toBe(out.dataLen);
  expect(pureGo[0]?.callsPerPass).toBe(0);

  expect(out.checkLine, 'the three loops agree with the reference').toMatch(/^check: ok, all 19 loops computed /);

  // The lesson's claim that holds on any machine: one call per 65536
  // elements costs less per element than one call per element.
  const biggest = perBatch[perBatch.length - 1];
  expect(biggest?.nsPerElement).toBeLessThan(perElement[0]?.nsPerElement ?? 0);
  expect(out.model.fixedNs, 'a crossing has a positive fixed cost').toBeGreaterThan(0);

  expect(out.readingLine).toMatch(/^reading: /);
  if (out.readingBatch !== null) {
    expect(Math.log2(out.readingBatch) % 1, 'the reading names a power-of-two batch size').toBe(0);
  }
}

/**
 * What a learner checks in the output of lesson 02's program: three variants
 * side by side, the same window in each, and the claims that hold on any
 * machine (timing-free: what the collector has to scan, where the bytes are).
 */
function checkGcPressureOutput(stdout: string): void {
  const out = parseGcPressureOutput(stdout);
  expect(out.settings.collector).toMatch(/^(Green Tea|classic) /);
  for (const table of [out.gc, out.latency, out.memory]) {
    expect(Object.keys(table), 'a row per variant, in order').toEqual([...VARIANTS]);
  }
  expect(out.checkLine).toMatch(/^check: ok, every variant ends with the same window: 200,000 samples, /);
  expect(out.metricsLine).toContain('/gc/scan/heap:bytes');
  expect(out.metricsLine).toContain('/sched/pauses/total/gc:seconds');
  for (const name of VARIANTS) {
    const gc = out.gc[name];
    const lat = out.latency[name];
    expect(gc?.cycles, `${name}: the timed batches allocate enough for GC cycles`).toBeGreaterThan(0);
    expect(lat?.p50Ns, `${name}: p50 is positive`).toBeGreaterThan(0);
    expect(lat?.p99Ns, `${name}: p99 >= p50`).toBeGreaterThanOrEqual(lat?.p50Ns ?? 0);
    expect(lat?.maxNs, `${name}: max >= p99.9`).toBeGreaterThanOrEqual(lat?.p999Ns ?? 0);
  }
  const ptr = out.memory['go-pointers'];
  const flat = out.memory['go-flat'];
  const rust = out.memory['rust-handle'];
  // 200,000 samples, each an object with two pointers: at least 16 scannable bytes each.
  expect(ptr?.scannableHeap, 'go-pointers has a scannable heap').toBeGreaterThan(200_000 * 16);
  expect(flat?.scannableHeap, 'go-flat has (almost) nothing to scan').toBeLessThan(1 * 2 ** 20);
  expect(rust?.scannableHeap, 'rust-handle has (almost) nothing to scan').toBeLessThan(1 * 2 ** 20);
  // The Rust window is in Rust's heap: 200,000 samples of 16 bytes at least, and a Go heap near its floor.
  expect(rust?.heldInRust).toBeGreaterThan(200_000 * 16);
  expect(rust?.heapLive, "rust-handle's live Go heap is small").toBeLessThan(flat?.heapLive ?? 0);
  expect(ptr?.heldInRust).toBeNull();
  expect(out.readings.length, 'the program says what the run showed').toBeGreaterThan(0);
}

/** Output checks by lesson folder; every example must have one. */
const outputChecks: Record<string, (stdout: string) => void> = {
  '01-batching': checkBatchingOutput,
  '02-gc-pressure': checkGcPressureOutput,
  // -quick measures these sizes; every claim the lesson makes of the run holds for each.
  '03-zero-copy': (stdout) => expect(zeroCopyProblems(parseZeroCopyOutput(stdout), [16, 4096, 65536, 1048576])).toEqual([]),
  // -quick serves 160 requests; the claims hold whatever the timing (how many meet a busy or poisoned handle varies).
  '04-panics': (stdout) => expect(panicsProblems(parsePanicsOutput(stdout), 160)).toEqual([]),
};

const examples = discoverExamples();

describe('lesson examples', () => {
  it('finds the examples, and an output check for each', () => {
    expect(examples).toContain('01-batching');
    const unchecked = examples.filter(
      (slug) => !(slug in outputChecks) && !existsSync(join(lessonsDir, slug, 'example', 'expected-output.txt')),
    );
    expect(
      unchecked,
      'add an output check for these lessons to test/examples/lesson-examples.test.ts, or their exact output in example/expected-output.txt',
    ).toEqual([]);
  });
});

for (const slug of examples) {
  describe(`lessons/${slug}/example`, () => {
    const source = join(lessonsDir, slug, 'example');
    let workDir = '';
    let archive = '';

    beforeAll(async () => {
      workDir = await mkdtemp(join(tmpdir(), `hybrid-lab-${slug}-`));
      await cp(source, workDir, {
        recursive: true,
        // Skip build output a learner may have left in the repository copy.
        filter: (path) => {
          const rel = relative(source, path).split(sep);
          return !(rel[0] === 'rust' && rel[1] === 'target');
        },
      });
      archive = join(workDir, 'rust', 'target', 'release', `lib${crateName(readFileSync(join(source, 'rust', 'Cargo.toml'), 'utf8'))}.a`);
    });

    afterAll(async () => {
      if (workDir && !process.env.KEEP_EXAMPLE_DIRS) {
        await rm(workDir, { recursive: true, force: true });
      }
    });

    it('cargo builds the Rust staticlib', { timeout: buildTimeoutMs }, async () => {
      const r = await runCommand(
        workDir,
        'cargo',
        ['build', '--release', '--locked', '--manifest-path', 'rust/Cargo.toml'],
        buildTimeoutMs,
      );
      expect(r.code, explain(r)).toBe(0);
      expect(existsSync(archive), `expected ${archive} after cargo build`).toBe(true);
    });

    it('cargo test passes (kernel and boundary unit tests)', { timeout: buildTimeoutMs }, async () => {
      const r = await runCommand(workDir, 'cargo', ['test', '--release', '--locked', '--manifest-path', 'rust/Cargo.toml'], buildTimeoutMs);
      expect(r.code, explain(r)).toBe(0);
      expect(r.stdout).toMatch(/test result: ok\. [1-9]\d* passed; 0 failed/);
    });

    it('go vet finds nothing', { timeout: buildTimeoutMs }, async () => {
      const r = await runCommand(workDir, 'go', ['vet', './...'], buildTimeoutMs);
      expect(r.code, explain(r)).toBe(0);
    });

    it('go test passes (the cgo boundary from Go)', { timeout: buildTimeoutMs }, async () => {
      const r = await runCommand(workDir, 'go', ['test', '-count=1', '-v', './...'], buildTimeoutMs);
      expect(r.code, explain(r)).toBe(0);
      expect(r.stdout).toMatch(/^--- PASS: /m);
      expect(r.stdout).not.toMatch(/^--- FAIL: /m);
    });

    it('go build links the Rust archive into one binary', { timeout: buildTimeoutMs }, async () => {
      const r = await runCommand(workDir, 'go', ['build', '-o', 'example-bin', '.'], buildTimeoutMs);
      expect(r.code, explain(r)).toBe(0);
      expect(existsSync(join(workDir, 'example-bin'))).toBe(true);
    });

    it('the program runs and prints what the lesson promises', { timeout: runTimeoutMs }, async () => {
      // A program whose output is the same on every machine states it in expected-output.txt
      // and runs as the page says, with no flags; a measuring one runs in quick mode and has
      // a checker above for what holds on any machine.
      const expectedFile = join(lessonsDir, slug, 'example', 'expected-output.txt');
      const exact = existsSync(expectedFile);
      const r = await runCommand(workDir, join(workDir, 'example-bin'), exact ? [] : ['-quick'], runTimeoutMs);
      expect(r.code, explain(r)).toBe(0);
      if (exact) {
        expect(r.stdout, `stdout of the program versus lessons/${slug}/example/expected-output.txt`).toBe(
          readFileSync(expectedFile, 'utf8'),
        );
        return;
      }
      const check = outputChecks[slug];
      expect(check, `no output check for ${slug} (nor an example/expected-output.txt)`).toBeDefined();
      check?.(r.stdout);
    });
  });
}
