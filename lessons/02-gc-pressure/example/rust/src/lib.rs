//! The C boundary of lesson 02: a sliding window whose state lives in Rust,
//! which Go holds through a handle.
//!
//! Go never sees a Rust pointer. A handle is a number that names a window in
//! a table this crate keeps. That choice is what lets the boundary answer
//! "no such window" for a handle that is 0, made up, or already freed: a raw
//! pointer from `Box::into_raw` cannot say it was freed, and using it again is
//! a use-after-free or a double free that no check on the Rust side can catch.
//!
//! Every entry point returns a status code (`GCP_*`) and writes its results
//! through out-pointers. Every one catches panics: a panic unwinding out of
//! an `extern "C"` function aborts the whole Go process.

pub mod window;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::slice;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use window::Window;

/// Success.
pub const GCP_OK: i32 = 0;
/// A pointer argument was null where the call needs memory.
pub const GCP_NULL_POINTER: i32 = 1;
/// The handle names no live window: 0, never returned by `gcp_window_new`,
/// or already freed.
pub const GCP_BAD_HANDLE: i32 = 2;
/// `gcp_window_new` was asked for a window of capacity 0.
pub const GCP_BAD_CAPACITY: i32 = 3;
/// Rust code panicked; the panic was caught here. A window that was being
/// changed at the time is no longer trusted: every later call on it returns
/// this code, and only `gcp_window_free` still works.
pub const GCP_PANICKED: i32 = 4;

/// Totals of one key, as Go reads them (same layout as `gcp_stats` in Go).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcpStats {
    pub count: u64,
    pub sum: u64,
}

/// Totals of a window, plus the bytes it holds in Rust's heap.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcpSummary {
    pub samples: u64,
    pub keys: u64,
    pub sum: u64,
    pub evicted: u64,
    /// Heap bytes the window has reserved (outside Go's heap).
    pub rust_bytes: u64,
}

/// One slot of the handle table. `generation` changes every time the slot's
/// window is freed, so an old handle to a reused slot no longer matches.
struct Slot {
    generation: u32,
    window: Option<Arc<Mutex<Window>>>,
}

/// Every live window, by handle. A handle packs the slot's generation (high
/// 32 bits) and its index + 1 (low 32 bits), so 0 is never a valid handle.
struct Table {
    slots: Vec<Slot>,
    free: Vec<usize>,
}

static TABLE: Mutex<Table> = Mutex::new(Table { slots: Vec::new(), free: Vec::new() });

fn table() -> MutexGuard<'static, Table> {
    // The table's own code cannot panic while holding the lock, and if it
    // did, the slots would still be consistent: keep going.
    TABLE.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Table {
    fn insert(&mut self, window: Window) -> u64 {
        let window = Some(Arc::new(Mutex::new(window)));
        let index = match self.free.pop() {
            Some(index) => {
                self.slots[index].window = window;
                index
            }
            None => {
                self.slots.push(Slot { generation: 1, window });
                self.slots.len() - 1
            }
        };
        (u64::from(self.slots[index].generation) << 32) | (index as u64 + 1)
    }

    fn slot(&mut self, handle: u64) -> Option<&mut Slot> {
        let index = (handle & 0xFFFF_FFFF).checked_sub(1)? as usize;
        let generation = (handle >> 32) as u32;
        self.slots.get_mut(index).filter(|slot| slot.generation == generation && slot.window.is_some())
    }

    fn get(&mut self, handle: u64) -> Option<Arc<Mutex<Window>>> {
        self.slot(handle).and_then(|slot| slot.window.clone())
    }

    fn remove(&mut self, handle: u64) -> bool {
        let Some(slot) = self.slot(handle) else { return false };
        slot.window = None;
        // Wrapping after 2^32 frees of one slot would let a very old handle
        // match again; a service that frees a window per request for 136
        // years at one per second reaches that.
        slot.generation = slot.generation.wrapping_add(1).max(1);
        let index = (handle & 0xFFFF_FFFF) as usize - 1;
        self.free.push(index);
        true
    }
}

/// Runs `body` on the window `handle` names, turning a missing window into
/// `GCP_BAD_HANDLE` and a panic into `GCP_PANICKED`.
fn with_window(handle: u64, body: impl FnOnce(&mut Window) -> i32) -> i32 {
    // Clone the window's Arc and release the table at once: a long batch on
    // one window never blocks calls on the others, and a free meanwhile only
    // drops the table's reference.
    let Some(window) = table().get(handle) else { return GCP_BAD_HANDLE };
    catch_unwind(AssertUnwindSafe(|| {
        // The guard lives inside the closure: a panic in `body` drops it while
        // unwinding, which poisons the mutex, and every later lock sees that.
        let Ok(mut window) = window.lock() else { return GCP_PANICKED };
        body(&mut window)
    }))
    .unwrap_or(GCP_PANICKED)
}

/// Creates a window that keeps the last `capacity` samples and writes its
/// handle to `*out`.
///
/// # Safety
/// `out` must be null (reported as `GCP_NULL_POINTER`) or valid for a write
/// of one `u64`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gcp_window_new(capacity: usize, out: *mut u64) -> i32 {
    if out.is_null() {
        return GCP_NULL_POINTER;
    }
    let created = catch_unwind(|| Window::new(capacity).map(|window| table().insert(window)));
    let handle = match created {
        Ok(Some(handle)) => handle,
        Ok(None) => return GCP_BAD_CAPACITY,
        Err(_) => return GCP_PANICKED,
    };
    // SAFETY: non-null, and the caller promises it is valid for a write.
    unsafe { out.write(handle) };
    GCP_OK
}

/// Frees the window `handle` names. Freeing it a second time, or freeing 0,
/// returns `GCP_BAD_HANDLE` and changes nothing.
#[unsafe(no_mangle)]
pub extern "C" fn gcp_window_free(handle: u64) -> i32 {
    // The window's memory is released here, or when a call still running on
    // it (from another thread) drops its reference.
    if table().remove(handle) { GCP_OK } else { GCP_BAD_HANDLE }
}

/// Adds `len` samples, `(keys[i], values[i])`, in order.
///
/// # Safety
/// If `len` is not 0, `keys` and `values` must each point to `len`
/// initialised values that nobody writes during the call. They are read only
/// during the call and never kept, as cgo's pointer rules require of C code
/// that receives Go memory. Null with `len > 0` is `GCP_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gcp_window_add(handle: u64, keys: *const u64, values: *const u32, len: usize) -> i32 {
    if len > 0 && (keys.is_null() || values.is_null()) {
        return GCP_NULL_POINTER;
    }
    with_window(handle, |window| {
        if len > 0 {
            // SAFETY: non-null, and the caller promises `len` values at each.
            let (keys, values) = unsafe { (slice::from_raw_parts(keys, len), slice::from_raw_parts(values, len)) };
            window.extend(keys, values);
        }
        GCP_OK
    })
}

/// Writes the totals of `key` in the window to `*out`.
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
        let summary = GcpSummary {
            samples: s.samples,
            keys: s.keys,
            sum: s.sum,
            evicted: s.evicted,
            rust_bytes: window.heap_bytes() as u64,
        };
        // SAFETY: non-null, and the caller promises it is valid for a write.
        unsafe { out.write(summary) };
        GCP_OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn new_window(capacity: usize) -> u64 {
        let mut handle = 0;
        assert_eq!(unsafe { gcp_window_new(capacity, &mut handle) }, GCP_OK);
        assert_ne!(handle, 0);
        handle
    }

    fn summary(handle: u64) -> Result<GcpSummary, i32> {
        let mut out = GcpSummary::default();
        match unsafe { gcp_window_summary(handle, &mut out) } {
            GCP_OK => Ok(out),
            status => Err(status),
        }
    }

    #[test]
    fn a_window_round_trip() {
        let h = new_window(2);
        let (keys, values) = ([7u64, 8, 7], [1u32, 2, 3]);
        assert_eq!(unsafe { gcp_window_add(h, keys.as_ptr(), values.as_ptr(), 3) }, GCP_OK);
        let mut stats = GcpStats::default();
        assert_eq!(unsafe { gcp_window_stats(h, 7, &mut stats) }, GCP_OK);
        assert_eq!(stats, GcpStats { count: 1, sum: 3 });
        let s = summary(h).unwrap();
        assert_eq!((s.samples, s.keys, s.sum, s.evicted), (2, 2, 5, 1));
        assert!(s.rust_bytes > 0);
        assert_eq!(gcp_window_free(h), GCP_OK);
    }

    #[test]
    fn bad_handles_are_errors() {
        assert_eq!(summary(0), Err(GCP_BAD_HANDLE));
        assert_eq!(summary(u64::MAX), Err(GCP_BAD_HANDLE));
        assert_eq!(gcp_window_free(0), GCP_BAD_HANDLE);
        let h = new_window(4);
        assert_eq!(gcp_window_free(h), GCP_OK);
        assert_eq!(gcp_window_free(h), GCP_BAD_HANDLE, "double free");
        assert_eq!(summary(h), Err(GCP_BAD_HANDLE), "use after free");
        // The freed slot is reused with a new generation: the old handle stays dead.
        let again = new_window(4);
        assert_ne!(again, h);
        assert_eq!(summary(h), Err(GCP_BAD_HANDLE));
        assert!(summary(again).is_ok());
        assert_eq!(gcp_window_free(again), GCP_OK);
    }

    #[test]
    fn bad_arguments_are_errors() {
        let mut handle = 0;
        assert_eq!(unsafe { gcp_window_new(0, &mut handle) }, GCP_BAD_CAPACITY);
        assert_eq!(unsafe { gcp_window_new(4, ptr::null_mut()) }, GCP_NULL_POINTER);
        let h = new_window(4);
        assert_eq!(unsafe { gcp_window_add(h, ptr::null(), ptr::null(), 0) }, GCP_OK, "an empty batch is fine");
        assert_eq!(unsafe { gcp_window_add(h, ptr::null(), [1u32].as_ptr(), 1) }, GCP_NULL_POINTER);
        assert_eq!(unsafe { gcp_window_stats(h, 1, ptr::null_mut()) }, GCP_NULL_POINTER);
        assert_eq!(unsafe { gcp_window_summary(h, ptr::null_mut()) }, GCP_NULL_POINTER);
        assert_eq!(gcp_window_free(h), GCP_OK);
    }

    #[test]
    fn a_panic_is_caught_and_the_window_is_no_longer_trusted() {
        let h = new_window(4);
        assert_eq!(with_window(h, |_| panic!("on purpose")), GCP_PANICKED);
        assert_eq!(summary(h), Err(GCP_PANICKED));
        assert_eq!(gcp_window_free(h), GCP_OK, "a poisoned window can still be freed");
    }
}
