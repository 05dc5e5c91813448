import { describe, expect, it } from 'vitest';
import { CLEAR_RATIO, describeGcWindow, MIN_CLOCK_STEPS, readGcWindow } from './gc-window-reading.ts';
import { jsTailResult, withDistributions } from './gc-window-result.fixture.ts';

const flat = { p50: 1, p90: 1.2, p99: 1.5, p999: 2, max: 3 };

describe('readGcWindow', () => {
  it('finds the JavaScript window with the higher tail, and the ratios JavaScript ÷ Rust', () => {
    const reading = readGcWindow(jsTailResult);
    expect(reading.verdict).toBe('js-higher');
    expect(reading.p999Ratio).toBeCloseTo(54.7 / 5.4);
    expect(reading.p99Ratio).toBeCloseTo(3.2 / 2.2);
    expect(reading.p50Ratio).toBeCloseTo(1 / 0.7);
  });

  it('finds the Rust window with the higher tail when its p99.9 is clearly higher', () => {
    const reading = readGcWindow(withDistributions(flat, { ...flat, p999: 9, max: 12 }));
    expect(reading.verdict).toBe('rust-higher');
    expect(reading.p999Ratio).toBeCloseTo(2 / 9);
  });

  it(`sees no clear difference within ${CLEAR_RATIO}× or within ${MIN_CLOCK_STEPS} clock steps`, () => {
    expect(readGcWindow(withDistributions(flat, { ...flat, p999: 2.9 })).verdict).toBe('no-clear-difference');
    // 4× apart, but only 0.15 ms: less than 3 steps of a 0.1 ms clock.
    const tiny = { p50: 0.02, p90: 0.03, p99: 0.04, p999: 0.05, max: 0.05 };
    expect(readGcWindow(withDistributions(tiny, { ...tiny, p999: 0.2, max: 0.2 })).verdict).toBe('no-clear-difference');
    // The same times read with a 5 µs clock are a difference.
    expect(readGcWindow(withDistributions(tiny, { ...tiny, p999: 0.2, max: 0.2 }, 0.005)).verdict).toBe('rust-higher');
  });

  it('floors times below one clock step at the step, so a zero makes no infinite ratio', () => {
    const zero = { p50: 0, p90: 0, p99: 0, p999: 0, max: 0.1 };
    const reading = readGcWindow(withDistributions(zero, { ...zero, p999: 1, max: 1 }));
    expect(reading.p50Ratio).toBe(1);
    expect(reading.p999Ratio).toBeCloseTo(0.1);
    expect(reading.verdict).toBe('rust-higher');
  });

  it('rejects a clock step that is not a positive number', () => {
    expect(() => readGcWindow({ ...jsTailResult, clockResolutionMs: 0 })).toThrow(RangeError);
  });
});

describe('describeGcWindow', () => {
  it('states the higher tail with both percentiles and ratios, and says the gap widened from the median', () => {
    expect(describeGcWindow(readGcWindow(jsTailResult))).toBe(
      'The JavaScript window had the higher tail on this run: p99.9 was 54.7 ms against 5.40 ms for the Rust window (10×), ' +
        'and p99 3.20 ms against 2.20 ms (1.5×). Their medians were 1.00 ms and 0.70 ms (1.4×): the gap is wider at the tail ' +
        'than at the median, the pattern that a collector leaves when its work lands in a few batches.',
    );
  });

  it('says when the gap is no wider at the tail than at the median', () => {
    const text = describeGcWindow(readGcWindow(withDistributions({ p50: 4, p90: 5, p99: 7, p999: 8, max: 9 }, flat)));
    expect(text).toMatch(
      /^The JavaScript window had the higher tail on this run: p99\.9 was 8\.00 ms against 2\.00 ms for the Rust window \(4\.0×\)/,
    );
    expect(text).toContain('Their medians were 4.00 ms and 1.00 ms (4.0×): the gap is no wider at the tail than at the median');
  });

  it('turns the ratios round when the Rust window is higher', () => {
    const text = describeGcWindow(readGcWindow(withDistributions(flat, { ...flat, p999: 9, max: 12 })));
    expect(text).toMatch(
      /^The Rust window had the higher tail on this run: p99\.9 was 9\.00 ms against 2\.00 ms for the JavaScript window \(4\.5×\)/,
    );
  });

  it('says "no clear difference" with the thresholds it used, and writes times below a step as such', () => {
    const zero = { p50: 0, p90: 0, p99: 0, p999: 0.1, max: 0.1 };
    expect(describeGcWindow(readGcWindow(withDistributions(zero, { ...zero, p999: 0 })))).toBe(
      'No clear difference on this machine: p99.9 was 0.10 ms for the JavaScript window and < 0.10 ms for the Rust window, ' +
        "within 1.5× of each other or 3 clock steps (0.10 ms each). The collector's work did not stand out of the noise on this run.",
    );
  });
});
