//! The C boundary Go calls: one call of `log_summarize` per request body.
//!
//! Go lends three things for the length of the call and Rust keeps no
//! pointer to any of them: the body (`body`, `len`), a `LogSummary` to fill
//! (`out`), and a buffer for a message (`msg`, `msg_cap`), where Rust writes
//! at most `msg_cap - 1` bytes, cut at a character boundary, then a NUL.
//! The answer is a status; `*out` is written only when it is `LOG_OK`.
//! Nothing is allocated for Go to free.

pub mod parse;

use std::any::Any;
use std::panic::catch_unwind;
use std::slice;

/// Done: `*out` holds the summary, and the message is empty.
pub const LOG_OK: i32 = 0;
/// The body is refused (not UTF-8, no lines), or a pointer or length is
/// not usable. The message says which; the same body gets the same answer.
pub const LOG_INVALID_INPUT: i32 = 1;
// 2 is BUSY in lesson 04's taxonomy; this library is never busy.
/// The parser panicked: a bug on the Rust side, caught here. The message is
/// the panic's.
pub const LOG_PANICKED: i32 = 3;

/// The summary as C sees it: fixed-size fields in a fixed order, which the
/// Go side reads through cgo as `C.LogSummary`. `levels` is indexed like
/// `parse::Level`: debug, info, warn, error.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LogSummary {
    pub lines: u64,
    pub bad: u64,
    pub first_bad_line: u64,
    pub levels: [u64; 4],
    pub p50_ms: u32,
    pub p99_ms: u32,
    pub max_ms: u32,
}

impl From<parse::Summary> for LogSummary {
    fn from(s: parse::Summary) -> Self {
        LogSummary {
            lines: s.lines,
            bad: s.bad,
            first_bad_line: s.first_bad_line,
            levels: s.levels,
            p50_ms: s.p50_ms,
            p99_ms: s.p99_ms,
            max_ms: s.max_ms,
        }
    }
}

/// The text of a panic's payload: a `&str` (a literal `panic!`) or a
/// `String` (a formatted one, and std's own panics); a fixed text otherwise.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic whose payload is not a string".to_string()
    }
}

/// Writes `text` into the caller's buffer: at most `cap - 1` bytes, cut at
/// a character boundary, then a NUL. A null `buf` or a `cap` of 0 writes
/// nothing.
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

/// A parser as the boundary calls it. `log_summarize` passes
/// `parse::summarize`; a test can pass one that panics.
pub type Summarizer = fn(&[u8]) -> Result<parse::Summary, parse::BodyError>;

/// The whole boundary, with the parser as a parameter: checks the pointers
/// and the length, runs `summarize` under `catch_unwind`, and answers with
/// a status, `*out` and a message.
///
/// # Safety
/// `body` must be valid for `len` bytes of reads (or `len` 0), `out` null
/// or valid for one write, `msg` as `write_message` says.
pub unsafe fn summarize_with(
    summarize: Summarizer,
    body: *const u8,
    len: usize,
    out: *mut LogSummary,
    msg: *mut u8,
    msg_cap: usize,
) -> i32 {
    // SAFETY: the caller's promise about msg and msg_cap.
    let say = |text: &str| unsafe { write_message(msg, msg_cap, text) };
    if out.is_null() || (len > 0 && body.is_null()) {
        say("null pointer passed to log_summarize");
        return LOG_INVALID_INPUT;
    }
    if len > isize::MAX as usize {
        say("length passed to log_summarize is larger than any buffer");
        return LOG_INVALID_INPUT;
    }
    // SAFETY: checked non-null and at most isize::MAX; the caller promises
    // `len` readable bytes that Go does not change during the call.
    let bytes: &[u8] = if len == 0 { &[] } else { unsafe { slice::from_raw_parts(body, len) } };
    // The closure captures a fn pointer and a shared slice, both
    // UnwindSafe: nothing it touches can be left half-changed.
    match catch_unwind(|| summarize(bytes)) {
        Ok(Ok(summary)) => {
            // SAFETY: checked non-null; the caller promises one write.
            unsafe { out.write(summary.into()) };
            say("");
            LOG_OK
        }
        Ok(Err(error)) => {
            say(&error.to_string());
            LOG_INVALID_INPUT
        }
        Err(payload) => {
            say(&panic_message(payload.as_ref()));
            LOG_PANICKED
        }
    }
}

/// Summarizes the `len` bytes at `body` into `*out`: the function Go calls.
///
/// # Safety
/// As for `summarize_with`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn log_summarize(
    body: *const u8,
    len: usize,
    out: *mut LogSummary,
    msg: *mut u8,
    msg_cap: usize,
) -> i32 {
    // SAFETY: the caller's promises, passed on unchanged.
    unsafe { summarize_with(parse::summarize, body, len, out, msg, msg_cap) }
}
