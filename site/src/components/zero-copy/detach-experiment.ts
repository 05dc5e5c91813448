// The detach experiment: a view of a vector Rust owns, made before Rust allocates enough to grow the
// memory, read again after the grow, beside a view made afresh from memory.buffer.
import type { DetachResult } from './zero-copy-protocol.ts';

/** A vector in wasm memory: where it starts (a byte offset) and how many f32 values it holds. */
export interface WasmVectorLike {
  ptr(): number;
  len(): number;
}

/** Something Rust allocated, freed when the experiment is over. */
export interface Freeable {
  free(): void;
}

/**
 * Writes 1, 2, 3… into `vector` through a view, asks `allocate` for more bytes than the whole memory
 * has (so the allocator must grow it), and reports what the old view and a fresh one read then.
 * Nothing in the result is assumed: a memory that did not grow would show its old view intact.
 */
export function observeDetach(memory: WebAssembly.Memory, vector: WasmVectorLike, allocate: (bytes: number) => Freeable): DetachResult {
  const elements = vector.len();
  const oldView = new Float32Array(memory.buffer, vector.ptr(), elements);
  for (let i = 0; i < elements; i += 1) oldView[i] = i + 1;
  const memoryBytesBefore = memory.buffer.byteLength;
  const oldViewLengthBefore = oldView.length;
  const allocatedBytes = memoryBytesBefore;
  const large = allocate(allocatedBytes);
  try {
    const freshView = new Float32Array(memory.buffer, vector.ptr(), elements);
    return {
      elements,
      allocatedBytes,
      memoryBytesBefore,
      memoryBytesAfter: memory.buffer.byteLength,
      oldViewLengthBefore,
      oldViewLengthAfter: oldView.length,
      oldBufferBytesAfter: oldView.buffer.byteLength,
      freshViewLength: freshView.length,
      valuesKept: freshView.every((value, i) => value === i + 1),
    };
  } finally {
    large.free();
  }
}
