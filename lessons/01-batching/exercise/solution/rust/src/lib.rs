//! The Rust side of a batch boundary that Go calls through cgo.
//!
//! Go hands over two raw pointers and a length: the data of two `[]float32`
//! slices, read in place. This file turns them into Rust slices for the
//! length of one call, runs a kernel on them, and answers with a value and a
//! status code. Nothing that Go sends may crash the process: a bad pointer
//! becomes a status code, and so does a panic in the kernel.
//!
//! Task 1 is `borrow_floats` and `with_slices`. The tests are in
//! `tests/boundary.rs`, and one Go test in `batching_test.go` calls the same
//! entry point through cgo.

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
/// The kernel panicked; the panic was caught and did not reach Go.
pub const BATCHING_PANICKED: i32 = 4;

/// What the batch entry point returns to Go, by value: a result and a status.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchingResult {
    /// The result; 0.0 whenever `status` is not `BATCHING_OK`.
    pub value: f32,
    /// One of the `BATCHING_*` codes.
    pub status: i32,
}

impl BatchingResult {
    /// A successful result.
    pub fn ok(value: f32) -> Self {
        BatchingResult { value, status: BATCHING_OK }
    }

    /// A failed call: no value, a status code.
    pub fn err(status: i32) -> Self {
        BatchingResult { value: 0.0, status }
    }
}

/// The kernel: the dot product of two slices of the same length.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The batch entry point Go calls: the dot product of `a[..len]` and `b[..len]`.
///
/// # Safety
/// If `len` is 0 the pointers are never read and may be anything, null
/// included. Otherwise `a` and `b` must each point to `len` initialised `f32`
/// values that stay valid, and that nobody writes, until this call returns;
/// a null or misaligned pointer is reported as a status code instead.
#[no_mangle]
pub unsafe extern "C" fn batching_dot(a: *const f32, b: *const f32, len: usize) -> BatchingResult {
    // SAFETY: the caller upholds the contract above, which is `with_slices`'s.
    unsafe { with_slices(a, b, len, dot) }
}

/// Task 1: turns `(ptr, len)` into a slice, after every check a callee can make.
///
/// - `len == 0`: an empty slice, whatever `ptr` is (Go passes nil for an
///   empty slice, and `slice::from_raw_parts` needs a non-null, aligned
///   pointer even for zero elements). `ptr` is not looked at.
/// - a null `ptr`: `Err(BATCHING_NULL_POINTER)`.
/// - a `ptr` not aligned for `f32`: `Err(BATCHING_MISALIGNED)`.
/// - `len * size_of::<f32>()` larger than `isize::MAX`:
///   `Err(BATCHING_TOO_LONG)`, computed without overflowing.
///
/// # Safety
/// If `len` is not 0 and `ptr` passes the checks, `ptr` must point to `len`
/// initialised `f32` values that outlive `'call` and that nobody writes
/// during it. A callee cannot check that part.
pub unsafe fn borrow_floats<'call>(ptr: *const f32, len: usize) -> Result<&'call [f32], i32> {
    if len == 0 {
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
    // SAFETY: non-null, aligned, and the size fits in isize; that the memory
    // holds `len` floats nobody writes during 'call is the caller's promise.
    Ok(unsafe { slice::from_raw_parts(ptr, len) })
}

/// Task 1: borrows both arrays for one call, runs `compute` on them, and
/// answers with its value, or with a status code when a pointer is bad
/// (the first bad one, `a` before `b`) or when `compute` panics.
///
/// A panic must not leave this function: under an `extern "C"` entry point
/// it would abort the whole Go process.
///
/// # Safety
/// See [`borrow_floats`], for both `a` and `b`.
pub unsafe fn with_slices(
    a: *const f32,
    b: *const f32,
    len: usize,
    compute: fn(&[f32], &[f32]) -> f32,
) -> BatchingResult {
    // SAFETY: forwarded from the caller's contract.
    let (a, b) = match unsafe { (borrow_floats(a, len), borrow_floats(b, len)) } {
        (Ok(a), Ok(b)) => (a, b),
        (Err(status), _) | (_, Err(status)) => return BatchingResult::err(status),
    };
    match catch_unwind(|| compute(a, b)) {
        Ok(value) => BatchingResult::ok(value),
        Err(_) => BatchingResult::err(BATCHING_PANICKED),
    }
}
