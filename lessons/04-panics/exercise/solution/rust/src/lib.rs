//! The C boundary Go calls: `kv_sum` runs the parser in `parse.rs` and
//! answers with a status from a small, stable taxonomy, plus a message.
//!
//! The statuses are the lesson's (its program uses the same numbers): the
//! Go side decides what to do from the status alone, and logs the message.
//! The message goes into a buffer Go provides for the call (`msg`,
//! `msg_cap`): Rust writes at most `msg_cap - 1` bytes, cut at a character
//! boundary, then a NUL, and keeps no pointer to it. Nothing is allocated
//! for Go to free.

pub mod parse;

use std::any::Any;
use std::panic::catch_unwind;
use std::slice;

/// Done: `*out` holds the sum, and the message is empty.
pub const KV_OK: i32 = 0;
/// The input breaks the parser's rules, or a pointer is null. The message
/// says what; the same input gets the same answer, so do not retry.
pub const KV_INVALID_INPUT: i32 = 1;
// 2 is BUSY in the lesson's program; this library is never busy.
/// The parser panicked: a bug on the Rust side, caught here. The message is
/// the panic's. The input may well be valid: another implementation may
/// answer it.
pub const KV_PANICKED: i32 = 3;

/// Task 1: the text of a panic's payload. `panic!("...")` with a literal
/// carries a `&'static str`; with format arguments, and for the standard
/// library's own panics such as an index out of bounds, a `String`.
/// Anything else gets a fixed text.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic whose payload is not a string".to_string()
    }
}

/// Task 1: writes `text` into the caller's buffer: at most `cap - 1` bytes,
/// cut at a character boundary so that Go never gets half a character, then
/// a NUL. A null `buf` or a `cap` of 0 writes nothing.
///
/// # Safety
/// `buf` must be null or valid for `cap` bytes of writes.
pub unsafe fn write_message(buf: *mut u8, cap: usize, text: &str) {
    if buf.is_null() || cap == 0 {
        return;
    }
    let mut n = text.len().min(cap - 1);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    // SAFETY: non-null, and the caller promises `cap` writable bytes; n < cap.
    let out = unsafe { slice::from_raw_parts_mut(buf, n + 1) };
    out[..n].copy_from_slice(&text.as_bytes()[..n]);
    out[n] = 0;
}

/// Sums the `key=value` pairs of the `len` bytes at `input` into `*out`.
///
/// Task 1: as the starter has it, a panic in the parser unwinds to the end
/// of this `extern "C"` function, where Rust aborts the whole process.
/// Catch it, and answer `KV_PANICKED` with the panic's message.
///
/// # Safety
/// `input` must be valid for `len` bytes (or `len` 0), `out` null or valid
/// for one write, `msg` as `write_message` says.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kv_sum(input: *const u8, len: usize, out: *mut u64, msg: *mut u8, msg_cap: usize) -> i32 {
    // SAFETY: the caller's promise about msg and msg_cap.
    let say = |text: &str| unsafe { write_message(msg, msg_cap, text) };
    if out.is_null() || (len > 0 && input.is_null()) {
        say("null pointer passed to kv_sum");
        return KV_INVALID_INPUT;
    }
    // SAFETY: checked non-null; the caller promises `len` readable bytes.
    let bytes: &[u8] = if len == 0 { &[] } else { unsafe { slice::from_raw_parts(input, len) } };
    let Ok(text) = std::str::from_utf8(bytes) else {
        say("the input is not UTF-8");
        return KV_INVALID_INPUT;
    };
    // The closure only reads `text`, which is unwind-safe: no
    // AssertUnwindSafe needed, and nothing here is left half-changed.
    match catch_unwind(|| parse::sum_values(text)) {
        Ok(Ok(sum)) => {
            // SAFETY: checked non-null; the caller promises one write.
            unsafe { out.write(sum) };
            say("");
            KV_OK
        }
        Ok(Err(error)) => {
            say(&error.to_string());
            KV_INVALID_INPUT
        }
        Err(payload) => {
            say(&panic_message(payload.as_ref()));
            KV_PANICKED
        }
    }
}
