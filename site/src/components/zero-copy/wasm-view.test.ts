import { describe, expect, it } from 'vitest';
import { liveFloat32View } from './wasm-view.ts';

describe('a view of wasm memory', () => {
  it('reads length 0 once the memory has grown, and a live view is made again over the new buffer', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const view = liveFloat32View(memory, 64, 16);
    const before = view();
    before[3] = 42;
    expect(view()).toBe(before);
    memory.grow(1);
    expect(before.length).toBe(0);
    expect(before.buffer.byteLength).toBe(0);
    const after = view();
    expect(after).not.toBe(before);
    expect(after.buffer).toBe(memory.buffer);
    expect([after.length, after.byteOffset, after[3]]).toEqual([16, 64, 42]);
    expect(view()).toBe(after);
  });

  it('is detached even by grow(0)', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const view = liveFloat32View(memory, 0, 4);
    const before = view();
    memory.grow(0);
    expect(before.length).toBe(0);
    expect(view().length).toBe(4);
  });
});
