import { describe, expect, it } from 'vitest';
import {
  copyShare,
  describeSweepClock,
  formatDuration,
  formatGbps,
  formatShare,
  formatVectorSize,
  gigabytesPerSecond,
  sizeCells,
} from './zero-copy-format.ts';
import { VECTOR_BYTES } from './zero-copy-workload.ts';

describe('zero-copy formats', () => {
  it('names every size of the sweep exactly', () => {
    expect(VECTOR_BYTES.map(formatVectorSize)).toEqual([
      '16 B',
      '64 B',
      '256 B',
      '1 KiB',
      '4 KiB',
      '16 KiB',
      '64 KiB',
      '256 KiB',
      '1 MiB',
      '4 MiB',
      '16 MiB',
    ]);
    expect(formatVectorSize(1536)).toBe('1.5 KiB');
  });

  it('writes times in the unit that fits', () => {
    expect([48.21, 3050, 12_400_000].map(formatDuration)).toEqual(['48.2 ns', '3.05 µs', '12.4 ms']);
  });

  it('gives throughput in GB/s and the copies as a share of the copying call', () => {
    expect(gigabytesPerSecond(16_777_216, 4_000_000)).toBeCloseTo(4.194, 3);
    expect([0.10667, 4.3, 16, 123.4].map(formatGbps)).toEqual(['0.107', '4.30', '16.0', '123']);
    expect(copyShare({ bytes: 16, copied: 200, inPlace: 50 })).toBe(0.75);
    expect(copyShare({ bytes: 16, copied: 40, inPlace: 50 })).toBe(0);
    expect([0.384, 0.052, 0].map(formatShare)).toEqual(['38%', '5.2%', '0%']);
  });

  it('states the clock step, the sample length it set, and whether the page was isolated', () => {
    expect(describeSweepClock({ clockResolutionMs: 0.1, minSampleMs: 10, crossOriginIsolated: false })).toBe(
      'performance.now() advanced in steps of 0.10 ms in the worker, so every sample ran for at least 10.0 ms and the step ' +
        'adds at most 1% to a time. The page is not cross-origin isolated (crossOriginIsolated is false), and browsers ' +
        'coarsen the clock of such pages.',
    );
    expect(describeSweepClock({ clockResolutionMs: 0.005, minSampleMs: 10, crossOriginIsolated: true })).toMatch(
      /^performance\.now\(\) advanced in steps of 0\.0050 ms .* The page is cross-origin isolated,/,
    );
  });

  it("fills a size's table cells: ns per call, GB/s and the share", () => {
    expect(sizeCells({ bytes: 4096, copied: 922.4, inPlace: 742 })).toEqual({
      copied: '922',
      inPlace: '742',
      copiedGbps: '4.44',
      inPlaceGbps: '5.52',
      share: '20%',
    });
  });
});
