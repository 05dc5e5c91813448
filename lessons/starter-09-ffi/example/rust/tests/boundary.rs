//! What the page says about the boundary, checked from Rust: the checksum,
//! the null and length rules, the C layout, and the panic guard.

use checksum::*;
use std::mem::offset_of;
use std::panic;
use std::ptr;

/// Calls ck_sum on a Rust slice the way cgo would: pointer and length.
fn sum(data: &[u8]) -> (i32, Checksum) {
    let mut out = Checksum::default();
    let status = unsafe { ck_sum(data.as_ptr(), data.len(), &mut out) };
    (status, out)
}

#[test]
fn adler32_matches_the_published_values() {
    // RFC 1950's definition; "Wikipedia" is the usual worked example.
    assert_eq!(sum(b"Wikipedia"), (CK_OK, Checksum { adler32: 0x11E6_0398, bytes: 9 }));
    assert_eq!(sum(b""), (CK_OK, Checksum { adler32: 1, bytes: 0 }));
    // Long enough for both sums to wrap around the modulus many times.
    let long = vec![0xFFu8; 1 << 20];
    let mut reference = Adler32::new();
    for chunk in long.chunks(7) {
        reference.update(chunk);
    }
    assert_eq!(sum(&long).1.adler32, reference.finish(), "in parts or at once, the same checksum");
}

#[test]
fn a_null_pointer_with_length_zero_is_the_empty_input() {
    let mut out = Checksum::default();
    let status = unsafe { ck_sum(ptr::null(), 0, &mut out) };
    assert_eq!((status, out), (CK_OK, Checksum { adler32: 1, bytes: 0 }));
}

#[test]
fn a_null_pointer_with_a_length_is_refused_and_out_is_untouched() {
    let mut out = Checksum { adler32: 7, bytes: 7 };
    let status = unsafe { ck_sum(ptr::null(), 4, &mut out) };
    assert_eq!(status, CK_BAD_POINTER);
    assert_eq!(out, Checksum { adler32: 7, bytes: 7 });
    assert_eq!(unsafe { ck_sum(b"abc".as_ptr(), 3, ptr::null_mut()) }, CK_BAD_POINTER);
}

#[test]
fn slice_from_c_checks_what_it_can() {
    let words = [1u64, 2, 3];
    assert_eq!(unsafe { slice_from_c(words.as_ptr(), 3) }, Some(&words[..]));
    assert_eq!(unsafe { slice_from_c(ptr::null::<u64>(), 0) }, Some(&[][..]));
    assert_eq!(unsafe { slice_from_c(ptr::null::<u64>(), 3) }, None);
    // One byte past an 8-byte boundary: not aligned for a u64.
    let misaligned = words.as_ptr().cast::<u8>().wrapping_add(1).cast::<u64>();
    assert_eq!(unsafe { slice_from_c(misaligned, 1) }, None);
    assert_eq!(unsafe { slice_from_c(words.as_ptr(), usize::MAX / 4) }, None, "more than isize::MAX bytes");
}

#[test]
fn parts_give_the_checksum_of_the_whole() {
    let parts = [
        CkPart { data: b"Wiki".as_ptr(), len: 4 },
        CkPart { data: ptr::null(), len: 0 },
        CkPart { data: b"pedia".as_ptr(), len: 5 },
    ];
    let mut out = Checksum::default();
    assert_eq!(unsafe { ck_sum_parts(parts.as_ptr(), parts.len(), &mut out) }, CK_OK);
    assert_eq!(out, sum(b"Wikipedia").1);
    assert_eq!(unsafe { ck_sum_parts(ptr::null(), 0, &mut out) }, CK_OK);
    assert_eq!(out, Checksum { adler32: 1, bytes: 0 }, "no parts: the empty input");
    let bad = [CkPart { data: ptr::null(), len: 2 }];
    assert_eq!(unsafe { ck_sum_parts(bad.as_ptr(), 1, &mut out) }, CK_BAD_POINTER);
}

#[test]
fn the_structs_have_the_layout_the_c_declarations_in_checksum_go_give() {
    assert_eq!(size_of::<Checksum>(), 16);
    assert_eq!(offset_of!(Checksum, adler32), 0);
    assert_eq!(offset_of!(Checksum, bytes), 8);
    assert_eq!(size_of::<CkPart>(), 16);
    assert_eq!(offset_of!(CkPart, data), 0);
    assert_eq!(offset_of!(CkPart, len), 8);
}

#[test]
fn a_panic_in_guarded_work_is_a_status() {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {})); // keep the test's output clean
    let status = guarded(|| panic!("a bug in the work"));
    panic::set_hook(hook);
    assert_eq!(status, CK_PANICKED);
    assert_eq!(guarded(|| CK_OK), CK_OK);
}
