import { describe, expect, it } from 'vitest';
import { liveFloat32View } from './wasm-view.ts';
import type { Way } from './zero-copy-protocol.ts';
import { type InPlaceVector, measureSize, runZeroCopySweep, TIMING_ATTEMPTS, timeBothNs, type ZeroCopyKernel } from './zero-copy-sweep.ts';
import { inputVector } from './zero-copy-workload.ts';

/** Lesson 03's kernel (kernel.rs) in JavaScript: f64 sums in 8 lanes, a fixed tree, one f64 product rounded to f32. */
function normalize(values: Float32Array): number {
  const lanes = new Float64Array(8);
  for (let i = 0; i < values.length; i += 1) lanes[i % 8] = (lanes[i % 8] as number) + (values[i] as number) ** 2;
  const [a, b, c, d, e, f, g, h] = lanes as unknown as number[];
  const norm = Math.sqrt(a! + b! + (c! + d!) + (e! + f! + (g! + h!)));
  if (norm > 0 && Number.isFinite(norm)) {
    const inv = 1 / norm;
    for (let i = 0; i < values.length; i += 1) values[i] = (values[i] as number) * inv;
  }
  return norm;
}

/**
 * The kernel over a real WebAssembly.Memory with a bump allocator, as the wasm build behaves: the
 * copying call allocates room for the array (growing the memory when it is full, which detaches every
 * view made before), copies it in, runs the kernel there, copies it back and frees the room.
 */
function wasmLikeKernel(options: { copiedWrong?: boolean } = {}): ZeroCopyKernel & { freed: number; pages: () => number } {
  const memory = new WebAssembly.Memory({ initial: 0 });
  let top = 0;
  const alloc = (bytes: number): number => {
    const ptr = top;
    top += Math.ceil(bytes / 8) * 8;
    if (top > memory.buffer.byteLength) memory.grow(Math.ceil((top - memory.buffer.byteLength) / 65_536));
    return ptr;
  };
  const kernel = {
    freed: 0,
    pages: () => memory.buffer.byteLength / 65_536,
    copied(values: Float32Array): number {
      const ptr = alloc(values.byteLength);
      const inWasm = new Float32Array(memory.buffer, ptr, values.length);
      inWasm.set(values);
      const norm = normalize(inWasm);
      if (options.copiedWrong && values.length > 1) inWasm[values.length - 1] = Math.fround((inWasm.at(-1) as number) * (1 + 2 ** -20));
      values.set(inWasm);
      top = ptr;
      return norm;
    },
    allocate(length: number): InPlaceVector {
      const ptr = alloc(4 * length);
      return {
        view: liveFloat32View(memory, ptr, length),
        normalize: () => normalize(new Float32Array(memory.buffer, ptr, length)),
        free: () => {
          kernel.freed += 1;
        },
      };
    },
  };
  return kernel;
}

/** A clock that advances 1 ms every time it is read: every sample lasts long enough after a few doublings. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 1);
}

describe('measureSize', () => {
  const plan = { repeats: 3, seed: 7, minSampleMs: 1 };

  it('checks both ways agree, times both, frees the vector', () => {
    const kernel = wasmLikeKernel();
    const point = measureSize(kernel, 4096, { ...plan, now: steppingClock() });
    expect(point.bytes).toBe(4096);
    for (const ns of [point.copied, point.inPlace]) expect(ns).toBeGreaterThan(0);
    expect(kernel.freed).toBe(1);
  });

  it('throws, naming the element, when one way computes other bits, and still frees the vector', () => {
    const kernel = wasmLikeKernel({ copiedWrong: true });
    expect(() => measureSize(kernel, 64, { ...plan, now: steppingClock() })).toThrow(
      /^At 64 B the two ways disagree at element 15: .* \(0x[0-9a-f]{8}\) copied, .* \(0x[0-9a-f]{8}\) in place\./,
    );
    expect(kernel.freed).toBe(1);
  });

  it('gives both ways the same input, also when the copying call grew the memory under the vector', () => {
    const kernel = wasmLikeKernel();
    const seen: Float32Array[] = [];
    const copied = kernel.copied;
    kernel.copied = (values) => {
      seen.push(values.slice());
      return copied(values);
    };
    // 64 KiB: the vector fills the first page, so the copy's room needs a second one.
    measureSize(kernel, 65_536, { ...plan, now: steppingClock() });
    expect(kernel.pages()).toBe(2);
    expect(seen[0]).toEqual(inputVector(16_384, 7));
  });
});

describe('runZeroCopySweep', () => {
  it('measures every size in order and reports each point as it goes', () => {
    const reported: number[] = [];
    const points = runZeroCopySweep(wasmLikeKernel(), {
      sizes: [16, 256, 4096],
      repeats: 3,
      seed: 1,
      now: steppingClock(),
      minSampleMs: 1,
      onPoint: (point, index) => reported.push(index, point.bytes),
    });
    expect(points.map((point) => point.bytes)).toEqual([16, 256, 4096]);
    expect(reported).toEqual([0, 16, 1, 256, 2, 4096]);
  });
});

describe('timeBothNs', () => {
  /** Both ways on one clock that only they move: `cost(way, n)` ms for that way's nth call; every call is logged. */
  function timedWays(cost: (way: Way, n: number) => number) {
    let t = 0;
    const log: string[] = [];
    const made = { copied: 0, inPlace: 0 };
    const call = (way: Way) => () => {
      log.push(way === 'copied' ? 'c' : 'i');
      made[way] += 1;
      t += cost(way, made[way]);
      return 1;
    };
    return { now: () => t, calls: { copied: call('copied'), inPlace: call('inPlace') }, log, made };
  }

  it('warms both up, finds calls per sample, then takes their samples in turn (ABBA) and gives medians in ns', () => {
    const clock = timedWays((way) => (way === 'copied' ? 1 : 0.5));
    expect(timeBothNs(clock.calls, { now: clock.now, minSampleMs: 4, repeats: 3 })).toEqual({ copied: 1e6, inPlace: 5e5 });
    // Warm-up (4 ms each), calibration (1 + 2 + 4 calls, and 1 + 2 + 4 + 8), then samples c i, i c, c i.
    const expected = ['c'.repeat(4), 'i'.repeat(8), 'c'.repeat(7), 'i'.repeat(15), 'c'.repeat(4), 'i'.repeat(8)];
    expected.push('i'.repeat(8), 'c'.repeat(4), 'c'.repeat(4), 'i'.repeat(8));
    expect(clock.log.join('')).toBe(expected.join(''));
  });

  // 20 warm-up calls of 0.5 ms each; then 2^-10 ms a call.
  const fast = (n: number) => (n <= 20 ? 0.5 : 2 ** -10);

  it('times again when a pause made the calibration stop at too few calls per sample', () => {
    // The copied way's first calibration call is held up for 20 ms: one call seems to fill a sample.
    const clock = timedWays((way, n) => (way === 'copied' && n === 21 ? 20 : fast(n)));
    expect(timeBothNs(clock.calls, { now: clock.now, minSampleMs: 10, repeats: 3 })).toEqual({ copied: 976.5625, inPlace: 976.5625 });
  });

  it('gives up, saying why, when every timing is cut short', () => {
    // Every attempt's first copied call is held up; an attempt makes 4 copied calls (1 to calibrate, 3 samples).
    const clock = timedWays((way, n) => (way === 'copied' && n > 20 && (n - 21) % 4 === 0 ? 20 : fast(n)));
    expect(() => timeBothNs(clock.calls, { now: clock.now, minSampleMs: 10, repeats: 3 })).toThrow(
      `${TIMING_ATTEMPTS} timings in a row were cut short by pauses`,
    );
    expect(clock.made.copied).toBe(20 + TIMING_ATTEMPTS * 4);
  });
});
