// The linters `npm test` runs (and `npm run lint` on its own): Biome for the
// TypeScript and JSON, rustfmt and clippy for every Rust crate, gofmt and
// go vet for every Go module. Every problem is reported, with the command
// that fixes it, before the step fails.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { cacheDir, repoRoot } from './toolchain.ts';

/** Folders that hold crates and Go modules (build output and dependencies are skipped). */
const roots = ['kernels', 'lessons', 'sandbox-runner/sandbox', 'test/runner/fixtures', 'test/images/fixtures'];
// An exercise's wrong/ answers are files laid over its solution, not crates or modules of their own
// (a Cargo.toml there is a changed copy of the solution's); the exercise tests build them.
const skipDirs = new Set(['node_modules', 'target', 'dist', 'pkg', 'pkg-unwind', '.astro', 'wrong']);

/** Every folder under `roots` that holds `marker` (Cargo.toml or go.mod), sorted. */
export function projectDirs(marker: string, base = repoRoot): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === marker)) found.push(dir);
    for (const e of entries) if (e.isDirectory() && !skipDirs.has(e.name)) walk(join(dir, e.name));
  };
  for (const root of roots) if (existsSync(join(base, root))) walk(join(base, root));
  return found.sort();
}

interface Outcome {
  ok: boolean;
  output: string;
}

function check(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Outcome {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { ok: false, output: `could not start \`${cmd}\`: ${r.error.message}` };
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Shared by every crate, so `npm test` compiles each dependency once for clippy. */
const lintTargetDir = join(cacheDir, 'lint-target');

/**
 * clippy for one crate. A crate without Cargo.lock (the runner's test
 * fixtures: the runner sends exactly their files) is checked in a copy, so
 * cargo's new lock file never lands in the repository.
 */
function clippy(crate: string): Outcome {
  const env = { ...process.env, CARGO_TARGET_DIR: lintTargetDir };
  const args = ['clippy', '--all-targets', '--quiet', '--', '-D', 'warnings'];
  if (existsSync(join(crate, 'Cargo.lock'))) return check('cargo', ['clippy', '--locked', ...args.slice(1)], crate, env);
  const copy = mkdtempSync(join(tmpdir(), 'hybrid-lab-lint-'));
  try {
    cpSync(crate, copy, { recursive: true, filter: (src) => !src.includes(`${crate}/target`) });
    return check('cargo', args, copy, env);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

interface Lint {
  /** What is checked, as shown in the report: "clippy lessons/01-batching/example/rust". */
  what: string;
  /** The command that fixes or shows the problem. */
  fix: string;
  run: () => Outcome;
}

function lints(): Lint[] {
  const list: Lint[] = [
    {
      what: 'biome (TypeScript, JSON)',
      fix: 'npm run lint -- --fix   (formats and applies safe fixes; the rest is listed above)',
      run: () => check(join(repoRoot, 'node_modules', '.bin', 'biome'), ['check', '--colors=off', '.'], repoRoot),
    },
  ];
  for (const crate of projectDirs('Cargo.toml')) {
    const rel = relative(repoRoot, crate);
    list.push({
      what: `rustfmt ${rel}`,
      fix: `npm run lint -- --fix   (or: cd ${rel} && cargo fmt)`,
      run: () => check('cargo', ['fmt', '--check'], crate),
    });
    list.push({ what: `clippy ${rel}`, fix: `(cd ${rel} && cargo clippy --all-targets -- -D warnings)`, run: () => clippy(crate) });
  }
  for (const mod of projectDirs('go.mod')) {
    const rel = relative(repoRoot, mod);
    list.push({
      what: `gofmt ${rel}`,
      fix: `npm run lint -- --fix   (or: gofmt -w ${rel})`,
      run: () => {
        const r = check('gofmt', ['-l', '.'], mod);
        // gofmt -l exits 0 even when it lists files: a listed file is the failure.
        return { ok: r.ok && r.output === '', output: r.output && `not gofmt-formatted:\n${r.output}` };
      },
    });
    list.push({ what: `go vet ${rel}`, fix: `(cd ${rel} && go vet ./...)`, run: () => check('go', ['vet', './...'], mod) });
  }
  return list;
}

/** `--fix`: let the formatters rewrite what they can (biome's safe fixes, cargo fmt, gofmt -w). */
function fix(): void {
  const biome = join(repoRoot, 'node_modules', '.bin', 'biome');
  const steps: [string, string[], string][] = [[biome, ['check', '--write', '.'], repoRoot]];
  for (const crate of projectDirs('Cargo.toml')) steps.push(['cargo', ['fmt'], crate]);
  for (const mod of projectDirs('go.mod')) steps.push(['gofmt', ['-w', '.'], mod]);
  for (const [cmd, args, cwd] of steps) check(cmd, args, cwd);
}

function main(): void {
  if (process.argv.includes('--fix')) fix();
  const failed: Lint[] = [];
  for (const lint of lints()) {
    const started = performance.now();
    const outcome = lint.run();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${lint.what} (${seconds} s)`);
    if (!outcome.ok) {
      console.log(outcome.output.replace(/^/gm, '     '));
      failed.push(lint);
    }
  }
  if (failed.length) {
    console.error(`\nlint: ${failed.length} check(s) failed. Fix with:`);
    for (const lint of failed) console.error(`  ${lint.fix}`);
    process.exit(1);
  }
}

if (import.meta.main) main();
