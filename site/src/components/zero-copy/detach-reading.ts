// What the detach experiment showed, in sentences built from the values it read.
import { formatCount } from '../batch-sweep/sweep-format.ts';
import { formatBytes } from '../lesson-editor/run-messages.ts';
import type { DetachResult } from './zero-copy-protocol.ts';

/** The table's rows: what each fact is, and its value in the result. */
export const DETACH_ROWS = [
  { fact: 'memory', label: 'memory.buffer.byteLength, before → after' },
  { fact: 'oldBefore', label: 'Old view: length before the grow' },
  { fact: 'oldAfter', label: 'Old view: length after the grow' },
  { fact: 'oldBuffer', label: 'Old view: buffer.byteLength after the grow' },
  { fact: 'fresh', label: 'New view from memory.buffer: length' },
  { fact: 'kept', label: 'New view reads the values written before' },
] as const;

/** One of DETACH_ROWS' facts. */
export type DetachFact = (typeof DETACH_ROWS)[number]['fact'];

/** The table's cells for one result. */
export function detachFacts(result: DetachResult): Record<DetachFact, string> {
  return {
    memory: `${formatBytes(result.memoryBytesBefore)} → ${formatBytes(result.memoryBytesAfter)}`,
    oldBefore: formatCount(result.oldViewLengthBefore),
    oldAfter: formatCount(result.oldViewLengthAfter),
    oldBuffer: formatCount(result.oldBufferBytesAfter),
    fresh: formatCount(result.freshViewLength),
    kept: result.valuesKept ? 'yes' : 'no',
  };
}

/** What the values say: the old view detached and the new one whole, or (if the memory did not grow) that nothing happened. */
export function describeDetach(result: DetachResult): string {
  const asked = `Rust was asked for ${formatBytes(result.allocatedBytes)}`;
  if (result.memoryBytesAfter === result.memoryBytesBefore) {
    return `${asked}, and the memory did not grow (it stayed at ${formatBytes(result.memoryBytesBefore)}), so the old view still reads ${formatCount(result.oldViewLengthAfter)} values.`;
  }
  const grew = `${asked}, and the memory grew from ${formatBytes(result.memoryBytesBefore)} to ${formatBytes(result.memoryBytesAfter)}.`;
  const old =
    result.oldViewLengthAfter === 0
      ? `The view made before the grow now has length 0: the ArrayBuffer under it was detached (byteLength ${formatCount(result.oldBufferBytesAfter)}), so reading it gives undefined and writing to it does nothing.`
      : `The view made before the grow still has length ${formatCount(result.oldViewLengthAfter)}: this browser did not detach its buffer.`;
  const fresh = `A view made again from memory.buffer has all ${formatCount(result.freshViewLength)} values, ${
    result.valuesKept
      ? 'and they are the ones written before the grow: the data stayed where it was; only the old view lost it.'
      : 'but they are not the values written before the grow.'
  }`;
  return `${grew} ${old} ${fresh}`;
}
