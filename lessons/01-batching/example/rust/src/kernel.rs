//! The hot-path arithmetic of the batching lesson, in plain Rust.
//!
//! This one file is compiled three ways: into the lesson's staticlib that Go
//! calls through cgo, into the `kernels` crate that wasm-pack turns into the
//! browser demo, and natively for `cargo test`. It has no FFI and no unsafe
//! code; each caller adds its own thin boundary layer.

/// Number of independent accumulators in [`dot`]. Separate sums let the
/// compiler keep several additions in flight instead of waiting on one long
/// dependency chain, and put them in vector registers. How many registers
/// depends on the target: the default x86-64 target has only 128-bit SSE
/// registers (four f32 each), so the eight sums take two or more of them;
/// wasm with simd128 (the browser demo's build) has two 4-lane `v128`
/// vectors; a build with AVX (`-C target-cpu=native` on a recent x86-64) fits
/// all eight in one 256-bit register.
pub const LANES: usize = 8;

/// One step of a dot product: the work a per-element call does.
///
/// Plain multiply-then-add, not `f32::mul_add`: neither baseline x86-64 nor
/// wasm32 has a fused multiply-add instruction, so `mul_add` would become a
/// call into a software routine and the kernel would measure that instead.
#[inline]
pub fn dot_step(acc: f32, a: f32, b: f32) -> f32 {
    acc + a * b
}

/// Dot product of the common prefix of `a` and `b`.
///
/// Sums in `LANES` interleaved accumulators, then the tail. The result can
/// differ from a left-to-right sum in the last bits, because float addition
/// is not associative; tests compare against an f64 reference instead.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut sums = [0.0f32; LANES];
    let mut a_chunks = a.chunks_exact(LANES);
    let mut b_chunks = b.chunks_exact(LANES);
    for (ca, cb) in (&mut a_chunks).zip(&mut b_chunks) {
        for lane in 0..LANES {
            sums[lane] = dot_step(sums[lane], ca[lane], cb[lane]);
        }
    }
    let mut tail = 0.0f32;
    for (x, y) in a_chunks.remainder().iter().zip(b_chunks.remainder()) {
        tail = dot_step(tail, *x, *y);
    }
    sums.iter().sum::<f32>() + tail
}

/// Cosine similarity of the common prefix of `a` and `b`, in [-1, 1].
///
/// Returns 0.0 when either vector has zero length (no direction to compare),
/// rather than NaN, so a caller can rank results without special cases.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let norms = dot(a, a) * dot(b, b);
    if norms == 0.0 {
        return 0.0;
    }
    (dot(a, b) / norms.sqrt()).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference_dot(a: &[f32], b: &[f32]) -> f64 {
        a.iter().zip(b).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum()
    }

    fn ramp(n: usize, scale: f32) -> Vec<f32> {
        (0..n).map(|i| ((i % 17) as f32 - 8.0) * scale).collect()
    }

    #[test]
    fn empty_input_gives_zero() {
        assert_eq!(dot(&[], &[]), 0.0);
        assert_eq!(cosine(&[], &[]), 0.0);
    }

    #[test]
    fn lengths_around_the_lane_width_match_the_reference() {
        for n in [1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 1000, 1023, 4097] {
            let (a, b) = (ramp(n, 0.5), ramp(n + 3, 0.25));
            let got = f64::from(dot(&a, &b[..n]));
            let want = reference_dot(&a, &b[..n]);
            assert!((got - want).abs() <= 1e-4 * want.abs().max(1.0), "n={n}: {got} vs {want}");
        }
    }

    #[test]
    fn dot_uses_the_common_prefix_of_unequal_slices() {
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, 5.0]), 14.0);
    }

    #[test]
    fn per_element_steps_add_up_to_the_batched_dot() {
        let (a, b) = (ramp(100, 1.0), ramp(100, 2.0));
        let stepped = a.iter().zip(&b).fold(0.0, |acc, (x, y)| dot_step(acc, *x, *y));
        assert!((stepped - dot(&a, &b)).abs() < 1e-3);
    }

    #[test]
    fn cosine_of_parallel_opposite_and_orthogonal_vectors() {
        let a = [1.0, 2.0, 3.0];
        assert!((cosine(&a, &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-6);
        assert!((cosine(&a, &[-1.0, -2.0, -3.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[1.0, 0.0], &[0.0, 5.0]), 0.0);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 1.0]), 0.0);
    }
}
