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
///
/// Task 2: as it stands, Rust may lay these fields out in any order it
/// likes. Give it the layout C (and so cgo) expects.
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
/// `String` (a formatted one, and std's own panics); a fixed text otherwise:
/// "a panic whose payload is not a string".
///
/// Task 2.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    let _ = payload;
    String::new()
}

/// Writes `text` into the caller's buffer: at most `cap - 1` bytes, cut at
/// a character boundary, then a NUL. A null `buf` or a `cap` of 0 writes
/// nothing.
///
/// Task 2.
///
/// # Safety
/// `buf` must be null or valid for `cap` bytes of writes.
pub unsafe fn write_message(buf: *mut u8, cap: usize, text: &str) {
    let _ = (buf, cap, text);
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
    // Task 2: this trusts every pointer and length, lets a panic run into
    // the `extern "C"` function above (where Rust aborts the process), and
    // writes no message. Check the pointers and the length, run `summarize`
    // under catch_unwind, and answer every outcome with a status and a
    // message.
    let _ = (msg, msg_cap);
    let bytes = unsafe { slice::from_raw_parts(body, len) };
    match summarize(bytes) {
        Ok(summary) => {
            unsafe { out.write(summary.into()) };
            LOG_OK
        }
        Err(_) => LOG_INVALID_INPUT,
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
