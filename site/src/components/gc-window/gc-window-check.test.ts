import { describe, expect, it } from 'vitest';
import { windowsDisagree } from './gc-window-check.ts';
import { jsTailResult } from './gc-window-result.fixture.ts';

const { jsObjects, rustWasm } = jsTailResult.variants;

describe('windowsDisagree', () => {
  it('is null when both windows end with the same totals and checksum', () => {
    expect(windowsDisagree(jsObjects, rustWasm)).toBeNull();
  });

  it('says what each window ended with when a total or the checksum differs', () => {
    const off = { ...rustWasm, totals: { ...rustWasm.totals, sum: rustWasm.totals.sum + 1 } };
    expect(windowsDisagree(jsObjects, off)).toBe(
      'The two windows disagree, so their times are not shown: JavaScript objects ended with 1,000,000 samples, 10,000 keys, ' +
        'a sum of 1,001,005,657, 34,422,208 evicted and a read-back checksum of 862,017,112; Rust in wasm memory ended with ' +
        '1,000,000 samples, 10,000 keys, a sum of 1,001,005,658, 34,422,208 evicted and a read-back checksum of 862,017,112. ' +
        'Both were fed the same batches, so one of them computed something else.',
    );
    expect(windowsDisagree(jsObjects, { ...rustWasm, checksum: 1 })).toMatch(/^The two windows disagree/);
    expect(windowsDisagree({ ...jsObjects, totals: { ...jsObjects.totals, keys: 9 } }, rustWasm)).not.toBeNull();
  });
});
