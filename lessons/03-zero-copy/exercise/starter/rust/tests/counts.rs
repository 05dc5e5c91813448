//! Task 3, the Rust side: a histogram in a buffer Rust allocated, handed to
//! Go as pointer, length and capacity, and given back exactly once.

use std::ptr;
use zcbuffers::*;

fn empty() -> ZcCounts {
    ZcCounts { ptr: ptr::null_mut(), len: 0, cap: 0 }
}

// task: 3
#[test]
fn the_histogram_comes_back_in_a_rust_buffer_and_goes_back_once() {
    let input = [0.5f32, 1.5, 1.6, 3.9, -7.0, 99.0, f32::NAN];
    let mut counts = empty();
    let status = unsafe { zc_histogram(input.as_ptr(), input.len(), 0.0, 4.0, 4, &mut counts) };
    assert_eq!(status, ZC_OK);
    assert!(!counts.ptr.is_null(), "zc_histogram must hand over its buffer");
    assert_eq!(counts.len, 4, "one count per bin");
    assert!(counts.cap >= counts.len);
    let got = unsafe { std::slice::from_raw_parts(counts.ptr, counts.len) }.to_vec();
    assert_eq!(got, [2, 2, 0, 2], "-7 counts in the first bin, 99 in the last, NaN nowhere");
    let live = zc_live_counts();
    unsafe { zc_counts_free(&mut counts) };
    assert!(counts.ptr.is_null() && counts.len == 0 && counts.cap == 0, "a freed ZcCounts is zeroed");
    assert_eq!(zc_live_counts(), live - 1, "freeing gives the buffer back");
    unsafe { zc_counts_free(&mut counts) };
    unsafe { zc_counts_free(ptr::null_mut()) };
    assert_eq!(zc_live_counts(), live - 1, "freeing twice, or null, changes nothing");
}

// task: 3
#[test]
fn bad_arguments_are_errors_and_allocate_nothing() {
    let live = zc_live_counts();
    let mut counts = empty();
    assert_eq!(unsafe { zc_histogram(ptr::null(), 3, 0.0, 1.0, 4, &mut counts) }, ZC_NULL_POINTER);
    assert_eq!(unsafe { zc_histogram([1f32].as_ptr(), 1, 0.0, 1.0, 0, &mut counts) }, ZC_NO_BINS);
    assert_eq!(unsafe { zc_histogram([1f32].as_ptr(), 1, 0.0, 1.0, 4, ptr::null_mut()) }, ZC_NULL_POINTER);
    assert!(counts.ptr.is_null(), "no buffer on an error");
    assert_eq!(zc_live_counts(), live);
}
