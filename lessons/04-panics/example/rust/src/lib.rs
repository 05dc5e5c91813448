//! The C boundary of lesson 04: a handle (`Accelerator`) that summarises
//! batches of order lines (parse.rs) for a Go service, and what its entry
//! points do when Rust panics.
//!
//! Every entry point but one runs its work inside `catch_unwind` (`guarded`)
//! and answers with one status of a small, stable taxonomy (`OSUM_*`). A
//! caught panic poisons the handle: unwinding runs destructors, not the
//! error paths' clean-up, so whatever the panicking call was changing stays
//! half changed, and the handle refuses all work from then on
//! (`OSUM_POISONED`) until Go frees it and creates a new one. std's `Mutex`
//! does the same for the same reason: a lock whose holder panicked is
//! poisoned.
//!
//! `osum_summarize_unguarded` runs the same work without `catch_unwind`. A
//! panic that reaches the end of an `extern "C"` function cannot go on
//! unwinding, and since Rust 1.81 Rust then aborts the process: "panic in a
//! function that cannot unwind", then SIGABRT, which Go's runtime reports
//! ("SIGABRT: abort", "signal arrived during cgo execution") before it exits
//! with status 2 (with GOTRACEBACK=crash it re-raises the signal instead).
//! The Go program's `-mode abort` shows it.
//!
//! `extern "C-unwind"` is never the fix toward Go. It lets a panic unwind
//! into the caller's frames, which is what a C++ or Rust caller built for it
//! wants; above these frames are cgo's C stub and Go's own frames, which no
//! unwinder may cross: Go's runtime expects every cgo call to return, and a
//! Go `defer` or `recover` cannot see a Rust panic. Tried on this course's
//! machines (Go 1.26, Rust 1.95), the unwinder finds no handler and Rust
//! aborts all the same ("fatal runtime error: failed to initiate panic,
//! error 5, aborting"); were it to unwind through Go's frames, that would
//! be undefined behaviour. The panic has to stop in Rust, and the answer has
//! to cross as a value.
//!
//! The message that goes with a status travels in a buffer the caller
//! provides for each call (`msg`, `msg_cap`), not as a "last error" to fetch
//! afterwards. A per-thread last error (errno's way) does not work from Go:
//! a goroutine can make its next cgo call on another OS thread. A per-handle
//! last error does not work either: Go's workers share one handle, and
//! another call could overwrite the message before it is read. The buffer
//! is the caller's (Go memory, lent for the call as cgo's rules allow: it
//! holds no pointers, and Rust keeps no pointer to it afterwards). Rust
//! writes at most `msg_cap - 1` bytes of the message, cut at a character
//! boundary, then a NUL, and writes an empty string when the status is OK;
//! a null `msg` or a `msg_cap` of 0 means no message. There is nothing to
//! free.

pub mod parse;

use std::any::Any;
use std::cell::Cell;
use std::ffi::c_char;
use std::panic::{self, UnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, OnceLock, PoisonError, TryLockError};

pub use parse::Summary;

/// Done; the out-parameters hold the answer.
pub const OSUM_OK: i32 = 0;
/// The call's arguments are wrong: a bad batch (the message names the line)
/// or a null pointer. The same call gets the same answer: do not retry.
pub const OSUM_INVALID_INPUT: i32 = 1;
/// Every lane of the handle is in use. Refused before any work, so nothing
/// changed; the same call may succeed a moment later.
pub const OSUM_BUSY: i32 = 2;
/// The call panicked: a bug in Rust, caught here. The message is the
/// panic's. The handle is now poisoned.
pub const OSUM_PANICKED: i32 = 3;
/// An earlier call on this handle panicked; refused without running. Free
/// the handle and create a new one.
pub const OSUM_POISONED: i32 = 4;

/// Most lanes one handle may have.
pub const MAX_LANES: u32 = 64;

/// A failed call: its status and the message for the caller's log.
#[derive(Debug, PartialEq, Eq)]
pub struct Failure {
    pub status: i32,
    pub message: String,
}

impl Failure {
    fn new(status: i32, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into() }
    }
}

/// One lane: what a call needs to itself (scratch space for the amounts)
/// and running counts of what the lane has summed.
#[derive(Default)]
struct Lane {
    amounts: Vec<i64>,
    batches: u64,
    records: u64,
    cents: i64,
}

/// The summariser Go holds a pointer to. It runs as many calls at once as
/// it has lanes, each on a lane of its own, and refuses one more with
/// `OSUM_BUSY` instead of making it wait: the caller keeps control of how
/// long to wait and whether to retry.
pub struct Accelerator {
    lanes: Vec<Mutex<Lane>>,
    /// Set by the boundary when a call on this handle panicked; never cleared.
    poisoned: AtomicBool,
    /// The first panic's message, for the answers of later calls.
    first_panic: OnceLock<String>,
}

/// A handle's counts, for Go to log. Works on a poisoned handle too: that
/// is when they are most interesting.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub lanes: u32,
    /// 1 when the handle is poisoned.
    pub poisoned: u32,
    /// Batches answered with OSUM_OK.
    pub batches: u64,
    /// Lines counted, the running count the lanes keep as they parse.
    pub records: u64,
    /// Cents counted with those lines.
    pub cents: i64,
}

impl Accelerator {
    /// A handle with `lanes` lanes (1 to `MAX_LANES`).
    pub fn new(lanes: u32) -> Result<Accelerator, Failure> {
        if lanes == 0 || lanes > MAX_LANES {
            return Err(Failure::new(OSUM_INVALID_INPUT, format!("lanes must be from 1 to {MAX_LANES}, not {lanes}")));
        }
        Ok(Accelerator {
            lanes: (0..lanes).map(|_| Mutex::new(Lane::default())).collect(),
            poisoned: AtomicBool::new(false),
            first_panic: OnceLock::new(),
        })
    }

    /// Summarises one batch on a free lane.
    ///
    /// The lane counts each line as soon as it is parsed (the way a
    /// streaming parser feeds its metrics), and the error path takes the
    /// counts back when a later line is bad. A panic skips that error path:
    /// the lines before the panic stay counted for a batch that never got
    /// an answer.
    pub fn summarize(&self, batch: &[u8]) -> Result<Summary, Failure> {
        if self.poisoned.load(Ordering::Acquire) {
            return Err(self.poisoned_failure());
        }
        let mut guard = self.free_lane()?;
        let lane = &mut *guard;
        let (records, cents) = (lane.records, lane.cents);
        let counts = (&mut lane.records, &mut lane.cents);
        let result = parse::summarize(batch, &mut lane.amounts, |line_cents| {
            *counts.0 += 1;
            *counts.1 = counts.1.saturating_add(line_cents);
        });
        match result {
            Ok(summary) => {
                lane.batches += 1;
                Ok(summary)
            }
            Err(bad) => {
                lane.records = records;
                lane.cents = cents;
                Err(Failure::new(OSUM_INVALID_INPUT, bad.0))
            }
        }
    }

    /// The first lane no other call holds, or `OSUM_BUSY`. A lane whose
    /// mutex std poisoned (its holder panicked) answers `OSUM_POISONED`,
    /// even in the instant before the boundary has marked the handle.
    fn free_lane(&self) -> Result<MutexGuard<'_, Lane>, Failure> {
        for lane in &self.lanes {
            match lane.try_lock() {
                Ok(guard) => return Ok(guard),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Poisoned(_)) => return Err(self.poisoned_failure()),
            }
        }
        Err(Failure::new(
            OSUM_BUSY,
            format!(
                "no free lane (the handle has {}); nothing was done, the same call may succeed shortly",
                self.lanes.len()
            ),
        ))
    }

    fn poisoned_failure(&self) -> Failure {
        let first = self.first_panic.get().map_or("an earlier call", String::as_str);
        Failure::new(
            OSUM_POISONED,
            format!(
                "this handle is poisoned by a panic ({first}); its state may be half-updated, so it refuses all work: free it and create a new one"
            ),
        )
    }

    /// Marks the handle poisoned after a panic in one of its calls.
    fn poison(&self, message: &str) {
        let _ = self.first_panic.set(message.to_string());
        self.poisoned.store(true, Ordering::Release);
    }

    /// The handle's counts. Waits for calls in flight on each lane, and
    /// reads a lane std poisoned as it is (PoisonError::into_inner).
    pub fn stats(&self) -> Stats {
        let mut stats = Stats {
            lanes: self.lanes.len() as u32,
            poisoned: u32::from(self.poisoned.load(Ordering::Acquire)),
            ..Stats::default()
        };
        for lane in &self.lanes {
            let lane = lane.lock().unwrap_or_else(PoisonError::into_inner);
            stats.batches += lane.batches;
            stats.records += lane.records;
            stats.cents = stats.cents.saturating_add(lane.cents);
        }
        stats
    }
}

thread_local! {
    /// Where the current thread's last panic happened, as the hook saw it.
    static PANIC_AT: Cell<Option<String>> = const { Cell::new(None) };
}

/// Installs, once per process, a panic hook that remembers where a panic
/// happened (a panic's payload holds only its message; the location is
/// known only to the hook) and then runs the hook that was there before,
/// std's default one unless the program set another, which prints the
/// panic to stderr as usual. The hook runs before the unwinding starts,
/// whether or not a catch_unwind will catch it, on the panicking thread:
/// the same thread that reaches catch_unwind, within the same cgo call.
fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let at = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
            let _ = PANIC_AT.try_with(|cell| cell.set(at));
            previous(info);
        }));
    });
}

/// A panic's message: its payload when that is a `&str` (`panic!("text")`)
/// or a `String` (`panic!("{x}")`, and std's own panics, index out of
/// bounds among them).
pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a panic whose payload is not a string"
    }
}

/// Runs `body`, the work of one entry point, inside catch_unwind. A failure
/// writes its message to `msg` and comes back as its status. A panic comes
/// back as `OSUM_PANICKED`, with the panic's message and location, and
/// poisons `acc` when the call had a handle.
///
/// `body` must be UnwindSafe, and the compiler checks it: everything it may
/// change is behind a Mutex (std poisons it) or an atomic. No
/// AssertUnwindSafe here.
fn guarded<T>(
    acc: Option<&Accelerator>,
    msg: &mut Message,
    body: impl FnOnce() -> Result<T, Failure> + UnwindSafe,
) -> Result<T, i32> {
    let outcome = catch_unwind(body).unwrap_or_else(|payload| {
        let at = PANIC_AT.try_with(Cell::take).ok().flatten();
        let message = match at {
            Some(at) => format!("panicked at {at}: {}", panic_message(&*payload)),
            None => format!("panicked: {}", panic_message(&*payload)),
        };
        if let Some(acc) = acc {
            acc.poison(&message);
        }
        // `payload` is dropped here. A payload whose destructor panicked
        // would escape this function (and abort); `&str` and `String`, what
        // `panic!` and std make, cannot.
        Err(Failure::new(OSUM_PANICKED, message))
    });
    match outcome {
        Ok(value) => {
            msg.write("");
            Ok(value)
        }
        Err(failure) => {
            msg.write(&failure.message);
            Err(failure.status)
        }
    }
}

/// The caller's message buffer: `cap` bytes at `ptr`, writable during the
/// call only.
struct Message {
    ptr: *mut c_char,
    cap: usize,
}

impl Message {
    /// # Safety
    /// `ptr` must be null or valid for `cap` bytes of writes for the call.
    unsafe fn new(ptr: *mut c_char, cap: usize) -> Message {
        Message { ptr, cap }
    }

    /// Writes `text`, cut to at most `cap - 1` bytes at a character
    /// boundary, and a NUL; returns the bytes written before the NUL.
    fn write(&mut self, text: &str) -> usize {
        if self.ptr.is_null() || self.cap == 0 {
            return 0;
        }
        let mut n = text.len().min(self.cap - 1);
        while !text.is_char_boundary(n) {
            n -= 1;
        }
        // SAFETY: `ptr` is valid for `cap` bytes (Message::new's contract)
        // and n + 1 <= cap; `text` is Rust memory, so they do not overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), self.ptr.cast::<u8>(), n);
            self.ptr.add(n).write(0);
        }
        n
    }
}

/// `len` bytes at `data` as a slice; None for a null `data` with a length.
///
/// # Safety
/// A non-null `data` must point to `len` bytes that nothing writes during
/// the call.
unsafe fn bytes<'a>(data: *const u8, len: usize) -> Option<&'a [u8]> {
    if len == 0 {
        Some(&[])
    } else if data.is_null() {
        None
    } else {
        // SAFETY: the caller's promise.
        Some(unsafe { std::slice::from_raw_parts(data, len) })
    }
}

/// Creates a handle with `lanes` lanes and writes it to `*out`. Also
/// installs the panic hook (see `install_panic_hook`).
///
/// # Safety
/// `out` must be null (`OSUM_INVALID_INPUT`) or valid for one write; `msg`
/// as in the crate's documentation. The handle must be given to `osum_free`
/// exactly once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn osum_new(lanes: u32, out: *mut *mut Accelerator, msg: *mut c_char, msg_cap: usize) -> i32 {
    // SAFETY: the caller's promise about msg.
    let mut msg = unsafe { Message::new(msg, msg_cap) };
    let made = guarded(None, &mut msg, || {
        install_panic_hook();
        if out.is_null() {
            return Err(Failure::new(OSUM_INVALID_INPUT, "out is a null pointer"));
        }
        Ok(Box::into_raw(Box::new(Accelerator::new(lanes)?)))
    });
    match made {
        Ok(handle) => {
            // SAFETY: checked non-null above; the caller promises it is
            // valid for a write.
            unsafe { out.write(handle) };
            OSUM_OK
        }
        Err(status) => status,
    }
}

/// Frees a handle `osum_new` made. Null frees nothing.
///
/// # Safety
/// `acc` must be null or a handle from `osum_new` not freed yet, with no
/// call on it in flight (the Go side waits for them).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn osum_free(acc: *mut Accelerator) {
    if acc.is_null() {
        return;
    }
    // SAFETY: the caller's promise: a live handle, given back once.
    let owned = unsafe { Box::from_raw(acc) };
    // Dropping Vecs and Mutexes cannot panic; guarded anyway, like every
    // entry point, so that no future change can make a panic escape here.
    let _ = guarded(None, &mut Message { ptr: std::ptr::null_mut(), cap: 0 }, move || {
        drop(owned);
        Ok(())
    });
}

/// Summarises `len` bytes at `data` (a batch of order lines, parse.rs) and
/// writes the summary to `*out`.
///
/// # Safety
/// `acc` must be null (`OSUM_INVALID_INPUT`) or a live handle; `data` must
/// be null with `len` 0, or point to `len` bytes nothing writes during the
/// call (Rust keeps no pointer to them); `out` must be null
/// (`OSUM_INVALID_INPUT`) or valid for one write; `msg` as in the crate's
/// documentation.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn osum_summarize(
    acc: *const Accelerator,
    data: *const u8,
    len: usize,
    out: *mut Summary,
    msg: *mut c_char,
    msg_cap: usize,
) -> i32 {
    // SAFETY: the caller's promises, as documented above.
    let (mut msg, acc, batch) = unsafe { (Message::new(msg, msg_cap), acc.as_ref(), bytes(data, len)) };
    let answer = guarded(acc, &mut msg, || {
        let (Some(acc), Some(batch), false) = (acc, batch, out.is_null()) else {
            return Err(null_pointers(acc.is_none(), batch.is_none()));
        };
        acc.summarize(batch)
    });
    match answer {
        Ok(summary) => {
            // SAFETY: checked non-null inside; valid for a write (caller).
            unsafe { out.write(summary) };
            OSUM_OK
        }
        Err(status) => status,
    }
}

/// The same as `osum_summarize`, without catch_unwind: a panic (a line with
/// a discount) reaches the end of this `extern "C"` function, and Rust
/// aborts the process. There only for `-mode abort`.
///
/// # Safety
/// As for `osum_summarize`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn osum_summarize_unguarded(
    acc: *const Accelerator,
    data: *const u8,
    len: usize,
    out: *mut Summary,
    msg: *mut c_char,
    msg_cap: usize,
) -> i32 {
    // SAFETY: the caller's promises, as documented above.
    let (mut msg, acc, batch) = unsafe { (Message::new(msg, msg_cap), acc.as_ref(), bytes(data, len)) };
    let (Some(acc), Some(batch), false) = (acc, batch, out.is_null()) else {
        let failure = null_pointers(acc.is_none(), batch.is_none());
        msg.write(&failure.message);
        return failure.status;
    };
    match acc.summarize(batch) {
        Ok(summary) => {
            // SAFETY: checked non-null; valid for a write (caller).
            unsafe { out.write(summary) };
            msg.write("");
            OSUM_OK
        }
        Err(failure) => {
            msg.write(&failure.message);
            failure.status
        }
    }
}

fn null_pointers(no_handle: bool, no_data: bool) -> Failure {
    let what = if no_handle {
        "the handle is a null pointer"
    } else if no_data {
        "data is a null pointer with a length above 0"
    } else {
        "out is a null pointer"
    };
    Failure::new(OSUM_INVALID_INPUT, what)
}

/// Writes the handle's counts to `*out`; works on a poisoned handle.
///
/// # Safety
/// `acc` must be null (`OSUM_INVALID_INPUT`) or a live handle; `out` null
/// (`OSUM_INVALID_INPUT`) or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn osum_stats(acc: *const Accelerator, out: *mut Stats) -> i32 {
    // SAFETY: the caller's promise.
    let acc = unsafe { acc.as_ref() };
    let stats = guarded(acc, &mut Message { ptr: std::ptr::null_mut(), cap: 0 }, || match acc {
        Some(acc) if !out.is_null() => Ok(acc.stats()),
        _ => Err(null_pointers(acc.is_none(), false)),
    });
    match stats {
        Ok(stats) => {
            // SAFETY: checked non-null; valid for a write (caller).
            unsafe { out.write(stats) };
            OSUM_OK
        }
        Err(status) => status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr;

    const GOOD: &[u8] = b"a,2,150\nb,1,999\nc,3,10\n";
    /// Line 3 has a discount: the parser's bug panics on it.
    const BUGGY: &[u8] = b"a,2,150\nb,1,999\nc,3,10,5\nd,1,1\n";

    /// A handle made through the C entry point; freed on drop.
    struct Handle(*mut Accelerator);

    impl Handle {
        fn new(lanes: u32) -> Handle {
            let mut h = ptr::null_mut();
            assert_eq!(unsafe { osum_new(lanes, &mut h, ptr::null_mut(), 0) }, OSUM_OK);
            Handle(h)
        }

        fn acc(&self) -> &Accelerator {
            unsafe { &*self.0 }
        }

        /// osum_summarize, with a 256-byte message buffer.
        fn summarize(&self, batch: &[u8]) -> (i32, Summary, String) {
            let mut out = Summary::default();
            let mut buf = [0 as c_char; 256];
            let status =
                unsafe { osum_summarize(self.0, batch.as_ptr(), batch.len(), &mut out, buf.as_mut_ptr(), buf.len()) };
            (status, out, unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_string())
        }

        fn stats(&self) -> Stats {
            let mut stats = Stats::default();
            assert_eq!(unsafe { osum_stats(self.0, &mut stats) }, OSUM_OK);
            stats
        }
    }

    impl Drop for Handle {
        fn drop(&mut self) {
            unsafe { osum_free(self.0) }
        }
    }

    #[test]
    fn a_good_batch_is_summed_with_an_empty_message() {
        let h = Handle::new(2);
        let (status, summary, msg) = h.summarize(GOOD);
        assert_eq!((status, msg.as_str()), (OSUM_OK, ""));
        assert_eq!(summary, Summary { records: 3, total_cents: 1329, max_cents: 999, median_cents: 300 });
        assert_eq!(h.stats(), Stats { lanes: 2, poisoned: 0, batches: 1, records: 3, cents: 1329 });
    }

    #[test]
    fn bad_input_is_named_and_its_counts_are_taken_back() {
        let h = Handle::new(1);
        h.summarize(GOOD);
        let (status, _, msg) = h.summarize(b"x,1,1\ny,1,1\nz,one,1\n");
        assert_eq!((status, msg.as_str()), (OSUM_INVALID_INPUT, "line 3: qty \"one\" is not a whole number"));
        assert_eq!(h.stats().records, 3, "the two good lines of the bad batch were counted, then taken back");
        assert_eq!(h.summarize(GOOD).0, OSUM_OK, "bad input does not poison the handle");
    }

    #[test]
    fn a_panic_is_caught_with_its_message_and_location_and_poisons_the_handle() {
        let h = Handle::new(2);
        h.summarize(GOOD);
        let (status, _, msg) = h.summarize(BUGGY);
        assert_eq!(status, OSUM_PANICKED);
        assert!(msg.starts_with("panicked at src/parse.rs:"), "{msg}");
        assert!(msg.ends_with(": index out of bounds: the len is 4 but the index is 4"), "{msg}");

        // Unwinding is not rollback: the two lines before the panic stay
        // counted, for a batch that got no answer.
        assert_eq!(h.stats(), Stats { lanes: 2, poisoned: 1, batches: 1, records: 3 + 2, cents: 1329 + 300 + 999 });

        let (status, _, later) = h.summarize(GOOD);
        assert_eq!(status, OSUM_POISONED);
        assert!(later.contains(&msg), "later answers name the first panic: {later}");
        assert_eq!(h.stats().records, 5, "a poisoned handle does no work");
    }

    #[test]
    fn std_poisons_the_lane_too() {
        let h = Handle::new(1);
        h.summarize(BUGGY);
        assert!(h.acc().lanes[0].is_poisoned());
    }

    #[test]
    fn a_call_finding_every_lane_in_use_is_busy_and_changes_nothing() {
        let h = Handle::new(2);
        let held: Vec<_> = h.acc().lanes.iter().map(|l| l.lock().unwrap()).collect();
        let (status, _, msg) = h.summarize(GOOD);
        assert_eq!(status, OSUM_BUSY);
        assert_eq!(msg, "no free lane (the handle has 2); nothing was done, the same call may succeed shortly");
        drop(held);
        assert_eq!(h.stats().records, 0);
        assert_eq!(h.summarize(GOOD).0, OSUM_OK);
    }

    #[test]
    fn null_pointers_and_bad_lane_counts_are_invalid_input() {
        let h = Handle::new(1);
        let mut out = Summary::default();
        let mut buf = [0 as c_char; 64];
        let call = |acc, data, len, out| unsafe { osum_summarize(acc, data, len, out, buf.as_ptr().cast_mut(), 64) };
        assert_eq!(call(ptr::null(), GOOD.as_ptr(), GOOD.len(), &mut out), OSUM_INVALID_INPUT);
        assert_eq!(call(h.0, ptr::null(), 3, &mut out), OSUM_INVALID_INPUT);
        assert_eq!(call(h.0, GOOD.as_ptr(), GOOD.len(), ptr::null_mut()), OSUM_INVALID_INPUT);
        assert_eq!(call(h.0, ptr::null(), 0, &mut out), OSUM_OK, "no data with length 0 is an empty batch");
        let mut handle = ptr::null_mut();
        for lanes in [0, MAX_LANES + 1] {
            assert_eq!(unsafe { osum_new(lanes, &mut handle, buf.as_mut_ptr(), 64) }, OSUM_INVALID_INPUT);
        }
        assert_eq!(unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap(), "lanes must be from 1 to 64, not 65");
        assert!(handle.is_null());
        assert_eq!(unsafe { osum_stats(ptr::null(), &mut Stats::default()) }, OSUM_INVALID_INPUT);
        unsafe { osum_free(ptr::null_mut()) };
    }

    #[test]
    fn messages_are_cut_at_a_character_boundary_and_end_in_nul() {
        let written = |cap: usize, text: &str| {
            let mut buf = vec![0x7f as c_char; cap];
            let n = unsafe { Message::new(buf.as_mut_ptr(), cap) }.write(text);
            assert_eq!(buf[n], 0, "a NUL right after the text");
            unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap().to_string()
        };
        assert_eq!(written(64, "fits"), "fits");
        assert_eq!(written(5, "truncated"), "trun");
        // 'é' is two bytes: a cut after 2 bytes would split it.
        assert_eq!(written(3, "aé"), "a");
        assert_eq!(written(1, "anything"), "");
        assert_eq!(unsafe { Message::new(ptr::null_mut(), 10) }.write("anything"), 0);
    }

    #[test]
    fn the_message_is_taken_from_str_and_string_payloads() {
        let caught = |f: fn()| catch_unwind(f).expect_err("it panics");
        assert_eq!(panic_message(&*caught(|| panic!("plain text"))), "plain text");
        assert_eq!(panic_message(&*caught(|| panic!("formatted {}", 42))), "formatted 42");
        assert_eq!(panic_message(&*caught(|| panic::panic_any(7_u8))), "a panic whose payload is not a string");
    }

    #[test]
    fn guarded_turns_any_panic_into_a_status() {
        install_panic_hook();
        let mut buf = [0 as c_char; 128];
        let mut msg = unsafe { Message::new(buf.as_mut_ptr(), buf.len()) };
        let answer: Result<(), i32> = guarded(None, &mut msg, || panic!("on purpose, {}", "formatted"));
        assert_eq!(answer, Err(OSUM_PANICKED));
        let text = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().unwrap();
        assert!(text.starts_with("panicked at src/lib.rs:") && text.ends_with(": on purpose, formatted"), "{text}");
    }
}
