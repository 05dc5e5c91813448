//! Tasks 1 and 2: the exported functions, called from Rust the way cgo
//! calls them (a pointer and a length), with the pointers Go can send and
//! the ones it should not.

use std::panic;
use std::ptr;
use wordcount::*;

/// A WcCounts that no real call produces, to see whether *out was written.
const UNTOUCHED: WcCounts = WcCounts { lines: 77, words: 77, bytes: 77 };

/// Calls wc_count on a Rust slice: (status, what *out holds afterwards).
fn call(text: &[u8]) -> (i32, WcCounts) {
    let mut out = UNTOUCHED;
    let status = unsafe { wc_count(text.as_ptr(), text.len(), &mut out) };
    (status, out)
}

/// A WcDoc for a Rust slice, with a null pointer when it is empty (as the
/// Go wrapper sends an empty document).
fn doc(text: &[u8]) -> WcDoc {
    WcDoc { data: if text.is_empty() { ptr::null() } else { text.as_ptr() }, len: text.len() }
}

/// Calls wc_count_many: (status, what *out holds afterwards).
fn call_many(docs: &[WcDoc]) -> (i32, WcCounts) {
    let mut out = UNTOUCHED;
    let status = unsafe { wc_count_many(docs.as_ptr(), docs.len(), &mut out) };
    (status, out)
}

/// Runs `f` with the panic hook silenced, so the output shows the test's own messages.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = f();
    panic::set_hook(hook);
    result
}

// task: 1
#[test]
fn wc_count_counts_lines_words_and_bytes() {
    assert_eq!(call(b"one two\nthree\n"), (WC_OK, WcCounts { lines: 2, words: 3, bytes: 14 }));
    assert_eq!(call(b"  tabs\tand\r\nspaces "), (WC_OK, WcCounts { lines: 1, words: 3, bytes: 19 }));
}

// task: 1
// Go sends an empty slice as a null pointer and a length of 0: that is the
// empty text, not an error. (Without a check, from_raw_parts(null, 0) is
// undefined behaviour, and a debug build stops on it.)
#[test]
fn a_null_pointer_with_length_zero_is_the_empty_text() {
    let mut out = UNTOUCHED;
    let status = unsafe { wc_count(ptr::null(), 0, &mut out) };
    assert_eq!((status, out), (WC_OK, WcCounts::default()));
    assert_eq!(unsafe { bytes_from_c(ptr::null(), 0) }, Some(&[][..]));
    assert_eq!(call(b""), (WC_OK, WcCounts::default()), "a non-null pointer with length 0 too");
}

// task: 1
#[test]
fn a_null_pointer_with_a_length_is_refused_and_out_is_untouched() {
    let mut out = UNTOUCHED;
    let status = unsafe { wc_count(ptr::null(), 5, &mut out) };
    assert_eq!((status, out), (WC_NULL_POINTER, UNTOUCHED));
    assert_eq!(unsafe { bytes_from_c(ptr::null(), 5) }, None);
    assert_eq!(unsafe { wc_count(b"a b".as_ptr(), 3, ptr::null_mut()) }, WC_NULL_POINTER, "a null out");
}

// task: 1
// Go may reuse a buffer, with new contents, for the next call: what Rust
// saw in the last call is gone, even at the same address.
#[test]
fn the_same_buffer_with_new_contents_is_counted_again() {
    let mut buffer = *b"one two three\n";
    assert_eq!(call(&buffer), (WC_OK, WcCounts { lines: 1, words: 3, bytes: 14 }));
    buffer.copy_from_slice(b"one_two_three ");
    assert_eq!(call(&buffer), (WC_OK, WcCounts { lines: 0, words: 1, bytes: 14 }));
}

// task: 1
#[test]
fn wc_count_many_adds_up_every_document() {
    let docs = [doc(b"one two\n"), doc(b""), doc(b"three\nfour five\n")];
    assert_eq!(call_many(&docs), (WC_OK, WcCounts { lines: 3, words: 5, bytes: 24 }));
}

// task: 1
#[test]
fn wc_count_many_with_no_documents_is_all_zeros() {
    let mut out = UNTOUCHED;
    let status = unsafe { wc_count_many(ptr::null(), 0, &mut out) };
    assert_eq!((status, out), (WC_OK, WcCounts::default()));
}

// task: 1
#[test]
fn wc_count_many_refuses_null_pointers_that_come_with_a_length() {
    let mut out = UNTOUCHED;
    assert_eq!(unsafe { wc_count_many(ptr::null(), 2, &mut out) }, WC_NULL_POINTER, "null docs, n = 2");
    let docs = [doc(b"fine"), WcDoc { data: ptr::null(), len: 3 }];
    assert_eq!(call_many(&docs), (WC_NULL_POINTER, UNTOUCHED), "a document with a null pointer and 3 bytes");
    assert_eq!(unsafe { wc_count_many(docs.as_ptr(), 1, ptr::null_mut()) }, WC_NULL_POINTER, "a null out");
}

// task: 2
// count.rs panics on a text whose last byte is \r. The boundary must turn
// that into WC_PANICKED; out keeps what it held.
#[test]
fn a_panic_in_count_is_wc_panicked() {
    assert_eq!(quietly(|| call(b"last line\r")), (WC_PANICKED, UNTOUCHED));
}

// task: 2
#[test]
fn after_a_panic_the_next_call_works() {
    for _ in 0..3 {
        assert_eq!(quietly(|| call(b"\r")).0, WC_PANICKED);
    }
    assert_eq!(call(b"still here\r\n"), (WC_OK, WcCounts { lines: 1, words: 2, bytes: 12 }));
}

// task: 2
#[test]
fn a_panic_in_one_document_is_wc_panicked_for_the_batch() {
    let docs = [doc(b"fine\n"), doc(b"broken\r")];
    assert_eq!(quietly(|| call_many(&docs)), (WC_PANICKED, UNTOUCHED));
}
