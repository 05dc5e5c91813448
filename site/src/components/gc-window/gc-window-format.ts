// How the GC window demo writes its numbers: batch times, the table's rows and the memory figures.

import { formatCount, formatNs } from '../batch-sweep/sweep-format.ts';
import { formatBytes } from '../lesson-editor/run-messages.ts';
import type { Distribution } from './batch-percentiles.ts';
import type { GcWindowResult, VariantResult } from './gc-window-protocol.ts';

/**
 * A batch time in ms with two or three significant digits (the sweep's rule: 0.454, 2.15, 57.7, 1,234),
 * or "< step" when it is below one step of the clock that measured it, where the clock read no time.
 */
export function formatMs(ms: number, clockResolutionMs: number): string {
  if (ms < clockResolutionMs) return `< ${formatNs(clockResolutionMs)}`;
  return formatNs(ms);
}

/** The percentile table's rows: which number of a Distribution each shows, and its heading. */
export const PERCENTILE_ROWS: readonly { stat: keyof Omit<Distribution, 'count'>; label: string }[] = [
  { stat: 'p50', label: 'p50 (median)' },
  { stat: 'p90', label: 'p90' },
  { stat: 'p99', label: 'p99' },
  { stat: 'p999', label: 'p99.9' },
  { stat: 'max', label: 'max' },
];

/** The memory table's rows, with their headings. */
export const MEMORY_ROWS = [
  { fact: 'jsHeap', label: 'JS heap used, before → after (performance.memory)' },
  { fact: 'liveObjects', label: 'Objects the window keeps in the JS heap' },
  { fact: 'wasm', label: 'wasm memory, before → after (memory.buffer.byteLength)' },
  { fact: 'rustHeap', label: "Rust window's own estimate of its heap (heap_bytes)" },
] as const;

/** One of MEMORY_ROWS' facts. */
export type MemoryFact = (typeof MEMORY_ROWS)[number]['fact'];

/** "before → after" in binary units, or what stands in for a number the browser does not give. */
function beforeAfter(before: number | null, after: number | null, absent: string): string {
  if (before === null || after === null) return absent;
  return `${formatBytes(before)} → ${formatBytes(after)}`;
}

/** The memory table's cells of one variant. */
export function memoryFacts(result: VariantResult): Record<MemoryFact, string> {
  const { memory } = result;
  const rust = result.variant === 'rustWasm';
  return {
    jsHeap: beforeAfter(memory.jsHeapBefore, memory.jsHeapAfter, 'not available in a worker'),
    liveObjects: rust ? `${formatCount(memory.liveObjects)} (the wrapper)` : formatCount(memory.liveObjects),
    wasm: rust ? beforeAfter(memory.wasmBefore, memory.wasmAfter, 'not measured') : 'not used',
    rustHeap: memory.rustHeapBytes === null ? 'not used' : formatBytes(memory.rustHeapBytes),
  };
}

/** What the page says about the clock a run had: its step, and whether the page was cross-origin isolated. */
export function describeClock(result: Pick<GcWindowResult, 'clockResolutionMs' | 'crossOriginIsolated'>): string {
  const step = `performance.now() advanced in steps of ${formatNs(result.clockResolutionMs)} ms in the workers of this run`;
  return result.crossOriginIsolated
    ? `${step}. The page is cross-origin isolated, which lets the browser give it a finer clock than other pages get.`
    : `${step}. The page is not cross-origin isolated (crossOriginIsolated is false), and browsers coarsen the clock of such pages: ` +
        'a batch time is a whole number of steps, and one below a step reads as zero.';
}
