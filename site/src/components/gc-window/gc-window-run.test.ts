import { describe, expect, it } from 'vitest';
import { runWorkload } from './gc-window-run.ts';
import type { WindowUnderTest } from './gc-window-variants.ts';
import { fillBatches, SAMPLE_BYTES } from './gc-window-workload.ts';

const workload = { window: 40, keys: 5, batch: 10, warmup: 3, batches: 6, seed: 1 };

/** A window whose n-th request takes n ms on the fake clock and reads back n. */
function fakeWindow(clock: { ms: number }) {
  const bodies: ArrayBuffer[] = [];
  const window: WindowUnderTest = {
    handle(body) {
      bodies.push(body);
      clock.ms += bodies.length;
      return bodies.length;
    },
    summary: () => ({ samples: 40, keys: 5, sum: 0, evicted: bodies.length * 10 - 40 }),
    free() {},
  };
  return { window, bodies };
}

describe('runWorkload', () => {
  it('fills, warms up, then times each batch on its own, with a fresh body per request', () => {
    const clock = { ms: 0 };
    const { window, bodies } = fakeWindow(clock);
    const run = runWorkload(window, workload, { now: () => clock.ms });
    const untimed = fillBatches(workload) + workload.warmup;
    expect(bodies).toHaveLength(untimed + workload.batches);
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(bodies[0]?.byteLength).toBe(workload.batch * SAMPLE_BYTES);
    // The n-th request takes n ms: the timed ones are numbers 8 to 13.
    expect([...run.times]).toEqual([8, 9, 10, 11, 12, 13]);
    expect(run.checksum).toBe((13 * 14) / 2);
    expect(run.totals.evicted).toBe(90);
  });

  it('reports progress every so many batches and at the end', () => {
    const clock = { ms: 0 };
    const calls: [number, number][] = [];
    runWorkload(fakeWindow(clock).window, workload, {
      now: () => clock.ms,
      progressEvery: 5,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([
      [5, 13],
      [10, 13],
      [13, 13],
    ]);
  });
});
