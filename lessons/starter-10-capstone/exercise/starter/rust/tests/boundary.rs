//! Task 2: `log_summarize` answers every call with a status, a summary
//! only when the status is LOG_OK, and a message in the buffer Go lends.

use logstats::parse::{BodyError, Summary};
use logstats::*;
use std::panic;
use std::ptr;

/// A summary no real body produces: shows whether `*out` was written.
const UNTOUCHED: LogSummary =
    LogSummary { lines: 7, bad: 7, first_bad_line: 7, levels: [7; 4], p50_ms: 7, p99_ms: 7, max_ms: 7 };

/// Calls log_summarize with a message buffer of `cap` bytes; (status, summary, message).
fn call(body: &[u8], cap: usize) -> (i32, LogSummary, String) {
    let mut out = UNTOUCHED;
    let mut msg = vec![0xAAu8; cap];
    let status = unsafe { log_summarize(body.as_ptr(), body.len(), &mut out, msg.as_mut_ptr(), cap) };
    (status, out, message(&msg))
}

/// The message up to its NUL, which must be inside the buffer.
fn message(msg: &[u8]) -> String {
    let end = msg.iter().position(|&b| b == 0).expect("the message must end with a NUL inside the buffer");
    String::from_utf8(msg[..end].to_vec()).expect("the message must be UTF-8, cut at a character boundary")
}

/// Runs `f` with the panic hook silenced, so the test's own output is what you read.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = f();
    panic::set_hook(hook);
    result
}

fn panics_with_a_literal(_: &[u8]) -> Result<Summary, BodyError> {
    panic!("the parser gave up")
}

fn panics_out_of_bounds(body: &[u8]) -> Result<Summary, BodyError> {
    let empty: &[u8] = &body[..0];
    Ok(Summary { lines: empty[0] as u64, ..Summary::default() })
}

// task: 2
#[test]
fn a_good_body_fills_the_summary_field_by_field() {
    let body = b"ts=1 level=info dur_ms=30 path=/a\nts=2 level=error dur_ms=10 path=/b\nbad\n";
    let (status, out, message) = call(body, 64);
    assert_eq!(status, LOG_OK);
    assert_eq!(message, "", "LOG_OK comes with an empty message");
    assert_eq!(
        out,
        LogSummary { lines: 2, bad: 1, first_bad_line: 3, levels: [0, 1, 0, 1], p50_ms: 10, p99_ms: 30, max_ms: 30 }
    );
}

// task: 2
#[test]
fn the_c_struct_has_the_layout_the_go_side_declares() {
    // Seven u64 then three u32, as in the C declaration in logstats.go: 68
    // bytes of fields, padded to 72 for 8-byte alignment.
    assert_eq!(std::mem::size_of::<LogSummary>(), 72);
    assert_eq!(std::mem::align_of::<LogSummary>(), 8);
    assert_eq!(std::mem::offset_of!(LogSummary, levels), 24);
    assert_eq!(std::mem::offset_of!(LogSummary, p50_ms), 56);
    assert_eq!(std::mem::offset_of!(LogSummary, max_ms), 64);
}

// task: 2
#[test]
fn a_refused_body_is_invalid_input_with_the_parsers_message_and_no_summary() {
    assert_eq!(call(b"\xff\xfe", 64), (LOG_INVALID_INPUT, UNTOUCHED, "the body is not UTF-8".to_string()));
    assert_eq!(call(b"\n\n", 64), (LOG_INVALID_INPUT, UNTOUCHED, "the body has no log lines".to_string()));
}

// task: 2
// Go passes a nil pointer for an empty slice: with a length of 0 that is
// an empty body, not a crash.
#[test]
fn null_pointers_and_impossible_lengths_are_refused_without_reading() {
    let mut out = UNTOUCHED;
    let mut msg = [0xAAu8; 64];
    let status = unsafe { log_summarize(ptr::null(), 0, &mut out, msg.as_mut_ptr(), msg.len()) };
    assert_eq!((status, out, message(&msg)), (LOG_INVALID_INPUT, UNTOUCHED, "the body has no log lines".to_string()));

    let status = unsafe { log_summarize(ptr::null(), 10, &mut out, msg.as_mut_ptr(), msg.len()) };
    assert_eq!(
        (status, out, message(&msg)),
        (LOG_INVALID_INPUT, UNTOUCHED, "null pointer passed to log_summarize".to_string())
    );

    let body = b"ts=1 level=info dur_ms=1 path=/";
    let status = unsafe { log_summarize(body.as_ptr(), body.len(), ptr::null_mut(), msg.as_mut_ptr(), msg.len()) };
    assert_eq!((status, message(&msg)), (LOG_INVALID_INPUT, "null pointer passed to log_summarize".to_string()));

    // A length no allocation can have (over isize::MAX): refused before
    // any slice is made from it.
    let status = unsafe { log_summarize(body.as_ptr(), usize::MAX, &mut out, msg.as_mut_ptr(), msg.len()) };
    assert_eq!(status, LOG_INVALID_INPUT);
    assert_eq!(out, UNTOUCHED);
    assert!(message(&msg).contains("length"), "the message {:?} should name the length", message(&msg));
}

// task: 2
#[test]
fn a_panic_in_the_parser_is_log_panicked_with_its_message() {
    let body = b"ts=1 level=info dur_ms=1 path=/";
    let mut out = UNTOUCHED;
    let mut msg = [0u8; 128];
    let status = quietly(|| unsafe {
        summarize_with(panics_with_a_literal, body.as_ptr(), body.len(), &mut out, msg.as_mut_ptr(), msg.len())
    });
    assert_eq!((status, out, message(&msg)), (LOG_PANICKED, UNTOUCHED, "the parser gave up".to_string()));

    let status = quietly(|| unsafe {
        summarize_with(panics_out_of_bounds, body.as_ptr(), body.len(), &mut out, msg.as_mut_ptr(), msg.len())
    });
    assert_eq!(status, LOG_PANICKED);
    assert_eq!(message(&msg), "index out of bounds: the len is 0 but the index is 0");

    // And the boundary still answers afterwards.
    assert_eq!(call(body, 64).0, LOG_OK);
}

// task: 2
#[test]
fn panic_message_reads_str_and_string_payloads() {
    let text = |f: fn()| quietly(|| panic_message(panic::catch_unwind(f).unwrap_err().as_ref()));
    assert_eq!(text(|| panic!("a literal")), "a literal");
    assert_eq!(text(|| panic!("formatted {}", 42)), "formatted 42");
    assert_eq!(text(|| panic::panic_any(7u8)), "a panic whose payload is not a string");
}

// task: 2
#[test]
fn the_message_fits_the_buffer_and_is_never_cut_inside_a_character() {
    let full = "the parser gave up: ü";
    for cap in 1..=full.len() + 4 {
        let mut msg = vec![0xAAu8; cap];
        unsafe { write_message(msg.as_mut_ptr(), cap, full) };
        let got = message(&msg);
        assert!(got.len() < cap, "cap {cap}: {} bytes leave no room for the NUL", got.len());
        assert!(full.starts_with(&got), "cap {cap}: {got:?} is not the start of the message");
        assert!(got.len() + 1 >= (cap - 1).min(full.len()), "cap {cap}: {got:?} is cut shorter than it must be");
    }
    // No buffer, or a buffer of 0 bytes: nothing is written, nothing breaks.
    unsafe { write_message(ptr::null_mut(), 16, full) };
    let mut one = [0xAAu8; 1];
    unsafe { write_message(one.as_mut_ptr(), 0, full) };
    assert_eq!(one, [0xAA]);
}
