//! The C ABI that the Go program calls through cgo.
//!
//! All arithmetic lives in `kernel.rs`, which knows nothing about FFI. This
//! file is the boundary and nothing else: it turns raw pointers from Go into
//! slices, checks what can be checked, keeps panics on the Rust side, and
//! reports problems as status codes that `batching.go` maps to Go errors.
//!
//! Three entry points, one per way of crossing:
//! - `batching_dot_step`: one element per call (the slow way on purpose);
//! - `batching_dot`: one batch per call, reading Go's memory in place;
//! - `batching_cosine`: the same calling convention for a second kernel.
//!
//! Each is exported with `#[unsafe(no_mangle)]`, so the linker sees it under
//! its plain name. Symbol names are global to the whole Go binary: a second
//! `batching_dot` from another library would clash with it, or replace it
//! without a word. The compiler cannot check that, so since edition 2024 the
//! attribute is written `unsafe(...)`: the author, not the compiler, vouches
//! for it (unsafe attributes: Rust 1.82).

mod kernel;

use std::mem::size_of;
use std::panic::catch_unwind;
use std::slice;

/// The call succeeded; `value` holds the result.
pub const BATCHING_OK: i32 = 0;
/// A pointer was null although `len` was not zero.
pub const BATCHING_NULL_POINTER: i32 = 1;
/// A pointer was not aligned for `f32` (4 bytes).
pub const BATCHING_MISALIGNED: i32 = 2;
/// `len` f32 values would span more than `isize::MAX` bytes.
pub const BATCHING_TOO_LONG: i32 = 3;
/// The kernel panicked; the panic was caught here and did not reach Go.
pub const BATCHING_PANICKED: i32 = 4;

/// What a batch entry point returns: a value and a status, by value.
///
/// Eight bytes, so the C ABI returns it in a register: Go passes no
/// out-pointer, and nothing of Go's has to stay reachable from Rust.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchingResult {
    /// The result; 0.0 whenever `status` is not `BATCHING_OK`.
    pub value: f32,
    /// One of the `BATCHING_*` codes.
    pub status: i32,
}

impl BatchingResult {
    fn ok(value: f32) -> Self {
        BatchingResult { value, status: BATCHING_OK }
    }

    fn err(status: i32) -> Self {
        BatchingResult { value: 0.0, status }
    }
}

/// Per-element entry point: returns `acc + a * b`.
///
/// Go calls this once per element, so every element pays a full cgo
/// crossing. It takes and returns plain floats: no pointers, nothing to
/// validate. It has no panic guard because nothing in it can panic: one
/// multiply and one add on values, no indexing, no allocation, no integer
/// arithmetic. A float overflow gives infinity, not a panic.
#[unsafe(no_mangle)]
pub extern "C" fn batching_dot_step(acc: f32, a: f32, b: f32) -> f32 {
    kernel::dot_step(acc, a, b)
}

/// Per-batch entry point: dot product of `a[..len]` and `b[..len]`.
///
/// Zero-copy: Go passes the address of its own slice data and Rust reads it
/// in place, so one call covers `len` elements.
///
/// # Safety
/// - If `len` is 0 the pointers are never read and may be null.
/// - Otherwise `a` and `b` must each point to `len` initialised `f32` values
///   that stay valid, and that nobody writes, until this call returns. `a`
///   and `b` may be the same pointer. A null or misaligned pointer is
///   reported as a status code instead of being dereferenced.
/// - The pointers are used only during this call and never stored. That is
///   the promise cgo's pointer-passing rules ask of C code that receives a Go
///   pointer: it may not keep a copy after the call returns (unless Go pinned
///   the memory with `runtime.Pinner`). The pointed-to memory holds floats,
///   not Go pointers, so Go may pass it without pinning.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn batching_dot(a: *const f32, b: *const f32, len: usize) -> BatchingResult {
    // SAFETY: the caller upholds the contract above, which is the contract
    // of `with_slices`.
    unsafe { with_slices(a, b, len, kernel::dot) }
}

/// Cosine similarity of `a[..len]` and `b[..len]`, in [-1, 1].
///
/// # Safety
/// Same contract as [`batching_dot`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn batching_cosine(a: *const f32, b: *const f32, len: usize) -> BatchingResult {
    // SAFETY: same contract as `batching_dot`.
    unsafe { with_slices(a, b, len, kernel::cosine) }
}

/// Borrows the two arrays for the length of one call, runs `compute` on
/// them, and turns a panic into `BATCHING_PANICKED`.
///
/// `compute` is a plain `fn` over borrowed slices: it receives slices whose
/// lifetime ends when this function returns, so it cannot keep them. That is
/// the "only during the call" rule, written as a type. Being a function
/// pointer, it is called indirectly: the kernel is not inlined here.
///
/// The current kernels cannot panic (they index only within the common
/// length and `chunks_exact` has a non-zero width), but this guard keeps the
/// boundary sound if a kernel changes: a panic unwinding out of an
/// `extern "C"` function would abort the whole Go process. It costs nothing
/// while nothing panics: unwinding is driven by tables that only a panic
/// reads, with no instructions on the normal path.
///
/// # Safety
/// See [`batching_dot`].
unsafe fn with_slices(a: *const f32, b: *const f32, len: usize, compute: fn(&[f32], &[f32]) -> f32) -> BatchingResult {
    // SAFETY: forwarded from the caller's contract.
    let slices = unsafe { (borrow_floats(a, len), borrow_floats(b, len)) };
    let (a, b) = match slices {
        (Ok(a), Ok(b)) => (a, b),
        (Err(status), _) | (_, Err(status)) => return BatchingResult::err(status),
    };
    match catch_unwind(|| compute(a, b)) {
        Ok(value) => BatchingResult::ok(value),
        Err(_) => BatchingResult::err(BATCHING_PANICKED),
    }
}

/// Turns `(ptr, len)` into a slice after the checks a callee can make.
///
/// A callee cannot check that the memory is really `len` floats long or that
/// no one writes to it meanwhile: that part stays the caller's promise.
///
/// # Safety
/// If `len` is not 0 and `ptr` is non-null and aligned, `ptr` must point to
/// `len` initialised `f32` values that outlive `'call` and are not written
/// during it.
unsafe fn borrow_floats<'call>(ptr: *const f32, len: usize) -> Result<&'call [f32], i32> {
    if len == 0 {
        // slice::from_raw_parts needs a non-null, aligned pointer even for an
        // empty slice, and Go hands over nil for an empty slice. Never touch it.
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(BATCHING_NULL_POINTER);
    }
    if !ptr.is_aligned() {
        return Err(BATCHING_MISALIGNED);
    }
    if len > isize::MAX as usize / size_of::<f32>() {
        return Err(BATCHING_TOO_LONG);
    }
    // SAFETY: non-null, aligned, size fits in isize; validity and the absence
    // of writers for 'call are the caller's promise.
    Ok(unsafe { slice::from_raw_parts(ptr, len) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn ramp(n: usize) -> Vec<f32> {
        (0..n).map(|i| (i % 13) as f32 * 0.25 - 1.5).collect()
    }

    #[test]
    fn zero_length_never_reads_the_pointers() {
        let got = unsafe { batching_dot(ptr::null(), ptr::null(), 0) };
        assert_eq!(got, BatchingResult::ok(0.0));
        let got = unsafe { batching_cosine(ptr::null(), ptr::null(), 0) };
        assert_eq!(got, BatchingResult::ok(0.0));
    }

    #[test]
    fn null_pointer_with_elements_is_an_error_not_a_crash() {
        let b = ramp(4);
        let got = unsafe { batching_dot(ptr::null(), b.as_ptr(), 4) };
        assert_eq!(got, BatchingResult::err(BATCHING_NULL_POINTER));
        let got = unsafe { batching_cosine(b.as_ptr(), ptr::null(), 4) };
        assert_eq!(got, BatchingResult::err(BATCHING_NULL_POINTER));
    }

    #[test]
    fn misaligned_pointer_is_reported() {
        let data = ramp(8);
        let shifted = unsafe { data.as_ptr().cast::<u8>().add(1) }.cast::<f32>();
        let got = unsafe { batching_dot(shifted, data.as_ptr(), 2) };
        assert_eq!(got, BatchingResult::err(BATCHING_MISALIGNED));
    }

    #[test]
    fn impossible_length_is_reported_before_any_read() {
        let data = ramp(1);
        let got = unsafe { batching_dot(data.as_ptr(), data.as_ptr(), usize::MAX) };
        assert_eq!(got, BatchingResult::err(BATCHING_TOO_LONG));
    }

    #[test]
    fn a_panicking_kernel_becomes_a_status_code() {
        let data = ramp(3);
        let got = unsafe { with_slices(data.as_ptr(), data.as_ptr(), 3, |_, _| panic!("kernel bug on purpose")) };
        assert_eq!(got, BatchingResult::err(BATCHING_PANICKED));
    }

    #[test]
    fn batch_entries_match_the_kernel_and_per_element_steps() {
        for n in [1, 7, 8, 9, 100, 1001] {
            let (a, b) = (ramp(n), ramp(n + 5));
            let batched = unsafe { batching_dot(a.as_ptr(), b.as_ptr(), n) };
            assert_eq!(batched, BatchingResult::ok(kernel::dot(&a, &b[..n])));
            let stepped = a.iter().zip(&b).fold(0.0, |acc, (x, y)| batching_dot_step(acc, *x, *y));
            assert!((stepped - batched.value).abs() <= 1e-4 * stepped.abs().max(1.0), "n={n}");
            let cos = unsafe { batching_cosine(a.as_ptr(), b.as_ptr(), n) };
            assert_eq!(cos, BatchingResult::ok(kernel::cosine(&a, &b[..n])));
        }
    }

    #[test]
    fn both_arguments_may_alias() {
        let a = ramp(10);
        let got = unsafe { batching_cosine(a.as_ptr(), a.as_ptr(), a.len()) };
        assert_eq!(got.status, BATCHING_OK);
        assert!((got.value - 1.0).abs() < 1e-6);
    }
}
