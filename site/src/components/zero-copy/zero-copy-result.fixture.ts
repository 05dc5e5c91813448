// Finished sweeps for the reading, chart and storage tests.
import type { SizePoint, ZeroCopyResult } from './zero-copy-protocol.ts';

/** Points from [bytes, copied ns, in-place ns] rows. */
export function points(...rows: [number, number, number][]): SizePoint[] {
  return rows.map(([bytes, copied, inPlace]) => ({ bytes, copied, inPlace }));
}

/** A sweep shaped like a run in headless Chromium: the copies dominate small vectors, the kernel large ones. */
export const typicalResult: ZeroCopyResult = {
  measuredAt: '2025-03-01T10:00:00.000Z',
  repeats: 7,
  minSampleMs: 10,
  clockResolutionMs: 0.1,
  crossOriginIsolated: false,
  points: points(
    [16, 210, 22],
    [1024, 420, 150],
    [65_536, 16_000, 8_200],
    [1_048_576, 300_000, 140_000],
    [16_777_216, 6_100_000, 3_900_000],
  ),
};
