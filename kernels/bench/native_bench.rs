//! Native timings of the batching kernels, for `npm run bench`.
//!
//! Prints one JSON document on stdout: ns per element of the batched dot
//! product at each batch size, and of a per-element call that the optimiser
//! is not allowed to inline (a native function call, the floor under any
//! boundary crossing). The Node side runs the same sizes in wasm and JS and
//! prints the ratios, so all numbers come from one run on one machine.

use hybrid_kernels::batching;
use std::hint::black_box;
use std::time::Instant;

const TOTAL: usize = 1 << 16;
const MIN_SAMPLE_NS: u128 = 20_000_000;
const REPEATS: usize = 7;

#[inline(never)]
fn per_element_call(acc: f32, a: f32, b: f32) -> f32 {
    batching::dot_step(acc, a, b)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|x, y| x.total_cmp(y));
    xs[xs.len() / 2]
}

/// Median over `REPEATS` samples of ns per element; each sample repeats the
/// pass until it has run for at least `MIN_SAMPLE_NS`.
fn ns_per_element(mut pass: impl FnMut() -> f32) -> f64 {
    let samples = (0..REPEATS)
        .map(|_| {
            let start = Instant::now();
            let mut passes = 0u64;
            while start.elapsed().as_nanos() < MIN_SAMPLE_NS {
                black_box(pass());
                passes += 1;
            }
            start.elapsed().as_nanos() as f64 / (passes as f64 * TOTAL as f64)
        })
        .collect();
    median(samples)
}

fn main() {
    let a: Vec<f32> = (0..TOTAL).map(|i| ((i * 7919) % 2001) as f32 / 1000.0 - 1.0).collect();
    let b: Vec<f32> = (0..TOTAL).map(|i| ((i * 104_729) % 2001) as f32 / 1000.0 - 1.0).collect();

    let call: fn(f32, f32, f32) -> f32 = black_box(per_element_call);
    let per_element = ns_per_element(|| {
        let (a, b) = (black_box(&a), black_box(&b));
        a.iter().zip(b).fold(0.0, |acc, (x, y)| call(acc, *x, *y))
    });

    let mut batched = Vec::new();
    let mut size = 1usize;
    while size <= TOTAL {
        let ns = ns_per_element(|| {
            let (a, b) = (black_box(&a), black_box(&b));
            a.chunks(size).zip(b.chunks(size)).map(|(x, y)| batching::dot(x, y)).sum()
        });
        batched.push(format!("{{\"batchSize\":{size},\"nsPerElement\":{ns:.4}}}"));
        size *= 2;
    }

    println!("{{\"total\":{TOTAL},\"perElementCallNs\":{per_element:.4},\"batched\":[{}]}}", batched.join(","));
}
