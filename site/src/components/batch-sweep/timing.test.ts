import { describe, expect, it } from 'vitest';
import { estimateClockResolution, median, minSampleDuration, timePerCall } from './timing.ts';

/** A fake clock that advances by `step` ms every time a call of `work` runs, and ticks in `tick` ms steps. */
function fakeClock(tick: number) {
  let time = 0;
  return {
    now: () => Math.floor(time / tick) * tick,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('median', () => {
  it('takes the middle value of an odd list and the mean of the middle two of an even one', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is the value itself for a single value', () => {
    expect(median([7])).toBe(7);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([[[]], [[1, Number.NaN]], [[Number.POSITIVE_INFINITY]], [[1, Number.NEGATIVE_INFINITY, 2]]])('rejects %j', (values) => {
    expect(() => median(values)).toThrow(RangeError);
  });
});

describe('estimateClockResolution', () => {
  it('finds the tick of a coarse clock', () => {
    const clock = fakeClock(0.1);
    const now = () => {
      clock.advance(0.001);
      return clock.now();
    };
    expect(estimateClockResolution(now)).toBeCloseTo(0.1, 6);
  });

  it('gives up on a clock that never moves', () => {
    expect(() => estimateClockResolution(() => 42, 1, 1000)).toThrow(/did not advance/);
  });
});

describe('minSampleDuration', () => {
  it('asks for 100 ticks of a coarse clock and at least the floor for a fine one', () => {
    expect(minSampleDuration(0.1)).toBeCloseTo(10);
    expect(minSampleDuration(1)).toBe(100);
    expect(minSampleDuration(0.005)).toBe(10);
    expect(minSampleDuration(0.005, 2)).toBe(2);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a resolution of %s', (resolution) => {
    expect(() => minSampleDuration(resolution)).toThrow(RangeError);
  });
});

describe('timePerCall', () => {
  it('doubles the calls per sample until a sample lasts long enough, then reports the median per call', () => {
    const clock = fakeClock(0.1);
    let calls = 0;
    const timing = timePerCall(
      () => {
        calls += 1;
        clock.advance(0.3);
        return 99;
      },
      { now: clock.now, minSampleMs: 10, repeats: 5 },
    );
    // 0.3 ms per call: 32 calls (9.6 ms) are too few, 64 calls (19.2 ms) last long enough.
    expect(timing.iterations).toBe(64);
    expect(timing.samples).toHaveLength(5);
    expect(timing.msPerCall).toBeCloseTo(0.3, 2);
    expect(timing.result).toBe(99);
    expect(calls).toBe(1 + 2 + 4 + 8 + 16 + 32 + 64 + 5 * 64);
  });

  it('reports the median, so one slow sample does not move it', () => {
    const clock = fakeClock(0.001);
    let calls = 0;
    // Calibration takes 1 + 2 + 4 + 8 + 16 = 31 calls of 1 ms; then three samples of 16 calls each.
    // Every call of the second sample takes 10 ms instead.
    const timing = timePerCall(
      () => {
        calls += 1;
        clock.advance(calls > 31 + 16 && calls <= 31 + 32 ? 10 : 1);
        return 0;
      },
      { now: clock.now, minSampleMs: 16, repeats: 3 },
    );
    expect(timing.iterations).toBe(16);
    expect(timing.samples.map((ms) => Math.round(ms))).toEqual([1, 10, 1]);
    expect(timing.msPerCall).toBeCloseTo(1, 6);
  });

  it('stops when the clock does not advance', () => {
    expect(() => timePerCall(() => 1, { now: () => 0, minSampleMs: 1, repeats: 1, maxIterations: 1024 })).toThrow(/clock/);
  });

  it('rejects nonsense options', () => {
    const now = () => 0;
    expect(() => timePerCall(() => 1, { now, minSampleMs: 1, repeats: 0 })).toThrow(RangeError);
    expect(() => timePerCall(() => 1, { now, minSampleMs: Number.NaN, repeats: 1 })).toThrow(RangeError);
  });
});
