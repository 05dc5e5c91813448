//! The C boundary: Go holds a window that lives in Rust through a handle.
//!
//! Go never sees a Rust pointer. A handle is a number naming a window in the
//! table below, and every entry point looks the number up before it touches
//! anything. That is what lets the boundary answer "no such window" for a
//! handle that is 0, made up or already freed, instead of reading freed
//! memory.
//!
//! Every entry point returns a status code (`GCP_*`, mapped to Go errors in
//! `rustwindow.go`) and writes results through out-pointers, and none lets a
//! panic unwind into Go: that would abort the whole Go process.

pub mod window;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::slice;
use std::sync::{Mutex, MutexGuard, PoisonError};
use window::Window;

/// Success.
pub const GCP_OK: i32 = 0;
/// A pointer argument was null where the call needs memory.
pub const GCP_NULL_POINTER: i32 = 1;
/// The handle names no live window: 0, never handed out, or already freed.
pub const GCP_BAD_HANDLE: i32 = 2;
/// A window of capacity 0 was asked for.
pub const GCP_BAD_CAPACITY: i32 = 3;
/// Rust panicked during the call. The panic was caught, and the window,
/// which may have been half-changed, was dropped: its handle is now bad.
pub const GCP_PANICKED: i32 = 4;

/// Totals of one key, as Go reads them (`gcp_stats` in `rustwindow.go`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcpStats {
    pub count: u64,
    pub sum: u64,
}

/// Totals of a window, as Go reads them (`gcp_summary` in `rustwindow.go`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcpSummary {
    pub samples: u64,
    pub keys: u64,
    pub sum: u64,
    pub evicted: u64,
}

/// Task 2: the live windows, by handle.
///
/// As written, a handle is a slot's index + 1 (so 0 is never a handle), and
/// a freed slot is reused as it is. That breaks the promise the boundary
/// makes to Go: after `free(a)`, the next window created gets a's slot and
/// a's number, so a's handle, which Go may still hold, now names somebody
/// else's window. Reading through it returns their data; freeing it frees
/// their window.
///
/// Make a freed handle stay dead, even when its slot is reused, while slots
/// are still reused (a service creates and frees windows all day: the table
/// must not grow with every window ever made). Change the fields as you
/// need; keep the four methods' signatures.
pub struct Handles {
    slots: Vec<Option<Window>>,
    free: Vec<usize>,
}

impl Handles {
    /// An empty table (`const`, so it can be a `static`).
    pub const fn new() -> Handles {
        Handles { slots: Vec::new(), free: Vec::new() }
    }

    /// Stores `window` and returns its handle, reusing a freed slot first.
    pub fn insert(&mut self, window: Window) -> u64 {
        let index = match self.free.pop() {
            Some(index) => {
                self.slots[index] = Some(window);
                index
            }
            None => {
                self.slots.push(Some(window));
                self.slots.len() - 1
            }
        };
        index as u64 + 1
    }

    /// The window `handle` names, if it is live.
    pub fn get_mut(&mut self, handle: u64) -> Option<&mut Window> {
        self.slots.get_mut(index_of(handle))?.as_mut()
    }

    /// Takes the window `handle` names out of the table; `None` if the
    /// handle names no live window (so a second free changes nothing).
    pub fn remove(&mut self, handle: u64) -> Option<Window> {
        let window = self.slots.get_mut(index_of(handle))?.take()?;
        self.free.push(index_of(handle));
        Some(window)
    }
}

impl Default for Handles {
    fn default() -> Self {
        Handles::new()
    }
}

/// The slot index a handle names (`usize::MAX` for 0, which no slot has).
fn index_of(handle: u64) -> usize {
    (handle as usize).wrapping_sub(1)
}

static HANDLES: Mutex<Handles> = Mutex::new(Handles::new());

fn handles() -> MutexGuard<'static, Handles> {
    // The guard is never held across code that can panic (see with_window),
    // so a poisoned lock still guards a consistent table.
    HANDLES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `body` on the window `handle` names: `GCP_BAD_HANDLE` if there is
/// none, `GCP_PANICKED` (and the window dropped) if `body` panics.
fn with_window(handle: u64, body: impl FnOnce(&mut Window) -> i32) -> i32 {
    let mut table = handles();
    let Some(window) = table.get_mut(handle) else { return GCP_BAD_HANDLE };
    // AssertUnwindSafe: after a panic the window is not used again.
    match catch_unwind(AssertUnwindSafe(|| body(window))) {
        Ok(status) => status,
        Err(_) => {
            drop(table.remove(handle));
            GCP_PANICKED
        }
    }
}

/// Creates a window for the last `capacity` samples and writes its handle
/// to `*out`.
///
/// # Safety
/// `out` must be null (`GCP_NULL_POINTER`) or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gcp_window_new(capacity: usize, out: *mut u64) -> i32 {
    if out.is_null() {
        return GCP_NULL_POINTER;
    }
    let Some(window) = Window::new(capacity) else { return GCP_BAD_CAPACITY };
    let Ok(handle) = catch_unwind(AssertUnwindSafe(|| handles().insert(window))) else { return GCP_PANICKED };
    // SAFETY: non-null, and the caller promises it is valid for a write.
    unsafe { out.write(handle) };
    GCP_OK
}

/// Frees the window `handle` names. Freeing 0, a made-up handle or a freed
/// one returns `GCP_BAD_HANDLE` and changes nothing.
#[unsafe(no_mangle)]
pub extern "C" fn gcp_window_free(handle: u64) -> i32 {
    let removed = catch_unwind(|| handles().remove(handle).is_some());
    match removed {
        Ok(true) => GCP_OK,
        Ok(false) => GCP_BAD_HANDLE,
        Err(_) => GCP_PANICKED,
    }
}

/// Adds `(keys[i], values[i])` for `i` in `0..len`, in order.
///
/// # Safety
/// When `len > 0`, `keys` and `values` must each point to `len` initialised
/// values that nothing writes during the call. They are read during the
/// call only and never kept, as cgo's rules ask of C code given Go memory.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gcp_window_add(handle: u64, keys: *const u64, values: *const u32, len: usize) -> i32 {
    if len > 0 && (keys.is_null() || values.is_null()) {
        return GCP_NULL_POINTER;
    }
    with_window(handle, |window| {
        if len > 0 {
            // SAFETY: non-null, and the caller promises `len` values at each.
            let (keys, values) = unsafe { (slice::from_raw_parts(keys, len), slice::from_raw_parts(values, len)) };
            for (&key, &value) in keys.iter().zip(values) {
                window.push(key, value);
            }
        }
        GCP_OK
    })
}

/// Writes the totals of `key` to `*out`.
///
/// # Safety
/// `out` must be null (`GCP_NULL_POINTER`) or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gcp_window_stats(handle: u64, key: u64, out: *mut GcpStats) -> i32 {
    if out.is_null() {
        return GCP_NULL_POINTER;
    }
    with_window(handle, |window| {
        let stats = window.stats(key);
        // SAFETY: non-null, and the caller promises it is valid for a write.
        unsafe { out.write(GcpStats { count: stats.count, sum: stats.sum }) };
        GCP_OK
    })
}

/// Writes the totals of the whole window to `*out`.
///
/// # Safety
/// `out` must be null (`GCP_NULL_POINTER`) or valid for one write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gcp_window_summary(handle: u64, out: *mut GcpSummary) -> i32 {
    if out.is_null() {
        return GCP_NULL_POINTER;
    }
    with_window(handle, |window| {
        let s = window.summary();
        // SAFETY: non-null, and the caller promises it is valid for a write.
        unsafe { out.write(GcpSummary { samples: s.samples, keys: s.keys, sum: s.sum, evicted: s.evicted }) };
        GCP_OK
    })
}
