import { describe, expect, it } from 'vitest';
import { describeDetach, detachFacts } from './detach-reading.ts';
import type { DetachResult } from './zero-copy-protocol.ts';

const grown: DetachResult = {
  elements: 1024,
  allocatedBytes: 1_179_648,
  memoryBytesBefore: 1_179_648,
  memoryBytesAfter: 2_424_832,
  oldViewLengthBefore: 1024,
  oldViewLengthAfter: 0,
  oldBufferBytesAfter: 0,
  freshViewLength: 1024,
  valuesKept: true,
};

describe('the detach experiment on the page', () => {
  it('fills the table from the values read', () => {
    expect(detachFacts(grown)).toEqual({
      memory: '1.1 MiB → 2.3 MiB',
      oldBefore: '1,024',
      oldAfter: '0',
      oldBuffer: '0',
      fresh: '1,024',
      kept: 'yes',
    });
  });

  it('says the old view was detached and the new one is whole', () => {
    expect(describeDetach(grown)).toBe(
      'Rust was asked for 1.1 MiB, and the memory grew from 1.1 MiB to 2.3 MiB. The view made before the grow now has length 0: ' +
        'the ArrayBuffer under it was detached (byteLength 0), so reading it gives undefined and writing to it does nothing. ' +
        'A view made again from memory.buffer has all 1,024 values, and they are the ones written before the grow: the data ' +
        'stayed where it was; only the old view lost it.',
    );
  });

  it('says what it saw when the memory did not grow, or the old view survived, or the values changed', () => {
    expect(describeDetach({ ...grown, memoryBytesAfter: grown.memoryBytesBefore, oldViewLengthAfter: 1024 })).toBe(
      'Rust was asked for 1.1 MiB, and the memory did not grow (it stayed at 1.1 MiB), so the old view still reads 1,024 values.',
    );
    expect(describeDetach({ ...grown, oldViewLengthAfter: 1024, oldBufferBytesAfter: 2_424_832 })).toContain(
      'The view made before the grow still has length 1,024: this browser did not detach its buffer.',
    );
    expect(describeDetach({ ...grown, valuesKept: false })).toContain('but they are not the values written before the grow.');
  });
});
