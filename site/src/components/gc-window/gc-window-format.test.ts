import { describe, expect, it } from 'vitest';
import { describeClock, formatMs, memoryFacts } from './gc-window-format.ts';
import { variantResult } from './gc-window-result.fixture.ts';

const times = { p50: 1, p90: 2, p99: 3, p999: 4, max: 5 };

describe('formatMs', () => {
  it("writes two or three significant digits, and a time below the clock's step as such", () => {
    expect(formatMs(0.454, 0.005)).toBe('0.45');
    expect(formatMs(57.66, 0.1)).toBe('57.7');
    expect(formatMs(1234.4, 0.1)).toBe('1,234');
    expect(formatMs(0.1, 0.1)).toBe('0.10');
    expect(formatMs(0, 0.1)).toBe('< 0.10');
  });
});

describe('memoryFacts', () => {
  it('says which figures a window has no use for, and that a worker has no heap size to read', () => {
    expect(memoryFacts(variantResult('jsObjects', times))).toEqual({
      jsHeap: 'not available in a worker',
      liveObjects: '1,010,000',
      wasm: 'not used',
      rustHeap: 'not used',
    });
    expect(memoryFacts(variantResult('rustWasm', times))).toEqual({
      jsHeap: 'not available in a worker',
      liveObjects: '1 (the wrapper)',
      wasm: '1.1 MiB → 17 MiB',
      rustHeap: '16 MiB',
    });
  });

  it('shows the heap before and after where the browser gave it', () => {
    const result = variantResult('jsObjects', times);
    result.memory.jsHeapBefore = 2 * 1024 * 1024;
    result.memory.jsHeapAfter = 90 * 1024 * 1024;
    expect(memoryFacts(result).jsHeap).toBe('2.0 MiB → 90 MiB');
  });
});

describe('describeClock', () => {
  it("gives the clock's step and what cross-origin isolation means for it", () => {
    expect(describeClock({ clockResolutionMs: 0.09999999403953552, crossOriginIsolated: false })).toBe(
      'performance.now() advanced in steps of 0.10 ms in the workers of this run. The page is not cross-origin isolated ' +
        '(crossOriginIsolated is false), and browsers coarsen the clock of such pages: a batch time is a whole number of steps, ' +
        'and one below a step reads as zero.',
    );
    expect(describeClock({ clockResolutionMs: 0.005, crossOriginIsolated: true })).toBe(
      'performance.now() advanced in steps of 0.0050 ms in the workers of this run. The page is cross-origin isolated, ' +
        'which lets the browser give it a finer clock than other pages get.',
    );
  });
});
