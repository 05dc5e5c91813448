// The scenario lesson 04's demo runs on each build, written against the kernels' exports so that the
// unit test runs it on the real wasm builds in Node, exactly as the worker does in the page.
import type { CallOutcome, ScenarioResult } from './wasm-panic-protocol.ts';

/** What the scenario needs of a kernels build: its OrderLedger and the panic hook's message. */
export interface LedgerKernel {
  OrderLedger: new () => {
    add_batch(batch: string): number;
    batches(): number;
    lines_accepted(): number;
    lines_counted(): number;
  };
  last_panic_message(): string;
}

/** Three good batches (two lines each) that the ledger accepts. */
export const GOOD_BATCHES = ['a-1,2,150\na-2,1,990\n', 'b-1,3,100\nb-2,1,25\n', 'c-1,1,5000\nc-2,4,75\n'] as const;

/**
 * A batch whose third line has a discount: lesson 04's parser reads `fields[n]` for it, one past the
 * end of its four fields, and panics after counting the two lines before it.
 */
export const PANIC_BATCH = 'd-1,2,300\nd-2,1,80\nd-3,1,1000,10\n';

/** A good batch for the call after the panic. */
export const AFTER_BATCH = 'e-1,1,420\n';

/** Calls `fn` and says what happened, keeping a thrown error's name and message (a trap's too). */
export function attempt(fn: () => unknown): CallOutcome {
  try {
    return { ok: true, value: String(fn()) };
  } catch (error) {
    return error instanceof Error
      ? { ok: false, name: error.name, message: error.message }
      : { ok: false, name: typeof error, message: String(error) };
  }
}

/** Runs the scenario on a fresh ledger: good batches, the panicking batch, then the same ledger again. */
export function runScenario(kernel: LedgerKernel): ScenarioResult {
  const ledger = new kernel.OrderLedger();
  let goodLines = 0;
  for (const batch of GOOD_BATCHES) goodLines += ledger.add_batch(batch);
  const panicCall = attempt(() => ledger.add_batch(PANIC_BATCH));
  const hookMessage = attempt(() => kernel.last_panic_message());
  const nextCall = attempt(() => ledger.add_batch(AFTER_BATCH));
  let linesAccepted: number | null = null;
  let linesCounted: number | null = null;
  const counts = attempt(() => {
    linesAccepted = ledger.lines_accepted();
    linesCounted = ledger.lines_counted();
    return `${linesAccepted}/${linesCounted}`;
  });
  return { goodLines, panicCall, hookMessage, nextCall, counts, linesAccepted, linesCounted };
}

/** A good batch of `lines` lines for timing calls. */
export function timingBatch(lines: number): string {
  let text = '';
  for (let i = 0; i < lines; i += 1) text += `t-${i},${1 + (i % 7)},${100 + ((i * 37) % 900)}\n`;
  return text;
}

/** Median of `samples` timings of one `add_batch(batch)` on a fresh ledger, in ns; each sample repeats the call `repeat` times. */
export function medianCallNs(kernel: LedgerKernel, batch: string, samples: number, repeat: number, now: () => number): number {
  const ledger = new kernel.OrderLedger();
  ledger.add_batch(batch);
  const times: number[] = [];
  for (let s = 0; s < samples; s += 1) {
    const start = now();
    for (let r = 0; r < repeat; r += 1) ledger.add_batch(batch);
    times.push(((now() - start) * 1e6) / repeat);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? (times[mid] as number) : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}
