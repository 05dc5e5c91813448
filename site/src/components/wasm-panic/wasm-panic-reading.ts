// The demo's table cells and its one-paragraph reading, computed from what the workers saw: nothing
// here assumes how a build behaves, so a browser that does otherwise is shown as it is.
import { formatCount } from '../batch-sweep/sweep-format.ts';
import { BUILDS, type CallOutcome, type PanicBuild, type WasmPanicResult } from './wasm-panic-protocol.ts';

/** The table's rows, in order: what the page did, then one cell per build. */
export const ROWS = [
  { row: 'panic', label: 'A batch whose third line has a discount' },
  { row: 'hook', label: 'The panic hook’s message, read afterwards' },
  { row: 'next', label: 'A good batch, on the same ledger' },
  { row: 'counts', label: 'That ledger’s lines: accepted / counted' },
  { row: 'recovery', label: 'Recovery' },
  { row: 'size', label: 'Size of the .wasm file' },
  { row: 'call', label: 'One good batch of 100 lines (median)' },
] as const;

/** One of the rows' ids. */
export type RowId = (typeof ROWS)[number]['row'];

/** A call's outcome as a cell: the value, or the error's name and message as JavaScript saw them. */
export function describeOutcome(outcome: CallOutcome): string {
  return outcome.ok ? `returned ${outcome.value}` : `threw ${outcome.name}: ${outcome.message}`;
}

/** Lines the ledger counted that no accepted batch holds, or null when its counts could not be read. */
export function phantomLines(result: WasmPanicResult, build: PanicBuild): number | null {
  const { linesAccepted, linesCounted } = result.runs[build].scenario;
  return linesAccepted === null || linesCounted === null ? null : linesCounted - linesAccepted;
}

/** Whether the panicking call trapped (the `unreachable` RuntimeError) rather than throwing a catchable error. */
export function trapped(outcome: CallOutcome): boolean {
  return !outcome.ok && outcome.name === 'RuntimeError';
}

function countsCell(result: WasmPanicResult, build: PanicBuild): string {
  const { counts, linesAccepted, linesCounted } = result.runs[build].scenario;
  if (!counts.ok || linesAccepted === null || linesCounted === null) return `could not be read: ${describeOutcome(counts)}`;
  const phantom = linesCounted - linesAccepted;
  return `${formatCount(linesAccepted)} / ${formatCount(linesCounted)}${phantom === 0 ? ' (they agree)' : `: ${formatCount(phantom)} counted from a batch never accepted`}`;
}

function recoveryCell(result: WasmPanicResult, build: PanicBuild): string {
  const panicCall = result.runs[build].scenario.panicCall;
  if (trapped(panicCall)) {
    return `a new worker with a new instance, ready in ${result.recoveryMs.toFixed(0)} ms; its ledger starts with ${formatCount(result.recoveredBatches)} batches`;
  }
  return panicCall.ok ? 'nothing happened to recover from' : 'none needed to keep calling; the ledger’s counts are another matter';
}

/** Every cell of the table, by row and build. */
export function tableCells(result: WasmPanicResult): Record<RowId, Record<PanicBuild, string>> {
  const cells = {} as Record<RowId, Record<PanicBuild, string>>;
  for (const { row } of ROWS) cells[row] = { abort: '', unwind: '' };
  for (const build of BUILDS) {
    const run = result.runs[build];
    cells.panic[build] = describeOutcome(run.scenario.panicCall);
    cells.hook[build] = run.scenario.hookMessage.ok ? `“${run.scenario.hookMessage.value}”` : describeOutcome(run.scenario.hookMessage);
    cells.next[build] = describeOutcome(run.scenario.nextCall);
    cells.counts[build] = countsCell(result, build);
    cells.recovery[build] = recoveryCell(result, build);
    cells.size[build] = `${formatCount(run.wasmBytes)} bytes`;
    cells.call[build] = `${formatCount(Math.round(run.callNs))} ns`;
  }
  return cells;
}

/** Below this difference in call time, the reading says there is no clear one: a browser's timings vary by more. */
export const CALL_NOISE = 0.15;

/** The reading: what the two builds did with the same panic, and what the unwind build cost, from this run. */
export function readWasmPanic(result: WasmPanicResult): string {
  const { abort, unwind } = result.runs;
  const parts: string[] = [];
  if (trapped(abort.scenario.panicCall)) {
    const next = abort.scenario.nextCall;
    parts.push(
      `With panic=abort the panic reached JavaScript as a trap (${describeOutcome(abort.scenario.panicCall).replace(/^threw /, '')}), ` +
        `and ${next.ok ? 'the next call on the same ledger still returned, which no one should trust' : `the next call on the same ledger failed too (${next.name})`}; ` +
        `a new instance was ready in ${result.recoveryMs.toFixed(0)} ms, with none of the old state.`,
    );
  } else {
    parts.push(`The panic=abort build did not trap here (${describeOutcome(abort.scenario.panicCall)}).`);
  }
  const phantom = phantomLines(result, 'unwind');
  if (!unwind.scenario.panicCall.ok && !trapped(unwind.scenario.panicCall)) {
    parts.push(
      `With panic=unwind it arrived as ${unwind.scenario.panicCall.name}, a JavaScript error with the panic’s message, and the ledger kept answering` +
        (phantom
          ? `, but it now counts ${formatCount(phantom)} ${phantom === 1 ? 'line' : 'lines'} that no accepted batch holds: unwinding is not rollback.`
          : '.'),
    );
  } else {
    parts.push(`The panic=unwind build did not catch the panic here (${describeOutcome(unwind.scenario.panicCall)}).`);
  }
  const sizeRatio = unwind.wasmBytes / abort.wasmBytes;
  const callRatio = unwind.callNs / abort.callNs;
  const callText =
    Math.abs(callRatio - 1) < CALL_NOISE
      ? 'there was no clear difference in the time of a call'
      : `a call took ${callRatio.toFixed(2)} times as long as with panic=abort`;
  const sizeText = sizeRatio >= 1 ? `${((sizeRatio - 1) * 100).toFixed(0)}% larger` : `${((1 - sizeRatio) * 100).toFixed(0)}% smaller`;
  parts.push(`The unwind build is ${sizeText}, and in this run ${callText}.`);
  return parts.join(' ');
}
