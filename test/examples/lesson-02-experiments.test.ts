// Runs what lesson 02 tells the reader to run, as the page and the speaker
// notes word it (the commands are read from index.mdx and notes.md), and
// checks each "you will see X" for X. Claims about timing are checked only as
// orderings with wide margins; claims about memory are checked exactly.
//
// Needs cargo, go and a C compiler on PATH, like lesson-examples.test.ts.
import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GcPressureOutput, parseGcPressureOutput } from './gcpressure-output.ts';
import { blockWith, copyExample, explain, type Result, runExerciseProgram, sh, slowMs } from './lesson-commands.ts';

const lessonDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons', '02-gc-pressure');
const page = readFileSync(join(lessonDir, 'index.mdx'), 'utf8');
const notes = readFileSync(join(lessonDir, 'notes.md'), 'utf8');

/** A backticked command of the page found by a pattern whose first group is the command. */
function pageCode(pattern: RegExp, what: string): string {
  const code = pattern.exec(page)?.[1];
  if (!code) throw new Error(`index.mdx no longer says ${what} (${pattern}); update this test with the page`);
  return code;
}

const buildAndTrace = blockWith(page, 'GODEBUG=gctrace=1', 'index.mdx');
const runBlock = blockWith(page, './gcpressure -quick', 'index.mdx');
const limitBlock = blockWith(page, 'GOMEMLIMIT=24MiB', 'index.mdx');
const classicBlock = blockWith(page, 'nogreenteagc', 'index.mdx');
const gogcCommand = pageCode(/^- `(GOGC=400 \.\/gcpressure[^`]*)`/m, 'the GOGC=400 experiment');
const widerWindow = pageCode(/^- `(\.\/gcpressure -window \d+)`/m, 'the wider-window experiment');

/** The page's table of gctrace fields, as "the gctrace line has these fields". */
const gctraceLine =
  /^gc (\d+) @([\d.]+)s (\d+)%: ([\d.]+)\+([\d.]+)\+([\d.]+) ms clock, [\d.]+\+[\d.]+\/[\d.]+\/[\d.]+\+[\d.]+ ms cpu, (\d+)->(\d+)->(\d+) MB, (\d+) MB goal, \d+ MB stacks, \d+ MB globals, \d+ P( \(forced\))?$/;

describe('lesson 02 experiments, as the page words them', () => {
  let work = '';
  const outputs = new Map<string, GcPressureOutput>();

  /** Runs `command` in the work folder; it must succeed and print the report. */
  async function report(command: string): Promise<GcPressureOutput> {
    const cached = outputs.get(command);
    if (cached) return cached;
    const r = await sh(work, command);
    expect(r.code, explain(r)).toBe(0);
    const parsed = parseGcPressureOutput(r.out.slice(r.out.indexOf('gcpressure: ')));
    outputs.set(command, parsed);
    return parsed;
  }

  beforeAll(async () => {
    work = await copyExample(join(lessonDir, 'example'), 'hybrid-lab-02-experiments-', ['gcpressure', 'gcpressure-classic']);
  });

  afterAll(async () => {
    if (!process.env.KEEP_EXAMPLE_DIRS) await rm(work, { recursive: true, force: true });
  });

  it('builds as the page says, and gctrace prints one line per cycle in the format the page explains', { timeout: slowMs }, async () => {
    let last: Result | undefined;
    for (const line of buildAndTrace) {
      last = await sh(work, line);
      expect(last.code, explain(last)).toBe(0);
    }
    const lines = (last as Result).out.split('\n').filter((line) => line.startsWith('gc '));
    expect(lines.length, 'the page and the notes say 10 to 20 lines for this run').toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(gctraceLine);
    // "(forced)": the program's two runtime.GC() calls, after filling the window and at the end.
    expect(lines.filter((line) => line.endsWith('(forced)'))).toHaveLength(2);
    for (const line of lines) {
      const m = gctraceLine.exec(line) as RegExpExecArray;
      const [live, goal] = [Number(m[9]), Number(m[10])];
      // The third heap figure is the live heap; with GOGC=100 the next goal is about twice it.
      expect(live, line).toBeLessThanOrEqual(Math.max(goal, 4));
    }
  });

  it('all three variants: pointers cost GC CPU, pointer-free Go and Rust do not; Rust runs more cycles', { timeout: slowMs }, async () => {
    expect(runBlock).toContain('./gcpressure');
    const out = await report('./gcpressure');
    const [ptr, flat, rust] = [out.gc['go-pointers'], out.gc['go-flat'], out.gc['rust-handle']];
    const mem = out.memory;
    expect(out.checkLine).toMatch(/^check: ok, every variant ends with the same window: 1,000,000 samples/);
    // "a million nodes, each scanned": at least 16 scannable bytes per sample.
    expect(mem['go-pointers']?.scannableHeap).toBeGreaterThan(1_000_000 * 16);
    // "go-flat holds half as many bytes ... almost nothing to scan"
    expect(mem['go-flat']?.heapLive).toBeLessThan(0.75 * (mem['go-pointers']?.heapLive ?? 0));
    expect(mem['go-flat']?.scannableHeap).toBeLessThan(2 ** 20);
    // "its goal sits at the 4 MiB floor"; "18 MiB in Rust"
    expect(mem['rust-handle']?.heapGoal).toBeLessThan(8 * 2 ** 20);
    expect(mem['rust-handle']?.heldInRust).toBeGreaterThan(16 * 2 ** 20);
    // "more cycles, not fewer"; "GC CPU small, but not smaller than go-flat's"
    expect(rust?.cycles).toBeGreaterThan(2 * (ptr?.cycles ?? 0));
    expect(rust?.gcCpuSeconds).toBeGreaterThanOrEqual(flat?.gcCpuSeconds ?? 0);
    // The pointers were the cost: the reading's 1.5x threshold, with room to spare.
    expect(ptr?.gcCpuSeconds).toBeGreaterThan(3 * Math.max(flat?.gcCpuSeconds ?? 0, rust?.gcCpuSeconds ?? 0, 0.001));
    expect(out.readings[0]).toMatch(/^the pointer-rich window cost /);
  });

  it("GOMEMLIMIT close to go-flat's live heap makes it collect continuously; rust-handle ignores it and ends above it", {
    timeout: slowMs,
  }, async () => {
    const [flatLine, rustLine] = limitBlock;
    expect(flatLine).toContain('-variant go-flat');
    expect(rustLine).toContain('-variant rust-handle');
    const free = await report('./gcpressure');
    const flat = await report(flatLine as string);
    const rust = await report(rustLine as string);
    expect(flat.settings.gomemlimit).toBe('24.0 MiB');
    // "hundreds or thousands of cycles instead of 7 ..., and GC CPU tens to hundreds of times higher".
    // How many cycles depends on the machine's load (754 on a busy CI run, 5,117 on a quiet one): check the ratios.
    const freeCycles = free.gc['go-flat']?.cycles ?? 0;
    expect(freeCycles).toBeGreaterThan(0);
    expect(flat.gc['go-flat']?.cycles).toBeGreaterThan(20 * freeCycles);
    expect(flat.gc['go-flat']?.gcCpuSeconds).toBeGreaterThan(10 * Math.max(free.gc['go-flat']?.gcCpuSeconds ?? 0, 0.001));
    // "rust-handle runs as if no limit were set ... its resident memory ends above the 24 MiB"
    expect(rust.memory['rust-handle']?.rss).toBeGreaterThan(24 * 2 ** 20);
    expect(rust.gc['rust-handle']?.cycles).toBeLessThan(2 * (free.gc['rust-handle']?.cycles ?? 0));
  });

  it('GOGC=400: fewer cycles, a larger heap, less GC CPU', { timeout: slowMs }, async () => {
    const base = await report(gogcCommand.replace(/^GOGC=400 /, ''));
    const relaxed = await report(gogcCommand);
    expect(relaxed.settings.gogc).toBe('400');
    const [b, r] = [base.gc['go-pointers'], relaxed.gc['go-pointers']];
    expect(r?.cycles).toBeLessThan(b?.cycles ?? 0);
    expect(relaxed.memory['go-pointers']?.heapGoal).toBeGreaterThan(1.5 * (base.memory['go-pointers']?.heapGoal ?? 0));
    expect(r?.gcCpuSeconds).toBeLessThan(b?.gcCpuSeconds ?? 0);
  });

  it('a window twice as large: go-pointers runs fewer cycles, each scanning more, for GC CPU in the same range', {
    timeout: slowMs,
  }, async () => {
    const base = await report('./gcpressure');
    const wide = await report(widerWindow);
    const [b, w] = [base.gc['go-pointers'], wide.gc['go-pointers']];
    expect(w?.cycles).toBeLessThan(b?.cycles ?? 0);
    expect(wide.memory['go-pointers']?.scannableHeap).toBeGreaterThan(1.5 * (base.memory['go-pointers']?.scannableHeap ?? 0));
    const ratio = (w?.gcCpuSeconds ?? 0) / (b?.gcCpuSeconds ?? 1);
    expect(ratio, 'same range: within a factor of 3 either way').toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });

  it('the classic collector builds with GOEXPERIMENT=nogreenteagc, and the program says so (page and notes)', {
    timeout: slowMs,
  }, async () => {
    expect(notes).toContain(classicBlock[0]);
    const build = await sh(work, classicBlock[0] as string);
    expect(build.code, explain(build)).toBe(0);
    const classic = await report(classicBlock[1] as string);
    expect(classic.settings.collector).toBe('classic (GOEXPERIMENT=nogreenteagc)');
    const green = await report('./gcpressure -variant go-pointers -quick');
    expect(green.settings.collector).toMatch(/^Green Tea /);
  });

  it("the editor experiment with std's RandomState builds, with only an unused-import warning", { timeout: slowMs }, async () => {
    const field = pageCode(/replace `([^`]+)` in the type of the `keys` field with `std::hash::RandomState`/, 'the hasher experiment');
    const windowRs = join(work, 'rust', 'src', 'window.rs');
    const original = await readFile(windowRs, 'utf8');
    expect(original).toContain(`keys: HashMap<u64, KeyStats, ${field}>,`);
    await writeFile(
      windowRs,
      original.replace(`keys: HashMap<u64, KeyStats, ${field}>,`, 'keys: HashMap<u64, KeyStats, std::hash::RandomState>,'),
    );
    try {
      const r = await sh(work, 'cargo build --release --manifest-path rust/Cargo.toml');
      expect(r.code, explain(r)).toBe(0);
      expect(r.out).toMatch(/warning: unused import/);
    } finally {
      await writeFile(windowRs, original);
    }
  });
});

describe("lesson 02 exercise's program, run as the page says", () => {
  const programBlock = blockWith(page, 'go run .', 'index.mdx');
  const rows = /^(go|rust)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(-?\d+) B\s+(-?\d+)$/gm;

  it('with the solution: both windows agree, the Go one adds a few KiB and a few dozen objects, the Rust one about nothing', {
    timeout: slowMs,
  }, async () => {
    const r = await runExerciseProgram(lessonDir, 'solution', programBlock);
    expect(r.code, explain(r)).toBe(0);
    expect(r.out).toContain('check: ok, both windows hold the same totals');
    const found = new Map([...r.out.matchAll(rows)].map((m) => [m[1], { scan: Number(m[6]), objects: Number(m[7]) }]));
    expect([...found.keys()], r.out).toEqual(['go', 'rust']);
    expect(found.get('go')?.scan).toBeLessThan(32 * 1024);
    expect(found.get('go')?.objects).toBeLessThan(200);
    expect(found.get('rust')?.scan).toBeLessThan(4 * 1024);
    expect(found.get('rust')?.objects).toBeLessThan(16);
  });

  it('with the starter: it says the windows disagree (the Rust window never evicts)', { timeout: slowMs }, async () => {
    const r = await runExerciseProgram(lessonDir, 'starter', programBlock);
    expect(r.code, explain(r)).toBe(1);
    expect(r.out).toContain('check: the windows disagree');
  });
});
