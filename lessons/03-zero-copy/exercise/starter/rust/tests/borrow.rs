//! Task 1: `borrow_buffers` turns Go's pointers into slices only when that
//! is allowed, and says what is wrong otherwise.
//!
//! These run in the debug profile, where the standard library checks the
//! preconditions of `slice::from_raw_parts`: building a slice it may not
//! build aborts the test with "unsafe precondition(s) violated".

use std::ptr;
use zcbuffers::*;

fn status(input: *const f32, len: usize, out: *mut f32, out_len: usize) -> Result<usize, i32> {
    unsafe { borrow_buffers(input, len, out, out_len) }.map(|(a, b)| {
        assert_eq!(a.len(), b.len(), "both slices have the input's length");
        a.len()
    })
}

// task: 1
#[test]
fn length_zero_never_looks_at_the_pointers() {
    assert_eq!(status(ptr::null(), 0, ptr::null_mut(), 0), Ok(0), "nil slices from Go");
    let odd = ptr::without_provenance_mut::<f32>(3);
    assert_eq!(status(odd, 0, odd, 0), Ok(0), "dangling, misaligned pointers with length 0");
}

// task: 1
#[test]
fn a_null_pointer_with_elements_is_an_error() {
    let mut out = [0f32; 4];
    let input = [1f32; 4];
    assert_eq!(status(ptr::null(), 4, out.as_mut_ptr(), 4), Err(ZC_NULL_POINTER), "null input");
    assert_eq!(status(input.as_ptr(), 4, ptr::null_mut(), 4), Err(ZC_NULL_POINTER), "null output");
}

// task: 1
#[test]
fn a_short_output_is_an_error_and_a_longer_one_is_fine() {
    let input = [1f32; 8];
    let mut out = [0f32; 16];
    assert_eq!(status(input.as_ptr(), 8, out.as_mut_ptr(), 7), Err(ZC_SHORT_OUTPUT));
    assert_eq!(status(input.as_ptr(), 8, out.as_mut_ptr(), 16), Ok(8), "only len floats of the output are used");
}

// task: 1
#[test]
fn overlapping_buffers_are_an_error() {
    let mut buf = [0f32; 16];
    let p = buf.as_mut_ptr();
    assert_eq!(status(p, 8, p, 8), Err(ZC_OVERLAP), "the same memory");
    assert_eq!(status(p, 8, unsafe { p.add(7) }, 8), Err(ZC_OVERLAP), "one float in common");
    assert_eq!(status(unsafe { p.add(7) }, 8, p, 8), Err(ZC_OVERLAP), "one float in common, the other way");
    assert_eq!(status(p, 8, unsafe { p.add(8) }, 8), Ok(8), "side by side is fine");
}

// task: 1
#[test]
fn the_boundary_writes_the_normalised_input() {
    let input = [3f32, 4.0];
    let mut out = [9f32; 3];
    let got = unsafe { zc_normalize_into(input.as_ptr(), 2, out.as_mut_ptr(), 3) };
    assert_eq!(got, ZC_OK);
    assert_eq!(out, [0.6, 0.8, 9.0], "3-4-5: the third float is not the input's and stays as it was");
}
