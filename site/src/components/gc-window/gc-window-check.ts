// Both windows were fed the same batches: they must end with the same totals and have read back the
// same per-key totals along the way. A difference is an error the page shows, never a footnote.
import { formatCount } from '../batch-sweep/sweep-format.ts';
import { VARIANT_LABELS, type VariantResult } from './gc-window-protocol.ts';

function describeEnd(result: VariantResult): string {
  const { samples, keys, sum, evicted } = result.totals;
  return (
    `${VARIANT_LABELS[result.variant]} ended with ${formatCount(samples)} samples, ${formatCount(keys)} keys, ` +
    `a sum of ${formatCount(sum)}, ${formatCount(evicted)} evicted and a read-back checksum of ${formatCount(result.checksum)}`
  );
}

/** Null when the two windows agree; otherwise a message that says what each ended with. */
export function windowsDisagree(a: VariantResult, b: VariantResult): string | null {
  const same =
    a.totals.samples === b.totals.samples &&
    a.totals.keys === b.totals.keys &&
    a.totals.sum === b.totals.sum &&
    a.totals.evicted === b.totals.evicted &&
    a.checksum === b.checksum;
  if (same) return null;
  return (
    `The two windows disagree, so their times are not shown: ${describeEnd(a)}; ${describeEnd(b)}. ` +
    'Both were fed the same batches, so one of them computed something else.'
  );
}
