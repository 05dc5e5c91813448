// Runs the experiments lesson 01 tells the reader to try, the way the page
// and the speaker notes tell them to: the commands and the edits are read
// from index.mdx and notes.md, not copied here, so a page that changes its
// instructions is tested on its new instructions. Each "you will see X"
// below is checked for X.
//
// Needs cargo, go and a C compiler on PATH, like lesson-examples.test.ts.
// The example is copied to a temporary folder first.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockWith, copyExample, explain, type Result, sh, slowMs } from './lesson-commands.ts';

const lessonDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons', '01-batching');
const page = readFileSync(join(lessonDir, 'index.mdx'), 'utf8');
const notes = readFileSync(join(lessonDir, 'notes.md'), 'utf8');

/** A backticked piece of the page found by a pattern whose first group is the code. */
function pageCode(pattern: RegExp, what: string): string {
  const code = pattern.exec(page)?.[1];
  if (!code) throw new Error(`index.mdx no longer says ${what} (${pattern}); update this test with the page`);
  return code;
}

// What the page tells the reader to do, read from the page.
const panicBlock = blockWith(page, 'RUST_BACKTRACE=1', 'index.mdx');
const assertLine = pageCode(/put `(assert![^`]*;)` as the first line of `dot` in `kernel\.rs`/, 'where to put the assert');
const withoutGuard = pageCode(/replace the `match catch_unwind\(\.\.\.\)` block by `([^`]+)`/, 'what replaces catch_unwind');
const benchCommand = pageCode(/compare `(go test -bench [^`]+)` before and after/, 'which benchmark to compare');
const checkBlock = blockWith(notes, 'batching.cgo1.go', 'notes.md');
const contrastBlock = blockWith(notes, 'keep(void *p)', 'notes.md');

describe('lesson 01 experiments, as the page words them', () => {
  let work = '';
  const example = join(lessonDir, 'example');

  beforeAll(async () => {
    work = await copyExample(example, 'hybrid-lab-01-experiments-', ['batching']);
  });

  afterAll(async () => {
    if (!process.env.KEEP_EXAMPLE_DIRS) await rm(work, { recursive: true, force: true });
  });

  /** Runs the page's panic block in order; every line but the last must succeed. Returns the last. */
  async function runPanicBlock(): Promise<Result> {
    let last: Result | undefined;
    for (const [i, line] of panicBlock.entries()) {
      last = await sh(work, line);
      if (i < panicBlock.length - 1) expect(last.code, explain(last)).toBe(0);
    }
    return last as Result;
  }

  it('reads a three-step panic block from the page that builds with go build, not go run', () => {
    expect(panicBlock.some((line) => line.startsWith('go build'))).toBe(true);
    expect(panicBlock.some((line) => line.startsWith('go run'))).toBe(false);
  });

  it('a panic in the kernel is caught, and the backtrace shows the cgo call path', { timeout: slowMs }, async () => {
    const kernelPath = join(work, 'rust', 'src', 'kernel.rs');
    const kernel = await readFile(kernelPath, 'utf8');
    const head = 'pub fn dot(a: &[f32], b: &[f32]) -> f32 {\n';
    expect(kernel, 'kernel.rs has no `pub fn dot` to put the assert in').toContain(head);
    await writeFile(kernelPath, kernel.replace(head, `${head}    ${assertLine}\n`));

    const r = await runPanicBlock();
    expect(r.code, explain(r)).toBe(1);
    expect(r.out).toContain('batch size 1024');
    expect(r.out).toContain('the Rust kernel panicked (caught at the boundary)');
    // "the cgo wrapper `_cgo_..._Cfunc_batching_dot`, called from `runtime.asmcgocall`"
    expect(r.out, explain(r)).toMatch(/_cgo_\w+_Cfunc_batching_dot/);
    expect(r.out, explain(r)).toContain('runtime.asmcgocall');
    for (const frame of ['dot', 'with_slices', 'batching_dot']) {
      expect(r.out, explain(r)).toMatch(new RegExp(`^\\s+\\d+: ${frame}$`, 'm'));
    }
  });

  it('with go run, as the page warns, the same backtrace names none of those frames', { timeout: slowMs }, async () => {
    const r = await sh(work, 'go run . -quick', { RUST_BACKTRACE: '1' });
    expect(r.out, explain(r)).toContain('the Rust kernel panicked (caught at the boundary)');
    expect(r.out, explain(r)).not.toMatch(/Cfunc_batching_dot/);
  });

  it('without catch_unwind the panic aborts the process: SIGABRT, exit status 2', { timeout: slowMs }, async () => {
    const libPath = join(work, 'rust', 'src', 'lib.rs');
    const lib = await readFile(libPath, 'utf8');
    const guard = / {4}match catch_unwind\(\|\| compute\(a, b\)\) \{\n[\s\S]*?\n {4}\}\n/;
    expect(lib, 'lib.rs has no `match catch_unwind(|| compute(a, b))` block').toMatch(guard);
    await writeFile(libPath, lib.replace(guard, `    ${withoutGuard}\n`));

    // The page's warning: a plain `go build` does not see the new archive and keeps the old program.
    const cargo = await sh(work, 'cargo build --release --manifest-path rust/Cargo.toml');
    expect(cargo.code, explain(cargo)).toBe(0);
    const stale = await sh(work, 'go build -o batching . && ./batching -quick');
    expect(stale.out, `${explain(stale)}\n(if Go now relinks, drop the -a advice from the page)`).toContain(
      'the Rust kernel panicked (caught at the boundary)',
    );

    const r = await runPanicBlock();
    expect(r.code, explain(r)).toBe(2);
    expect(r.out).toContain('panic in a function that cannot unwind');
    expect(r.out).toContain('SIGABRT');
    expect(r.out).toContain('signal arrived during cgo execution');
    expect(r.out).not.toContain('caught at the boundary');
  });

  it('the benchmark the page compares selects Dot with one element only', { timeout: slowMs }, async () => {
    const r = await sh(work, `${benchCommand.replace(/-count \d+/, '-count 1')} -run '^$' -benchtime 20x`);
    expect(r.code, explain(r)).toBe(0);
    expect(r.out).toMatch(/^BenchmarkCrossing\/Dot\/1-\d+\s/m);
    expect(r.out).not.toMatch(/Dot\/64|Dot\/4096|DotStep/);
  });

  it('without cgo the build fails with undefined: DotStep, as the page says', { timeout: slowMs }, async () => {
    expect(page).toContain('`undefined: DotStep`');
    const r = await sh(work, 'go build -o /dev/null .', { CGO_ENABLED: '0' });
    expect(r.code).not.toBe(0);
    expect(r.out, explain(r)).toContain('undefined: DotStep');
  });
});

describe('lesson 01 speaker notes: where cgo puts its pointer checks', () => {
  let scratch = '';
  let work = '';

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'hybrid-lab-01-cgocheck-'));
    work = join(scratch, 'example');
    await cp(join(lessonDir, 'example'), work, {
      recursive: true,
      filter: (path) => !relative(join(lessonDir, 'example'), path).split(sep).includes('target'),
    });
  });

  afterAll(async () => {
    if (!process.env.KEEP_EXAMPLE_DIRS) await rm(scratch, { recursive: true, force: true });
  });

  /** The notes' commands, with /tmp/ moved into this test's own folder. */
  const local = (line: string) => line.replaceAll('/tmp/', `${scratch}/`);

  it('the grep the notes give names a *.cgo1.go file, where cgo puts call-site checks', () => {
    const grep = checkBlock.find((line) => line.startsWith('grep'));
    expect(grep).toMatch(/_cgoCheckPointer \S+\.cgo1\.go$/);
    expect(contrastBlock.find((line) => line.startsWith('grep'))).toMatch(/_cgoCheckPointer \S+\.cgo1\.go$/);
  });

  it('finds no check in batching.cgo1.go, as the notes say', { timeout: slowMs }, async () => {
    const [translate, grep] = checkBlock.map(local);
    const t = await sh(work, translate as string);
    expect(t.code, explain(t)).toBe(0);
    const g = await sh(work, grep as string);
    expect(g.out.trim(), explain(g)).toBe('0');
    // _cgo_gotypes.go declares _cgoCheckPointer whether or not any call uses it: grepping it proves nothing.
    const declared = await sh(work, `grep -c _cgoCheckPointer ${scratch}/cgo/_cgo_gotypes.go`);
    expect(Number(declared.out.trim())).toBeGreaterThan(0);
  });

  it("finds the check the notes' contrast adds (a void * argument)", { timeout: slowMs }, async () => {
    const script = contrastBlock.map(local).join('\n');
    const r = await sh(scratch, script);
    expect(r.code, explain(r)).toBe(0);
    expect(r.out.trim()).toBe('1');
  });
});
