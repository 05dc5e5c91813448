// Finished runs for the reading, chart, check and storage tests.
import type { Distribution } from './batch-percentiles.ts';
import type { GcWindowResult, Variant, VariantResult } from './gc-window-protocol.ts';

/** A variant's result with these percentiles (ms); the curve runs through them. */
export function variantResult(variant: Variant, distribution: Omit<Distribution, 'count'>): VariantResult {
  const rust = variant === 'rustWasm';
  return {
    variant,
    distribution: { count: 2000, ...distribution },
    curve: [
      { percentile: 0, ms: distribution.p50 / 2 },
      { percentile: 50, ms: distribution.p50 },
      { percentile: 90, ms: distribution.p90 },
      { percentile: 99, ms: distribution.p99 },
      { percentile: 99.9, ms: distribution.p999 },
      { percentile: 99.95, ms: distribution.max },
    ],
    timedMs: 2000 * distribution.p50,
    totals: { samples: 1_000_000, keys: 10_000, sum: 1_001_005_657, evicted: 34_422_208 },
    checksum: 862_017_112,
    memory: {
      jsHeapBefore: null,
      jsHeapAfter: null,
      liveObjects: rust ? 1 : 1_010_000,
      wasmBefore: rust ? 1_114_112 : null,
      wasmAfter: rust ? 18_284_544 : null,
      rustHeapBytes: rust ? 16_908_288 : null,
    },
    clockResolutionMs: 0.1,
  };
}

/** A run in which the JavaScript window's tail is ten times the Rust window's, and its median 1.4 times. */
export const jsTailResult: GcWindowResult = {
  measuredAt: '2026-11-23T06:23:00.000Z',
  workload: { window: 1_000_000, keys: 10_000, batch: 16_384, warmup: 100, batches: 2000, seed: 42 },
  clockResolutionMs: 0.1,
  crossOriginIsolated: false,
  variants: {
    jsObjects: variantResult('jsObjects', { p50: 1, p90: 1.7, p99: 3.2, p999: 54.7, max: 75.6 }),
    rustWasm: variantResult('rustWasm', { p50: 0.7, p90: 1, p99: 2.2, p999: 5.4, max: 7 }),
  },
};

/** The same run with other percentiles for each window. */
export function withDistributions(
  js: Omit<Distribution, 'count'>,
  rust: Omit<Distribution, 'count'>,
  clockResolutionMs = 0.1,
): GcWindowResult {
  return {
    ...jsTailResult,
    clockResolutionMs,
    variants: { jsObjects: variantResult('jsObjects', js), rustWasm: variantResult('rustWasm', rust) },
  };
}
