//! The C boundary of the exercise: two ways for memory to cross.
//!
//! - Go owns the memory: `zc_normalize_into` reads Go's input slice and
//!   writes Go's output slice in place, during the call only. Nothing is
//!   copied and nothing is allocated.
//! - Rust owns the memory: `zc_histogram` returns counts in a buffer Rust
//!   allocated. Go reads it where it is, then hands it back to
//!   `zc_counts_free`: memory goes back to the allocator that made it.
//!
//! Every entry point returns a status code (`ZC_*`, mapped to Go errors in
//! `buffers.go`) and catches panics: one unwinding into Go would abort the
//! process.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;
use std::slice;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Success.
pub const ZC_OK: i32 = 0;
/// A pointer was null where the call needs memory.
pub const ZC_NULL_POINTER: i32 = 1;
/// The output is shorter than the input.
pub const ZC_SHORT_OUTPUT: i32 = 2;
/// The input and output overlap: Rust may not read memory it is writing.
pub const ZC_OVERLAP: i32 = 3;
/// A histogram needs at least one bin.
pub const ZC_NO_BINS: i32 = 4;
/// Rust panicked; the panic was caught at the boundary.
pub const ZC_PANICKED: i32 = 5;

/// The address of the input the last `zc_normalize_into` read, so a test
/// can check that Go passed its own memory and not a copy of it.
static LAST_INPUT: AtomicUsize = AtomicUsize::new(0);

/// Buffers Rust has handed to Go and not had back, so a test can see a
/// missing free.
static LIVE_COUNTS: AtomicUsize = AtomicUsize::new(0);

/// Task 1: turns what Go sent into two slices, or says what is wrong.
///
/// In order: `len == 0` is two empty slices, whatever the pointers are (a
/// nil Go slice arrives as null); a null `input` or `out` is
/// `ZC_NULL_POINTER`; `out_len < len` is `ZC_SHORT_OUTPUT`; an output that
/// overlaps the input's `len` floats is `ZC_OVERLAP` (a `&[f32]` and a
/// `&mut [f32]` over the same memory is undefined behaviour in Rust). Only
/// `len` floats of the output are used.
///
/// # Safety
/// Non-null pointers must be valid for `len` (input) and `out_len` (output)
/// floats, aligned, and not used by anyone else during the call.
pub unsafe fn borrow_buffers<'a>(
    input: *const f32,
    len: usize,
    out: *mut f32,
    out_len: usize,
) -> Result<(&'a [f32], &'a mut [f32]), i32> {
    // Task 1: as written, this trusts Go completely. Check what the doc
    // comment lists, in that order, before building anything: in a debug
    // build, `from_raw_parts` on a null pointer aborts the process, and in a
    // release build it is undefined behaviour.
    let _ = out_len;
    // SAFETY: not yet: see Task 1.
    Ok(unsafe { (slice::from_raw_parts(input, len), slice::from_raw_parts_mut(out, len)) })
}

/// Writes `input` scaled to unit length (L2 norm 1) into `out`. A vector of
/// zeros stays zeros. The sum is taken in f64, in order, so that Go's
/// reference in the tests gives the same bits.
pub fn normalize(input: &[f32], out: &mut [f32]) {
    let norm = input.iter().map(|&x| f64::from(x) * f64::from(x)).sum::<f64>().sqrt();
    for (o, &x) in out.iter_mut().zip(input) {
        *o = if norm == 0.0 { 0.0 } else { (f64::from(x) / norm) as f32 };
    }
}

/// Normalises `input[..len]` into `out[..len]`, in Go's memory, without
/// allocating.
///
/// # Safety
/// See [`borrow_buffers`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_normalize_into(input: *const f32, len: usize, out: *mut f32, out_len: usize) -> i32 {
    LAST_INPUT.store(input as usize, Ordering::Relaxed);
    // SAFETY: the caller's promise is borrow_buffers' contract.
    let (input, out) = match unsafe { borrow_buffers(input, len, out, out_len) } {
        Ok(pair) => pair,
        Err(status) => return status,
    };
    // AssertUnwindSafe: after a panic `out` may be half written; Go gets
    // ZC_PANICKED and must not use it.
    match catch_unwind(AssertUnwindSafe(move || normalize(input, out))) {
        Ok(()) => ZC_OK,
        Err(_) => ZC_PANICKED,
    }
}

/// The input address the last `zc_normalize_into` was given.
#[unsafe(no_mangle)]
pub extern "C" fn zc_last_input() -> usize {
    LAST_INPUT.load(Ordering::Relaxed)
}

/// Counts that Rust allocated and Go reads: `ptr` points to `len` counts in
/// an allocation of `cap`. All zero once freed.
#[repr(C)]
#[derive(Debug)]
pub struct ZcCounts {
    pub ptr: *mut u64,
    pub len: usize,
    pub cap: usize,
}

/// The histogram of `input` over `bins` equal bins from `min` to `max`
/// (values outside are counted in the first or last bin; NaN is not
/// counted), in a buffer Rust allocates and hands to Go through `*out`.
///
/// # Safety
/// `input` must be valid for `len` floats (or `len` 0); `out` must be null
/// (`ZC_NULL_POINTER`) or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_histogram(
    input: *const f32,
    len: usize,
    min: f32,
    max: f32,
    bins: usize,
    out: *mut ZcCounts,
) -> i32 {
    if out.is_null() || (len > 0 && input.is_null()) {
        return ZC_NULL_POINTER;
    }
    if bins == 0 {
        return ZC_NO_BINS;
    }
    // SAFETY: checked non-null above; the caller promises `len` floats.
    let input: &[f32] = if len == 0 { &[] } else { unsafe { slice::from_raw_parts(input, len) } };
    let Ok(counts) = catch_unwind(|| histogram(input, min, max, bins)) else { return ZC_PANICKED };
    let handed = hand_over(counts);
    if !handed.ptr.is_null() {
        LIVE_COUNTS.fetch_add(1, Ordering::Relaxed);
    }
    // SAFETY: non-null, and the caller promises it is valid for a write.
    unsafe { out.write(handed) };
    ZC_OK
}

/// The histogram itself, in safe Rust.
pub fn histogram(input: &[f32], min: f32, max: f32, bins: usize) -> Vec<u64> {
    let mut counts = vec![0u64; bins];
    let width = (f64::from(max) - f64::from(min)) / bins as f64;
    for &x in input.iter().filter(|x| !x.is_nan()) {
        let bin = if width > 0.0 { ((f64::from(x) - f64::from(min)) / width).floor() } else { 0.0 };
        // `as usize` saturates: below min is 0, far above max is usize::MAX.
        counts[(bin.max(0.0) as usize).min(bins - 1)] += 1;
    }
    counts
}

/// Task 3: turns `counts` into the three parts Go receives, and keeps Rust
/// from freeing the buffer when `counts` goes out of scope here: from now
/// on Go holds it, until `take_back`.
pub fn hand_over(counts: Vec<u64>) -> ZcCounts {
    // Task 3: as written, Go gets nothing, and `counts` is freed here.
    drop(counts);
    ZcCounts { ptr: ptr::null_mut(), len: 0, cap: 0 }
}

/// Task 3: the `Vec` that `hand_over` gave away, rebuilt from its parts so
/// that dropping it frees the buffer, and `*counts` zeroed so that a second
/// call finds nothing. `None` for counts already taken back (null `ptr`).
///
/// # Safety
/// `counts` must be what `hand_over` returned, or zeroed by this function.
pub unsafe fn take_back(counts: &mut ZcCounts) -> Option<Vec<u64>> {
    // Task 3: as written, nothing is ever taken back.
    let _ = counts;
    None
}

/// Gives a buffer from `zc_histogram` back to Rust's allocator and zeroes
/// `*counts`, so freeing it again does nothing. Null is fine too.
///
/// # Safety
/// `counts` must be null or point to a `ZcCounts` that `zc_histogram` wrote
/// (or that this function zeroed).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_counts_free(counts: *mut ZcCounts) {
    // SAFETY: the caller promises null or a valid ZcCounts.
    let Some(counts) = (unsafe { counts.as_mut() }) else { return };
    // SAFETY: the caller promises it came from zc_histogram (hand_over).
    if let Some(vec) = unsafe { take_back(counts) } {
        drop(vec);
        LIVE_COUNTS.fetch_sub(1, Ordering::Relaxed);
    }
}

/// How many buffers from `zc_histogram` have not been freed yet.
#[unsafe(no_mangle)]
pub extern "C" fn zc_live_counts() -> usize {
    LIVE_COUNTS.load(Ordering::Relaxed)
}
