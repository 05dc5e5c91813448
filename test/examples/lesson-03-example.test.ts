// Lesson 03's program (lessons/03-zero-copy/example), built with the real
// cargo and go in a scratch copy: its Rust and Go tests, the quick
// measurement and the claims it supports, the three broken-rule modes the
// page tells readers to run, and the noescape/nocallback comparison with
// -benchmem and -gcflags=-m. Timing is only ever compared as an ordering
// with a wide margin.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, explain, type Result, sh, slowMs } from './lesson-commands.ts';
import { parseZeroCopyOutput, zeroCopyProblems } from './zerocopy-output.ts';

const example = join(import.meta.dirname, '..', '..', 'lessons', '03-zero-copy', 'example');
const quickSizes = [16, 4 << 10, 64 << 10, 1 << 20];

/** The line number (1-based) of the first line of `text` that contains `marker`. */
function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`no line with "${marker}"`);
  return index + 1;
}

describe('lessons/03-zero-copy/example', () => {
  let work = '';
  const run = (command: string, env: Record<string, string> = {}): Promise<Result> => sh(work, command, env);

  beforeAll(async () => {
    work = await copyExample(example, 'hybrid-lab-03-zero-copy-', ['zerocopy']);
  });

  afterAll(async () => {
    if (work && !process.env.KEEP_EXAMPLE_DIRS) await rm(work, { recursive: true, force: true });
  });

  it('cargo builds the staticlib and the server binary', { timeout: slowMs }, async () => {
    const r = await run('cargo build --release --locked --manifest-path rust/Cargo.toml');
    expect(r.code, explain(r)).toBe(0);
    const ls = await run('ls rust/target/release');
    expect(ls.out).toMatch(/^libzcopy\.a$/m);
    expect(ls.out).toMatch(/^zcopy-server$/m);
  });

  it('cargo test passes (kernel, C boundary, HTTP parser and server)', { timeout: slowMs }, async () => {
    const r = await run('cargo test --release --locked --manifest-path rust/Cargo.toml');
    expect(r.code, explain(r)).toBe(0);
    expect(
      r.out.match(/test result: ok\. [1-9]\d* passed; 0 failed/g)?.length,
      'the library and the server both have tests',
    ).toBeGreaterThanOrEqual(2);
  });

  it('go vet finds nothing and go test passes', { timeout: slowMs }, async () => {
    const vet = await run('go vet ./...');
    expect(vet.code, explain(vet)).toBe(0);
    const test = await run('go test -count=1 -v ./...');
    expect(test.code, explain(test)).toBe(0);
    for (const name of [
      'TestEveryWayMatchesTheGoReference',
      'TestNilAndEmptySlicesGiveAnEmptyResult',
      'TestFreeingARustVecTwiceIsReportedNotDone',
      'TestUnpinnedPointeesPanic',
      'TestTheClientReusesOneConnection',
      'TestErrorModesExitWithTheirMessage',
      'TestAnnotationsKeepTheOutPointerOffTheHeap',
    ]) {
      expect(test.out, name).toMatch(new RegExp(`^--- PASS: ${name} `, 'm'));
    }
    expect(test.out).not.toMatch(/^--- FAIL: /m);
  });

  it('go build links the Rust archive into one binary', { timeout: slowMs }, async () => {
    const r = await run('go build -o zerocopy .');
    expect(r.code, explain(r)).toBe(0);
  });

  it('the quick run: every way gives the reference result, the pointer way allocates nothing, the RPC is far slower when small', {
    timeout: slowMs,
  }, async () => {
    const r = await sh(work, './zerocopy -quick 2>/dev/null');
    expect(r.code, explain(r)).toBe(0);
    const out = parseZeroCopyOutput(r.out);
    expect(zeroCopyProblems(out, quickSizes), r.out).toEqual([]);
    expect(out.cgocheck).toBe('cgocheck=1 (the default)');
    // The JSON way stops at 64 KiB; the others run at every size.
    expect(out.timeNs.rows.get(1 << 20)?.['rpc-json']).toBeNull();
    expect(out.timeNs.rows.get(64 << 10)?.['rpc-json']).toBeGreaterThan(0);
    expect(out.readings.some((line) => line.startsWith('rpc-binary against pointer: '))).toBe(true);
  });

  it('-mode go-pointers: the cgocheck panic, and with cgocheck=0 no panic but still an error exit', { timeout: slowMs }, async () => {
    const r = await run('./zerocopy -mode go-pointers');
    expect(r.code, explain(r)).toBe(2);
    expect(r.out).toContain('go-pointers: passing &ptrs[0] of a []*float32');
    expect(r.out).toContain('panic: runtime error: argument of cgo function has Go pointer to unpinned Go pointer');
    const off = await run('./zerocopy -mode go-pointers', { GODEBUG: 'cgocheck=0' });
    expect(off.code, explain(off)).toBe(1);
    expect(off.out).toContain('go-pointers: no panic, Rust summed 10');
  });

  it('-mode leak-pinner: the leaked-pin panic from the finalizer', { timeout: slowMs }, async () => {
    const r = await run('./zerocopy -mode leak-pinner');
    expect(r.code, explain(r)).toBe(2);
    expect(r.out).toContain('panic: runtime error: runtime.Pinner: found leaking pinned pointer; forgot to call Unpin()?');
    expect(r.out).not.toContain('no panic within 5 s');
  });

  it('-mode keep-pointer: the kept pointer reads freed memory and nothing reports it', { timeout: slowMs }, async () => {
    const r = await run('./zerocopy -mode keep-pointer');
    expect(r.code, explain(r)).toBe(1);
    expect(r.out).not.toContain('panic');
    expect(r.out).toContain('keep-pointer: right after the call, Rust reads the kept memory: sum 262144');
    expect(r.out).toContain(
      "keep-pointer: use after free: the collector freed the buffer and its pages went back to the OS; Rust's kept pointer now reads sum 0",
    );
    expect(r.out).toContain('keep-pointer: neither cgocheck nor the Go runtime reported anything');
  });

  it('#cgo noescape + nocallback: 0 allocs/op and "does not escape"; without them (or with noescape alone) out moves to the heap', {
    timeout: slowMs,
  }, async () => {
    const bench = await run("go test -run '^$' -bench SumSquares -benchmem -benchtime 20000x");
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

    const m = await run('go build -gcflags=-m -o /dev/null . 2>&1');
    expect(m.code, explain(m)).toBe(0);
    const source = readFileSync(join(example, 'rust.go'), 'utf8');
    const outLine = (fn: string) => lineOf(source, `func ${fn}(`) + 1; // `var out C.double` is the first line of each body
    expect(m.out).toMatch(new RegExp(`rust\\.go:${outLine('SumSquares')}:\\d+: moved to heap: out$`, 'm'));
    expect(m.out).toMatch(new RegExp(`rust\\.go:${outLine('SumSquaresNoescapeOnly')}:\\d+: moved to heap: out$`, 'm'));
    expect(m.out).not.toMatch(new RegExp(`rust\\.go:${outLine('SumSquaresAnnotated')}:\\d+: moved to heap`, 'm'));
    expect(m.out).toMatch(new RegExp(`rust\\.go:${lineOf(source, 'func SumSquaresAnnotated(')}:\\d+: v does not escape$`, 'm'));
  });
});
