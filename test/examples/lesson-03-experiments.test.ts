// Runs what lesson 03 tells the reader to run, as the page words it (the
// commands are read from index.mdx's ```sh blocks), and checks each "you
// will see X" for X: the full measurement and the orderings the page reads
// from it, the three broken-rule modes, and the noescape/nocallback
// comparison with -benchmem and -gcflags=-m. Timing is only ever compared
// as an ordering with a wide margin; allocations and messages exactly.
// (lesson-examples.test.ts builds and tests the example and checks -quick.)
//
// Needs cargo, go and a C compiler on PATH, like lesson-examples.test.ts.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockWith, copyExample, explain, type Result, runExerciseProgram, sh, slowMs } from './lesson-commands.ts';
import { parseZeroCopyOutput, zeroCopyProblems } from './zerocopy-output.ts';

const lessonDir = join(import.meta.dirname, '..', '..', 'lessons', '03-zero-copy');
const example = join(lessonDir, 'example');
const page = readFileSync(join(lessonDir, 'index.mdx'), 'utf8');
const defaultSizes = [16, 256, 4 << 10, 64 << 10, 1 << 20, 16 << 20];

const buildAndRun = blockWith(page, 'go build -o zerocopy .', 'index.mdx');
const modes = blockWith(page, '-mode go-pointers', 'index.mdx');
const annotations = blockWith(page, '-benchmem', 'index.mdx');

/** The one line of a block that starts with `start`. */
function lineWith(block: string[], start: string): string {
  const found = block.filter((line) => line.startsWith(start));
  if (found.length !== 1) throw new Error(`expected one command starting "${start}" in [${block.join(' | ')}]`);
  return found[0] as string;
}

/** The line number (1-based) of the first line of `text` that contains `marker`. */
function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line with "${marker}"`);
  return index + 1;
}

describe('lesson 03 experiments, as the page words them', () => {
  let work = '';
  const results = new Map<string, Promise<Result>>();
  /** Runs a page command once in the work folder (tests share the full run). */
  const run = (command: string): Promise<Result> => {
    let r = results.get(command);
    if (!r) {
      r = sh(work, command);
      results.set(command, r);
    }
    return r;
  };

  beforeAll(async () => {
    work = await copyExample(example, 'hybrid-lab-03-experiments-', ['zerocopy']);
    // The build lines of the block; the run line is the tests' to check.
    for (const command of buildAndRun.slice(0, -1)) {
      const r = await run(command);
      expect(r.code, explain(r)).toBe(0);
    }
  }, slowMs);

  afterAll(async () => {
    if (work && !process.env.KEEP_EXAMPLE_DIRS) await rm(work, { recursive: true, force: true });
  });

  it('the full run: every claim of the measurement section, at the default sizes', { timeout: slowMs }, async () => {
    expect(buildAndRun.at(-1)).toBe('./zerocopy');
    const r = await run('./zerocopy');
    expect(r.code, explain(r)).toBe(0);
    const out = parseZeroCopyOutput(r.out);
    expect(zeroCopyProblems(out, defaultSizes), r.out).toEqual([]);
    const at = (bytes: number) => out.timeNs.rows.get(bytes);
    // "The copy never paid for itself": slower than the pointer way where the call dominates.
    expect(at(16)?.['copy-c']).toBeGreaterThan(1.5 * (at(16)?.pointer ?? Infinity));
    // "The RPC has a floor, and then a slope": far slower when small, still slower when large.
    expect(at(16)?.['rpc-binary']).toBeGreaterThan(100 * (at(16)?.pointer ?? Infinity));
    expect(at(16 << 20)?.['rpc-binary']).toBeGreaterThan(2 * (at(16 << 20)?.pointer ?? Infinity));
    // JSON bodies cost more than binary ones at 64 KiB, and stop there.
    expect(at(64 << 10)?.['rpc-json']).toBeGreaterThan(2 * (at(64 << 10)?.['rpc-binary'] ?? Infinity));
    expect(at(1 << 20)?.['rpc-json']).toBeNull();
    // "about three vectors" for the binary RPC at 16 MiB.
    const rpcBytes = out.allocBytes.rows.get(16 << 20)?.['rpc-binary'] ?? 0;
    expect(rpcBytes / (16 << 20)).toBeGreaterThan(2);
    expect(rpcBytes / (16 << 20)).toBeLessThan(4);
    expect(out.readings.length).toBeGreaterThanOrEqual(4);
  });

  it('-mode go-pointers: the cgocheck panic; with cgocheck=0 no panic, but an error exit all the same', { timeout: slowMs }, async () => {
    const r = await run(lineWith(modes, './zerocopy -mode go-pointers'));
    expect(r.code, explain(r)).toBe(2);
    expect(r.out).toContain('panic: runtime error: argument of cgo function has Go pointer to unpinned Go pointer');
    const off = await run(lineWith(modes, 'GODEBUG=cgocheck=0 '));
    expect(off.code, explain(off)).toBe(1);
    expect(off.out).toContain('go-pointers: no panic, Rust summed 10');
  });

  it('-mode leak-pinner: the leaked-pin panic from the finalizer', { timeout: slowMs }, async () => {
    const r = await run(lineWith(modes, './zerocopy -mode leak-pinner'));
    expect(r.code, explain(r)).toBe(2);
    expect(r.out).toContain('panic: runtime error: runtime.Pinner: found leaking pinned pointer; forgot to call Unpin()?');
    expect(r.out).toContain('runtime.runFinalizers');
  });

  it('-mode keep-pointer: the kept pointer reads zeros, then another object, and nothing reports it', { timeout: slowMs }, async () => {
    const r = await run(lineWith(modes, './zerocopy -mode keep-pointer'));
    expect(r.code, explain(r)).toBe(1);
    expect(r.out).not.toContain('panic');
    expect(r.out).toContain('keep-pointer: right after the call, Rust reads the kept memory: sum 262144');
    expect(r.out).toContain("its pages went back to the OS; Rust's kept pointer now reads sum 0");
    // The page says the sevens land at the same address; the program has a branch for the rare run where they do not.
    expect(r.out).toMatch(
      /a new buffer of 262144 sevens (got the same address; Rust's kept pointer reads sum 1835008|went elsewhere this time)/,
    );
    expect(r.out).toContain('keep-pointer: neither cgocheck nor the Go runtime reported anything');
  });

  it('#cgo noescape + nocallback: 0 allocs/op and "does not escape"; plain, or noescape alone, moves out to the heap', {
    timeout: slowMs,
  }, async () => {
    const bench = await run(lineWith(annotations, 'go test '));
    expect(bench.code, explain(bench)).toBe(0);
    const allocs = (name: string) => {
      const m = new RegExp(
        `^BenchmarkSumSquares/${name.replace('+', '\\+')}-\\d+\\s+\\d+\\s+[\\d.]+ ns/op\\s+(\\d+) B/op\\s+(\\d+) allocs/op`,
        'm',
      ).exec(bench.out);
      if (!m) throw new Error(`no benchmark line for ${name}:\n${bench.out}`);
      return { bytes: Number(m[1]), allocs: Number(m[2]) };
    };
    expect(allocs('plain')).toEqual({ bytes: 8, allocs: 1 });
    expect(allocs('noescape+nocallback')).toEqual({ bytes: 0, allocs: 0 });
    expect(allocs('noescape-only')).toEqual({ bytes: 8, allocs: 1 });

    const m = await run(lineWith(annotations, 'go build -gcflags=-m'));
    expect(m.code, explain(m)).toBe(0);
    const source = readFileSync(join(example, 'rust.go'), 'utf8');
    const outLine = (fn: string) => lineOf(source, `func ${fn}(`) + 1; // `var out C.double` is the first line of each body
    expect(m.out).toMatch(new RegExp(`rust\\.go:${outLine('SumSquares')}:\\d+: moved to heap: out$`, 'm'));
    expect(m.out).toMatch(new RegExp(`rust\\.go:${outLine('SumSquaresNoescapeOnly')}:\\d+: moved to heap: out$`, 'm'));
    expect(m.out).not.toMatch(new RegExp(`rust\\.go:${outLine('SumSquaresAnnotated')}:\\d+: moved to heap`, 'm'));
    expect(m.out).toMatch(new RegExp(`rust\\.go:${lineOf(source, 'func SumSquaresAnnotated(')}:\\d+: v does not escape$`, 'm'));
  });
});

describe("lesson 03 exercise's program, run as the page says", () => {
  const programBlock = blockWith(page, 'go run .', 'index.mdx');

  it('with the solution: no copy of Go memory, the histogram counted every float, nothing left to free', { timeout: slowMs }, async () => {
    const r = await runExerciseProgram(lessonDir, 'solution', programBlock);
    expect(r.code, explain(r)).toBe(0);
    expect(r.out).toContain("normalised 1048576 floats in Go's memory; Rust read Go's own slice: true");
    expect(r.out).toMatch(/\(total 1048576\)/);
    expect(r.out).toContain('after Free: 0 Rust buffers still held by Go');
    expect(r.out).toContain("check: ok, no copy of Go's memory and nothing left to free");
  });

  it('with the starter: check: not yet', { timeout: slowMs }, async () => {
    const r = await runExerciseProgram(lessonDir, 'starter', programBlock);
    expect(r.code, explain(r)).toBe(1);
    expect(r.out).toContain('check: not yet');
  });
});
