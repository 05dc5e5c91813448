// The lesson's kernel algorithm written in plain JavaScript, so the demo's "plain JS" baseline
// runs the same arithmetic as the Rust kernel (lessons/01-batching/example/rust/src/kernel.rs):
// eight f32 accumulators over interleaved elements, then the tail, every step rounded to f32 with
// Math.fround. The gap to the wasm kernel is then the compilers', not two different algorithms'.

/** Accumulators of the Rust kernel's `dot` (its LANES). */
export const JS_LANES = 8;

/** Dot product of a[start..start+length] and b[start..start+length] as the Rust kernel computes it, in f32. */
export function jsDot(a: Float32Array, b: Float32Array, start: number, length: number): number {
  const f = Math.fround;
  // Eight locals rather than an array: the loop stays as tight as the engine can make it.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  const end = start + length;
  const chunksEnd = start + length - (length % JS_LANES);
  let i = start;
  for (; i < chunksEnd; i += JS_LANES) {
    // A product of two f32 values is exact in f64, so fround gives the f32 product Rust computes.
    s0 = f(s0 + f((a[i] as number) * (b[i] as number)));
    s1 = f(s1 + f((a[i + 1] as number) * (b[i + 1] as number)));
    s2 = f(s2 + f((a[i + 2] as number) * (b[i + 2] as number)));
    s3 = f(s3 + f((a[i + 3] as number) * (b[i + 3] as number)));
    s4 = f(s4 + f((a[i + 4] as number) * (b[i + 4] as number)));
    s5 = f(s5 + f((a[i + 5] as number) * (b[i + 5] as number)));
    s6 = f(s6 + f((a[i + 6] as number) * (b[i + 6] as number)));
    s7 = f(s7 + f((a[i + 7] as number) * (b[i + 7] as number)));
  }
  let tail = 0;
  for (; i < end; i += 1) tail = f(tail + f((a[i] as number) * (b[i] as number)));
  // `sums.iter().sum::<f32>()`: the lanes left to right, then the tail.
  const lanes = f(f(f(f(f(f(f(s0 + s1) + s2) + s3) + s4) + s5) + s6) + s7);
  return f(lanes + tail);
}
