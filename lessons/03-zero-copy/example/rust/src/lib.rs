//! The C boundary of lesson 03: the same kernel (`kernel::normalize`)
//! reached from Go in different ways, and the ownership rule each way lives
//! by.
//!
//! - `zc_normalize` works in place on memory the caller owns (a Go slice or a
//!   `C.malloc` buffer) and keeps no pointer to it after it returns.
//! - `zc_normalize_new` leaves the input alone and returns a buffer Rust
//!   allocated. Only `zc_vec_free` may free it: Go's collector cannot see it,
//!   and C's `free` would hand it to the wrong allocator.
//! - `zc_keep` does what cgo's rules forbid for unpinned Go memory: it keeps
//!   the pointer after the call. Go may pass memory here only while it is
//!   pinned with `runtime.Pinner`; the program's `-mode keep-pointer` shows
//!   what happens otherwise.
//!
//! Every entry point returns a status (`ZC_*`). The two that run the kernel
//! on a whole vector, `zc_normalize` and `zc_normalize_new`, do it inside
//! `catch_unwind`: a panic unwinding out of an `extern "C"` function aborts
//! the whole Go process, so it becomes `ZC_PANICKED` instead. The others have
//! no code that can panic.

pub mod kernel;

use std::panic::{AssertUnwindSafe, UnwindSafe, catch_unwind};
use std::ptr::NonNull;
use std::slice;
use std::sync::{Mutex, PoisonError};

/// Success.
pub const ZC_OK: i32 = 0;
/// A pointer was null where the call needs memory (a length above 0).
pub const ZC_NULL_POINTER: i32 = 1;
/// `zc_vec_free` got a vector whose pointer is null: never filled in, or
/// already freed through a wrapper that zeroed it. Nothing was freed.
pub const ZC_NOTHING_TO_FREE: i32 = 2;
/// `zc_kept_sum` was called while no memory was kept.
pub const ZC_NOTHING_KEPT: i32 = 3;
/// Rust code panicked; the panic was caught here.
pub const ZC_PANICKED: i32 = 4;

/// What `zc_normalize` and `zc_sum_pointees` return: a status and a number.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZcResult {
    pub status: i32,
    /// `zc_normalize`: the norm the vector had. `zc_sum_pointees`: the sum.
    pub value: f64,
}

/// A vector Rust allocated (a `Vec<f32>` taken apart), returned by value.
/// Go reads `len` floats at `ptr` and must pass the struct to `zc_vec_free`
/// exactly once. A zeroed struct (null `ptr`) is safe to free: it is
/// reported as `ZC_NOTHING_TO_FREE`.
#[repr(C)]
#[derive(Debug)]
pub struct ZcVec {
    pub ptr: *mut f32,
    pub len: usize,
    pub cap: usize,
    /// The norm the input had.
    pub norm: f64,
    pub status: i32,
}

impl ZcVec {
    fn failed(status: i32) -> ZcVec {
        ZcVec { ptr: std::ptr::null_mut(), len: 0, cap: 0, norm: 0.0, status }
    }
}

fn result(status: i32, value: f64) -> ZcResult {
    ZcResult { status, value }
}

/// Runs `body`, turning a panic into `ZC_PANICKED`.
fn guard(body: impl FnOnce() -> ZcResult + UnwindSafe) -> ZcResult {
    catch_unwind(body).unwrap_or(result(ZC_PANICKED, 0.0))
}

/// Normalises `len` floats at `data` in place and returns the norm they had.
///
/// # Safety
/// If `len` is not 0, `data` must point to `len` initialised floats that
/// nothing else reads or writes during the call. Rust uses the memory only
/// during the call, as cgo's rules require of memory Go passes. Null with
/// `len > 0` is `ZC_NULL_POINTER`; with `len == 0` `data` is not read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_normalize(data: *mut f32, len: usize) -> ZcResult {
    if len == 0 {
        return result(ZC_OK, 0.0);
    }
    if data.is_null() {
        return result(ZC_NULL_POINTER, 0.0);
    }
    // SAFETY: non-null, and the caller promises `len` floats that only this
    // call touches until it returns.
    let v = unsafe { slice::from_raw_parts_mut(data, len) };
    // AssertUnwindSafe: after a panic the caller is told, and the half-scaled
    // vector is theirs to throw away.
    guard(AssertUnwindSafe(move || result(ZC_OK, kernel::normalize(v))))
}

/// Copies `len` floats from `data` into a vector Rust allocates, normalises
/// the copy, and returns it. The input is only read.
///
/// # Safety
/// As for `zc_normalize`, except that the memory is only read. The returned
/// vector must be given to `zc_vec_free` exactly once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_normalize_new(data: *const f32, len: usize) -> ZcVec {
    let input: &[f32] = if len == 0 {
        &[]
    } else if data.is_null() {
        return ZcVec::failed(ZC_NULL_POINTER);
    } else {
        // SAFETY: non-null, and the caller promises `len` readable floats.
        unsafe { slice::from_raw_parts(data, len) }
    };
    let made = catch_unwind(|| {
        let mut v = input.to_vec();
        let norm = kernel::normalize(&mut v);
        (v, norm)
    });
    let Ok((v, norm)) = made else { return ZcVec::failed(ZC_PANICKED) };
    // An empty Vec's pointer is dangling but never null, so a null pointer
    // always means "nothing to free". ManuallyDrop: the memory now belongs
    // to the caller until zc_vec_free takes it back.
    let mut v = std::mem::ManuallyDrop::new(v);
    ZcVec { ptr: v.as_mut_ptr(), len: v.len(), cap: v.capacity(), norm, status: ZC_OK }
}

/// Frees a vector `zc_normalize_new` returned. A vector with a null pointer
/// (a zeroed struct, as the Go wrapper leaves after freeing) frees nothing
/// and returns `ZC_NOTHING_TO_FREE`.
///
/// # Safety
/// A non-null `v.ptr` must come, with its `len` and `cap`, from one
/// `zc_normalize_new` call and not have been freed yet. Freeing a copy of a
/// struct already freed is a double free that no check here can see: the
/// pointer is the only thing Rust gets.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_vec_free(v: ZcVec) -> i32 {
    let Some(ptr) = NonNull::new(v.ptr) else { return ZC_NOTHING_TO_FREE };
    // SAFETY: the caller promises these parts came from a Vec<f32> made by
    // zc_normalize_new and are given back once.
    drop(unsafe { Vec::from_raw_parts(ptr.as_ptr(), v.len, v.cap) });
    ZC_OK
}

/// Writes the sum of squares of `len` floats at `data` (the kernel's first
/// pass) to `*out`. The Go program declares this function twice, with and
/// without `#cgo noescape` and `#cgo nocallback`, to show what those
/// annotations change for `out`.
///
/// # Safety
/// `data` as for `zc_normalize` (only read); `out` must be null
/// (`ZC_NULL_POINTER`) or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_sum_squares(data: *const f32, len: usize, out: *mut f64) -> i32 {
    if out.is_null() || (len > 0 && data.is_null()) {
        return ZC_NULL_POINTER;
    }
    // SAFETY: non-null when len > 0, and the caller promises `len` floats.
    let input: &[f32] = if len == 0 { &[] } else { unsafe { slice::from_raw_parts(data, len) } };
    let sum = kernel::sum_squares(input);
    // SAFETY: non-null, and the caller promises it is valid for a write.
    unsafe { out.write(sum) };
    ZC_OK
}

/// Sums the floats that `len` pointers at `ptrs` point to. Memory holding
/// pointers, passed from Go: cgo allows it only if every pointer in it is to
/// pinned (or non-Go) memory, and checks that before the call.
///
/// # Safety
/// `ptrs` must point to `len` pointers, each null (`ZC_NULL_POINTER`) or
/// pointing to one readable float.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_sum_pointees(ptrs: *const *const f32, len: usize) -> ZcResult {
    if len == 0 {
        return result(ZC_OK, 0.0);
    }
    if ptrs.is_null() {
        return result(ZC_NULL_POINTER, 0.0);
    }
    // SAFETY: the caller promises `len` pointers.
    let ptrs = unsafe { slice::from_raw_parts(ptrs, len) };
    let mut sum = 0.0;
    for &p in ptrs {
        if p.is_null() {
            return result(ZC_NULL_POINTER, 0.0);
        }
        // SAFETY: non-null, and the caller promises it points to a float.
        sum += f64::from(unsafe { p.read() });
    }
    result(ZC_OK, sum)
}

/// The memory `zc_keep` holds on to: an address and a length (a raw
/// pointer is not `Send`, so it is kept as a number).
static KEPT: Mutex<Option<(usize, usize)>> = Mutex::new(None);

/// Keeps `len` floats at `data` for later calls of `zc_kept_sum`; a null
/// `data` forgets what was kept. Returns `ZC_OK`.
///
/// # Safety
/// The memory must stay valid until it is forgotten. For Go memory that means
/// pinned with `runtime.Pinner` until after `zc_keep(NULL, 0)`: nothing
/// checks this, neither cgo nor Rust, and breaking it is a use after free.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_keep(data: *const f32, len: usize) -> i32 {
    let kept = if data.is_null() { None } else { Some((data as usize, len)) };
    *KEPT.lock().unwrap_or_else(PoisonError::into_inner) = kept;
    ZC_OK
}

/// Sums the floats `zc_keep` kept, reading them now.
///
/// # Safety
/// Only as safe as the promise made to `zc_keep`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn zc_kept_sum() -> ZcResult {
    let kept = *KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    let Some((addr, len)) = kept else { return result(ZC_NOTHING_KEPT, 0.0) };
    // SAFETY: the caller of zc_keep promised the memory is still valid.
    let v = unsafe { slice::from_raw_parts(addr as *const f32, len) };
    result(ZC_OK, v.iter().map(|&x| f64::from(x)).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn in_place_normalises_the_callers_memory() {
        let mut v = [3.0f32, 4.0];
        assert_eq!(unsafe { zc_normalize(v.as_mut_ptr(), 2) }, result(ZC_OK, 5.0));
        assert_eq!(v, [0.6, 0.8]);
    }

    #[test]
    fn empty_input_is_fine_and_null_with_a_length_is_an_error() {
        assert_eq!(unsafe { zc_normalize(ptr::null_mut(), 0) }, result(ZC_OK, 0.0));
        assert_eq!(unsafe { zc_normalize(ptr::null_mut(), 3) }.status, ZC_NULL_POINTER);
        assert_eq!(unsafe { zc_normalize_new(ptr::null(), 3) }.status, ZC_NULL_POINTER);
        let mut out = 0.0;
        assert_eq!(unsafe { zc_sum_squares(ptr::null(), 0, &mut out) }, ZC_OK);
        assert_eq!(unsafe { zc_sum_squares(ptr::null(), 1, &mut out) }, ZC_NULL_POINTER);
        assert_eq!(unsafe { zc_sum_squares([1.0f32].as_ptr(), 1, ptr::null_mut()) }, ZC_NULL_POINTER);
    }

    #[test]
    fn a_rust_allocated_result_matches_in_place_and_leaves_the_input() {
        let input: Vec<f32> = (0..13).map(|i| i as f32 - 6.5).collect();
        let mut in_place = input.clone();
        let norm = unsafe { zc_normalize(in_place.as_mut_ptr(), in_place.len()) }.value;
        let v = unsafe { zc_normalize_new(input.as_ptr(), input.len()) };
        assert_eq!(v.status, ZC_OK);
        assert_eq!(v.norm.to_bits(), norm.to_bits());
        assert_eq!(unsafe { slice::from_raw_parts(v.ptr, v.len) }, &in_place[..]);
        assert_eq!(input[0], -6.5, "the input is only read");
        assert_eq!(unsafe { zc_vec_free(v) }, ZC_OK);
    }

    #[test]
    fn an_empty_result_has_a_pointer_to_free_and_a_zeroed_one_has_nothing() {
        let empty = unsafe { zc_normalize_new(ptr::null(), 0) };
        assert_eq!((empty.status, empty.len), (ZC_OK, 0));
        assert!(!empty.ptr.is_null(), "null is kept for 'nothing to free'");
        assert_eq!(unsafe { zc_vec_free(empty) }, ZC_OK);
        assert_eq!(unsafe { zc_vec_free(ZcVec::failed(ZC_OK)) }, ZC_NOTHING_TO_FREE);
    }

    #[test]
    fn pointees_are_summed_and_a_null_one_is_an_error() {
        let (a, b) = (1.5f32, 2.0f32);
        let ptrs = [&a as *const f32, &b];
        assert_eq!(unsafe { zc_sum_pointees(ptrs.as_ptr(), 2) }, result(ZC_OK, 3.5));
        let with_null = [&a as *const f32, ptr::null()];
        assert_eq!(unsafe { zc_sum_pointees(with_null.as_ptr(), 2) }.status, ZC_NULL_POINTER);
    }

    #[test]
    fn kept_memory_is_read_when_asked_until_forgotten() {
        let v = [1.0f32, 2.0, 3.0];
        assert_eq!(unsafe { zc_keep(v.as_ptr(), 3) }, ZC_OK);
        assert_eq!(unsafe { zc_kept_sum() }, result(ZC_OK, 6.0));
        assert_eq!(unsafe { zc_keep(ptr::null(), 0) }, ZC_OK);
        assert_eq!(unsafe { zc_kept_sum() }.status, ZC_NOTHING_KEPT);
    }

    #[test]
    fn a_panic_becomes_a_status() {
        assert_eq!(guard(|| panic!("on purpose")), result(ZC_PANICKED, 0.0));
    }
}
