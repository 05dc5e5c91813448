//! Task 1: the boundary in src/lib.rs turns bad pointers and panics into
//! status codes, and never builds a slice it is not allowed to build.
//!
//! These tests run in the debug profile, where the standard library checks
//! the preconditions of `slice::from_raw_parts`: a boundary that skips a
//! check aborts with "unsafe precondition(s) violated" instead of failing
//! politely. In a release build the same mistake is silent undefined
//! behaviour, and through cgo it takes the Go process down.

use batching::*;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

/// Multiples of 1/4, so every sum below is exact in f32.
fn ramp(n: usize) -> Vec<f32> {
    (0..n).map(|i| (i % 7) as f32 * 0.25 - 0.75).collect()
}

// task: 1
#[test]
fn zero_length_never_touches_the_pointers() {
    let empty = unsafe { borrow_floats(ptr::null(), 0) };
    assert_eq!(empty.map(<[f32]>::len), Ok(0), "null pointer, length 0");
    // Non-null but misaligned and dangling: still not looked at.
    let odd = ptr::without_provenance::<f32>(3);
    let empty = unsafe { borrow_floats(odd, 0) };
    assert_eq!(empty.map(<[f32]>::len), Ok(0), "misaligned pointer, length 0");
    let got = unsafe { batching_dot(ptr::null(), ptr::null(), 0) };
    assert_eq!(got, BatchingResult::ok(0.0), "batching_dot(null, null, 0)");
}

// task: 1
#[test]
fn null_pointer_with_elements_is_an_error() {
    assert_eq!(unsafe { borrow_floats(ptr::null(), 4) }, Err(BATCHING_NULL_POINTER));
    let b = ramp(4);
    let got = unsafe { batching_dot(ptr::null(), b.as_ptr(), 4) };
    assert_eq!(got, BatchingResult::err(BATCHING_NULL_POINTER), "a is null");
    let got = unsafe { batching_dot(b.as_ptr(), ptr::null(), 4) };
    assert_eq!(got, BatchingResult::err(BATCHING_NULL_POINTER), "b is null");
}

// task: 1
#[test]
fn misaligned_pointer_is_an_error() {
    let data = ramp(8);
    // One byte past an f32: inside the vector, but not on a 4-byte boundary.
    let shifted = unsafe { data.as_ptr().cast::<u8>().add(1) }.cast::<f32>();
    assert_eq!(unsafe { borrow_floats(shifted, 2) }, Err(BATCHING_MISALIGNED));
    let got = unsafe { batching_dot(data.as_ptr(), shifted, 2) };
    assert_eq!(got, BatchingResult::err(BATCHING_MISALIGNED));
}

// task: 1
#[test]
fn length_past_isize_max_bytes_is_an_error() {
    let data = ramp(1);
    // The shortest length whose bytes no longer fit in an isize, and the longest possible.
    let first_too_long = isize::MAX as usize / std::mem::size_of::<f32>() + 1;
    for len in [first_too_long, usize::MAX] {
        assert_eq!(unsafe { borrow_floats(data.as_ptr(), len) }, Err(BATCHING_TOO_LONG), "len = {len}");
        let got = unsafe { batching_dot(data.as_ptr(), data.as_ptr(), len) };
        assert_eq!(got, BatchingResult::err(BATCHING_TOO_LONG), "len = {len}");
    }
}

// task: 1
#[test]
fn a_panicking_kernel_becomes_a_status_code() {
    let data = ramp(3);
    // Silence the panic hook while the kernel panics, so that the message
    // below, not the kernel's, says what went wrong.
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| unsafe {
        with_slices(data.as_ptr(), data.as_ptr(), 3, |_, _| panic!("a kernel bug, on purpose"))
    }));
    panic::set_hook(hook);
    match outcome {
        Ok(got) => assert_eq!(got, BatchingResult::err(BATCHING_PANICKED)),
        Err(_) => panic!(
            "the kernel's panic left with_slices; under an extern \"C\" entry point it would abort the Go process"
        ),
    }
}

// task: 1
#[test]
fn good_input_gives_the_dot_product() {
    for n in [1, 2, 7, 100, 1001] {
        let (a, b) = (ramp(n), ramp(n + 3));
        let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        let got = unsafe { batching_dot(a.as_ptr(), b.as_ptr(), n) };
        assert_eq!(got, BatchingResult::ok(want), "n = {n}");
    }
    // Both arguments may be the same memory.
    let a = ramp(10);
    let got = unsafe { batching_dot(a.as_ptr(), a.as_ptr(), a.len()) };
    assert_eq!(got, BatchingResult::ok(dot(&a, &a)));
}
