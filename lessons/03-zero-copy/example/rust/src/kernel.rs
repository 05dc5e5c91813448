//! The kernel every way of lesson 03 runs: scale a vector of `f32` to unit
//! length (L2 norm 1) in place.
//!
//! Plain Rust, no FFI and no `unsafe`: `lib.rs` (the C boundary that Go
//! calls through cgo) and the server binary (`bin/zcopy-server.rs`) both
//! call these two functions, so every way of handing the vector over runs
//! exactly this code.
//!
//! The result is bit for bit reproducible, and the Go reference in
//! `reference.go` computes the same bits: every square is summed in `f64`
//! into one of `LANES` running sums chosen by the element's index modulo
//! `LANES`, the lanes are added in a fixed tree, and each element is scaled
//! with one `f64` multiplication and one rounding to `f32`. Rust never fuses
//! a multiply and an add unless asked (`mul_add`), and addition order is never
//! changed, so the compiler may vectorise across lanes but not reorder them.

/// Independent running sums. Eight `f64` lanes let the compiler keep four
/// SSE2 registers (or two AVX registers) busy instead of waiting on one long
/// chain of dependent additions.
pub const LANES: usize = 8;

/// The sum of the squares of `v`, in `f64`, summed lane by lane (element `i`
/// goes to lane `i % LANES`), the lanes added pairwise in a fixed order.
pub fn sum_squares(v: &[f32]) -> f64 {
    let mut lanes = [0.0f64; LANES];
    let chunks = v.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (lane, &x) in lanes.iter_mut().zip(chunk) {
            let x = f64::from(x);
            *lane += x * x;
        }
    }
    for (lane, &x) in lanes.iter_mut().zip(rest) {
        let x = f64::from(x);
        *lane += x * x;
    }
    let [a, b, c, d, e, f, g, h] = lanes;
    ((a + b) + (c + d)) + ((e + f) + (g + h))
}

/// Scales `v` in place so that its L2 norm becomes 1 (up to `f32` rounding)
/// and returns the norm it had. A vector whose norm is 0 (all zeros, or
/// empty), infinite or NaN is left as it is: there is no direction to keep.
pub fn normalize(v: &mut [f32]) -> f64 {
    let norm = sum_squares(v).sqrt();
    if norm > 0.0 && norm.is_finite() {
        let inv = 1.0 / norm;
        for x in v.iter_mut() {
            *x = (f64::from(*x) * inv) as f32;
        }
    }
    norm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_3_4_vector_becomes_0_6_0_8() {
        let mut v = [3.0f32, 4.0];
        assert_eq!(normalize(&mut v), 5.0);
        assert_eq!(v, [0.6, 0.8]);
    }

    #[test]
    fn empty_and_zero_vectors_are_left_alone() {
        let mut empty: [f32; 0] = [];
        assert_eq!(normalize(&mut empty), 0.0);
        let mut zeros = [0.0f32; 5];
        assert_eq!(normalize(&mut zeros), 0.0);
        assert_eq!(zeros, [0.0; 5]);
    }

    #[test]
    fn non_finite_norms_leave_the_vector_alone() {
        let mut v = [f32::INFINITY, 1.0];
        assert_eq!(normalize(&mut v), f64::INFINITY);
        assert_eq!(v, [f32::INFINITY, 1.0]);
        let mut v = [f32::NAN, 1.0];
        assert!(normalize(&mut v).is_nan());
        assert_eq!(v[1], 1.0);
    }

    #[test]
    fn lanes_follow_the_index_and_odd_lengths_use_the_remainder() {
        // 11 elements: one full chunk of 8, then 3 in lanes 0..3.
        let v: Vec<f32> = (1..=11).map(|i| i as f32).collect();
        let mut lanes = [0.0f64; LANES];
        for (i, &x) in v.iter().enumerate() {
            lanes[i % LANES] += f64::from(x) * f64::from(x);
        }
        let want = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        assert_eq!(sum_squares(&v).to_bits(), want.to_bits());
        assert_eq!(sum_squares(&v), (1..=11).map(|i| f64::from(i * i)).sum::<f64>());
    }

    #[test]
    fn the_result_has_unit_norm() {
        let mut v: Vec<f32> = (0..1001).map(|i| ((i * 37 % 101) as f32 - 50.0) * 0.25).collect();
        let before = normalize(&mut v);
        assert!(before > 1.0);
        let after = sum_squares(&v).sqrt();
        assert!((after - 1.0).abs() < 1e-6, "norm after: {after}");
    }
}
