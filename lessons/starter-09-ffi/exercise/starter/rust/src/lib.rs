//! The C boundary of the word counter: the two functions Go calls (see
//! wordcount.go), the structs they share with C, and the checks they owe
//! their callers. The counting itself is in count.rs.
//!
//! Each function answers with a status (`WC_*`) and writes its result to
//! `*out`, and only when the status is `WC_OK`. The memory Go passes is
//! lent for the call: nothing here may keep a pointer to it afterwards.

pub mod count;

use std::slice;

pub use count::{Counts, count};

/// Done: `*out` holds the counts.
pub const WC_OK: i32 = 0;
/// A pointer was null where memory was needed; `*out` is untouched.
pub const WC_NULL_POINTER: i32 = 1;
/// The counting code panicked; the boundary caught it. `*out` is untouched.
pub const WC_PANICKED: i32 = 2;

/// The counts as C lays them out: three `uint64_t`, in this order (the
/// `wc_counts` typedef in wordcount.go).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WcCounts {
    pub lines: u64,
    pub words: u64,
    pub bytes: u64,
}

impl WcCounts {
    /// Adds the counts of one more text.
    pub fn add(&mut self, counts: Counts) {
        self.lines += counts.lines;
        self.words += counts.words;
        self.bytes += counts.bytes;
    }
}

impl From<Counts> for WcCounts {
    fn from(counts: Counts) -> WcCounts {
        WcCounts { lines: counts.lines, words: counts.words, bytes: counts.bytes }
    }
}

/// One document of a batch, as C lays it out (`wc_doc` in wordcount.go): a
/// pointer to its bytes and their number. `data` may be null when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct WcDoc {
    pub data: *const u8,
    pub len: usize,
}

/// Task 1: the bytes at `data` as a slice, or `None` for a null `data` with
/// a `len` above 0. A `len` of 0 is the empty slice, whatever `data` is.
/// As it is, it checks nothing: read the Safety section of
/// `std::slice::from_raw_parts` for what it requires.
///
/// # Safety
/// When `len` is above 0 and `data` is not null, `data` must point to `len`
/// bytes that stay valid and unchanged while the slice is used. The
/// lifetime `'a` is the caller's to choose: the slice must not outlive the
/// call that received `data`.
pub unsafe fn bytes_from_c<'a>(data: *const u8, len: usize) -> Option<&'a [u8]> {
    // SAFETY: not yet: see Task 1.
    Some(unsafe { slice::from_raw_parts(data, len) })
}

/// Counts the `len` bytes at `data` into `*out`.
///
/// Task 1: check `out` before writing to it. Task 2: a panic in `count`
/// must not reach the end of this function.
///
/// # Safety
/// `data` must be valid for `len` bytes of reads during the call (or `len`
/// 0), and `out` null or valid for one write of a `WcCounts`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wc_count(data: *const u8, len: usize, out: *mut WcCounts) -> i32 {
    // SAFETY: the caller's promise about data and len.
    let Some(text) = (unsafe { bytes_from_c(data, len) }) else {
        return WC_NULL_POINTER;
    };
    let counts = count(text);
    // SAFETY: not yet: out may be null.
    unsafe { out.write(WcCounts::from(counts)) };
    WC_OK
}

/// Counts the `n` documents at `docs` and writes their totals into `*out`.
///
/// Task 1: write it, with the same checks as `wc_count` (a null `docs` is
/// fine when `n` is 0). Task 2: catch a panic here too.
///
/// # Safety
/// `docs` must be valid for `n` reads of a `WcDoc` (or `n` 0), each
/// document's `data` valid for its `len` bytes (or `len` 0), all during the
/// call; `out` as for `wc_count`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wc_count_many(docs: *const WcDoc, n: usize, out: *mut WcCounts) -> i32 {
    let _ = (docs, n, out);
    WC_NULL_POINTER
}
