// A Float32Array view of memory that Rust owns inside wasm memory, made again whenever the memory has
// grown. Growing detaches the ArrayBuffer that memory.buffer returned before: every view over it then
// has length 0. wasm-bindgen's glue does the same for its cached views (getFloat32ArrayMemory0 in
// kernels/pkg/hybrid_kernels.js makes its view again when the old one has byteLength 0).

/**
 * Returns a function that gives a view of `length` f32 values at byte offset `ptr` of `memory`: the
 * same view while memory.buffer is the same ArrayBuffer, a new one over the new buffer after any call
 * that grew the memory. Call it again after every call into Rust that may allocate.
 */
export function liveFloat32View(memory: WebAssembly.Memory, ptr: number, length: number): () => Float32Array {
  let view = new Float32Array(memory.buffer, ptr, length);
  return () => {
    if (view.buffer !== memory.buffer) view = new Float32Array(memory.buffer, ptr, length);
    return view;
  };
}
