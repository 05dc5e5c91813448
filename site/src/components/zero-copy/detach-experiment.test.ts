import { describe, expect, it } from 'vitest';
import { observeDetach } from './detach-experiment.ts';

const PAGE = 65_536;

describe('the detach experiment', () => {
  it('reports the old view detached and a fresh one whole when the allocation grows the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 2 });
    const asked: number[] = [];
    const freed: number[] = [];
    const result = observeDetach(memory, { ptr: () => 128, len: () => 256 }, (bytes) => {
      asked.push(bytes);
      memory.grow(Math.ceil(bytes / PAGE));
      return { free: () => void freed.push(bytes) };
    });
    expect(asked).toEqual([2 * PAGE]);
    expect(freed).toEqual([2 * PAGE]);
    expect(result).toEqual({
      elements: 256,
      allocatedBytes: 2 * PAGE,
      memoryBytesBefore: 2 * PAGE,
      memoryBytesAfter: 4 * PAGE,
      oldViewLengthBefore: 256,
      oldViewLengthAfter: 0,
      oldBufferBytesAfter: 0,
      freshViewLength: 256,
      valuesKept: true,
    });
  });

  it('reports the old view intact when the allocation did not grow the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const result = observeDetach(memory, { ptr: () => 0, len: () => 8 }, () => ({ free: () => undefined }));
    expect(result).toMatchObject({ memoryBytesAfter: PAGE, oldViewLengthAfter: 8, oldBufferBytesAfter: PAGE, valuesKept: true });
  });
});
