// Both ways run the same kernel on the same input: their results must agree to the bit, values and
// norm. A difference is an error the page shows, and no time is shown for that size.
import { formatVectorSize } from './zero-copy-format.ts';

/** The bits of an f32, as 8 hex digits. */
function f32Bits(value: number): string {
  const bits = new Uint32Array(new Float32Array([value]).buffer)[0] as number;
  return `0x${bits.toString(16).padStart(8, '0')}`;
}

/** One way's result: the normalised vector and the norm the kernel returned. */
export interface KernelOutput {
  values: Float32Array;
  norm: number;
}

/**
 * Null when the two results are the same to the bit; otherwise a message that says where they first
 * differ. Values are compared as bit patterns, so -0 differs from 0 and NaN is equal to the same NaN.
 */
export function resultsDiffer(bytes: number, copied: KernelOutput, inPlace: KernelOutput): string | null {
  const at = formatVectorSize(bytes);
  const why = 'Both ran the same kernel on the same input, so one of them was handed something else.';
  if (copied.values.length !== inPlace.values.length) {
    return `At ${at} the two ways returned ${copied.values.length} and ${inPlace.values.length} values. ${why}`;
  }
  if (!Object.is(copied.norm, inPlace.norm)) {
    return `At ${at} the two ways computed different norms: ${copied.norm} copied, ${inPlace.norm} in place. ${why}`;
  }
  const a = new Uint32Array(copied.values.buffer, copied.values.byteOffset, copied.values.length);
  const b = new Uint32Array(inPlace.values.buffer, inPlace.values.byteOffset, inPlace.values.length);
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) {
      const [x, y] = [copied.values[i] as number, inPlace.values[i] as number];
      return `At ${at} the two ways disagree at element ${i}: ${x} (${f32Bits(x)}) copied, ${y} (${f32Bits(y)}) in place. ${why}`;
    }
  }
  return null;
}
