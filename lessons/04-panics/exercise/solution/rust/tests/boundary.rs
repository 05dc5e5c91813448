//! Task 1: `kv_sum` answers every input with a status and a message, and a
//! panic in the parser is one of the answers, not the end of the process.

use kvsum::*;
use std::panic;
use std::ptr;

/// Calls kv_sum with a message buffer of `cap` bytes; (status, sum, message).
fn call(input: &str, cap: usize) -> (i32, u64, String) {
    let mut out = u64::MAX;
    let mut msg = vec![0xAAu8; cap];
    let status = unsafe { kv_sum(input.as_ptr(), input.len(), &mut out, msg.as_mut_ptr(), cap) };
    let end = msg.iter().position(|&b| b == 0).expect("the message must end with a NUL inside the buffer");
    (
        status,
        out,
        String::from_utf8(msg[..end].to_vec()).expect("the message must be UTF-8, cut at a character boundary"),
    )
}

/// Runs `f` with the panic hook silenced, so the test's own output is what you read.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = f();
    panic::set_hook(hook);
    result
}

// task: 1
#[test]
fn a_valid_input_is_summed_with_an_empty_message() {
    assert_eq!(call("a=1&b=22&c=+300", 64), (KV_OK, 323, String::new()));
    assert_eq!(call("", 64), (KV_OK, 0, String::new()), "an empty input is 0");
}

// task: 1
#[test]
fn an_invalid_input_says_which_pair_and_why() {
    let (status, _, message) = call("a=1&b=x", 64);
    assert_eq!(status, KV_INVALID_INPUT);
    assert_eq!(message, "pair 2 (\"b=x\"): the value is not a number");
}

// task: 1
#[test]
fn a_panic_in_the_parser_is_kv_panicked_with_its_message() {
    let (status, _, message) = quietly(|| call("a=1&b=&c=2", 128));
    assert_eq!(status, KV_PANICKED, "an empty value makes the parser panic; the boundary must catch it");
    assert_eq!(message, "index out of bounds: the len is 0 but the index is 0");
    assert_eq!(call("a=5", 64), (KV_OK, 5, String::new()), "and the next call works");
}

// task: 1
#[test]
fn the_message_fits_the_buffer_and_is_cut_at_a_character_boundary() {
    // "pair 1 (\"é=x\"): ..." has the two bytes of é at offsets 9 and 10.
    for cap in [1, 2, 9, 10, 11, 12, 200] {
        let (status, _, message) = call("é=x", cap);
        assert_eq!(status, KV_INVALID_INPUT);
        let full = "pair 1 (\"é=x\"): the value is not a number";
        assert!(message.len() < cap, "cap {cap}: {} bytes do not leave room for the NUL", message.len());
        assert!(full.starts_with(&message), "cap {cap}: {message:?} is not the start of the message");
        assert!(
            message.len() + 2 >= (cap - 1).min(full.len()),
            "cap {cap}: {message:?} is cut shorter than it must be"
        );
    }
    // No buffer at all is fine too.
    let mut out = 0;
    let status = unsafe { kv_sum(b"a=1".as_ptr(), 3, &mut out, ptr::null_mut(), 0) };
    assert_eq!((status, out), (KV_OK, 1));
}

// task: 1
#[test]
fn panic_message_reads_str_and_string_payloads() {
    let text = |f: fn()| quietly(|| panic_message(panic::catch_unwind(f).unwrap_err().as_ref()));
    assert_eq!(text(|| panic!("a literal")), "a literal");
    assert_eq!(text(|| panic!("formatted {}", 42)), "formatted 42");
    assert_eq!(text(|| std::panic::panic_any(7u8)), "a panic whose payload is not a string");
}
