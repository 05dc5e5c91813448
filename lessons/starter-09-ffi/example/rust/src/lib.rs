//! Adler-32 (the checksum of zlib streams) in safe Rust, and the C boundary
//! a Go program calls it through: two exported functions, the structs they
//! share with C, and the checks a boundary owes its callers.
//!
//! Every exported function answers with a status (`CK_*`) and writes its
//! result through an out-pointer. The caller lends its memory for the call
//! only: nothing here keeps a pointer it was given after it returns.

use std::panic::{UnwindSafe, catch_unwind};
use std::slice;

/// Done: `*out` holds the answer.
pub const CK_OK: i32 = 0;
/// A pointer was null (or misaligned) where memory was needed; `*out` is
/// untouched.
pub const CK_BAD_POINTER: i32 = 1;
/// The work panicked; the panic was caught here. `*out` is untouched.
pub const CK_PANICKED: i32 = 2;

/// The running state of an Adler-32 checksum (RFC 1950, section 8.2): two
/// sums modulo 65521, so that a long input can arrive in several parts.
#[derive(Clone, Copy, Debug)]
pub struct Adler32 {
    a: u32,
    b: u32,
}

impl Adler32 {
    const MODULUS: u32 = 65521;

    /// The state before any byte: a = 1, b = 0.
    pub fn new() -> Adler32 {
        Adler32 { a: 1, b: 0 }
    }

    /// Adds `data` to the checksum.
    pub fn update(&mut self, data: &[u8]) {
        for &byte in data {
            self.a = (self.a + u32::from(byte)) % Self::MODULUS;
            self.b = (self.b + self.a) % Self::MODULUS;
        }
    }

    /// The checksum of everything added so far.
    pub fn finish(self) -> u32 {
        (self.b << 16) | self.a
    }
}

impl Default for Adler32 {
    fn default() -> Adler32 {
        Adler32::new()
    }
}

/// The answer, as C (and so cgo) lays it out: `adler32` at offset 0, four
/// bytes of padding, `bytes` at offset 8; 16 bytes in all.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Checksum {
    pub adler32: u32,
    pub bytes: u64,
}

/// One buffer among several: where it starts and how many bytes it has.
/// A null `data` is allowed when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct CkPart {
    pub data: *const u8,
    pub len: usize,
}

/// Turns a pointer and a length from C into a slice, or `None` when
/// `slice::from_raw_parts` may not be called with them. A length of 0
/// always gives the empty slice, whatever the pointer: Go sends a nil
/// pointer for an empty slice, and `from_raw_parts` requires a non-null,
/// aligned pointer even for 0 elements.
///
/// # Safety
/// When `len` is not 0 and `ptr` is not null, `ptr` must point to `len`
/// initialised values of `T` that nothing changes while the slice is in
/// use. The lifetime `'a` is the caller's choice and nothing checks it: an
/// exported function must not let the slice outlive its call.
pub unsafe fn slice_from_c<'a, T>(ptr: *const T, len: usize) -> Option<&'a [T]> {
    if len == 0 {
        return Some(&[]);
    }
    if ptr.is_null() || !ptr.is_aligned() {
        return None;
    }
    // from_raw_parts also requires len * size_of::<T>() <= isize::MAX.
    if len.checked_mul(size_of::<T>()).is_none_or(|bytes| bytes > isize::MAX as usize) {
        return None;
    }
    // SAFETY: non-null, aligned and not too long (checked above); valid and
    // unchanging for 'a by this function's contract.
    Some(unsafe { slice::from_raw_parts(ptr, len) })
}

/// Runs the work of one exported function and turns a panic into
/// `CK_PANICKED`: a panic must not reach the end of an `extern "C"`
/// function, where Rust aborts the whole process.
pub fn guarded(work: impl FnOnce() -> i32 + UnwindSafe) -> i32 {
    catch_unwind(work).unwrap_or(CK_PANICKED)
}

/// The Adler-32 of the `len` bytes at `data`, written to `*out`.
///
/// # Safety
/// `data` must be valid for `len` bytes of reads for the call (or `len` 0),
/// and `out` null or valid for one write of a `Checksum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ck_sum(data: *const u8, len: usize, out: *mut Checksum) -> i32 {
    guarded(|| {
        if out.is_null() {
            return CK_BAD_POINTER;
        }
        // SAFETY: the caller's promise about data and len.
        let Some(bytes) = (unsafe { slice_from_c(data, len) }) else {
            return CK_BAD_POINTER;
        };
        let mut state = Adler32::new();
        state.update(bytes);
        let answer = Checksum { adler32: state.finish(), bytes: len as u64 };
        // SAFETY: checked non-null; the caller promises it is valid for one write.
        unsafe { out.write(answer) };
        CK_OK
    })
}

/// The Adler-32 of the `n` parts at `parts`, taken in order as one input.
///
/// # Safety
/// `parts` must be valid for `n` reads of a `CkPart` (or `n` 0), each part's
/// `data` valid for its `len` bytes (or `len` 0), all for the call only;
/// `out` as for `ck_sum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ck_sum_parts(parts: *const CkPart, n: usize, out: *mut Checksum) -> i32 {
    guarded(|| {
        if out.is_null() {
            return CK_BAD_POINTER;
        }
        // SAFETY: the caller's promise about parts and n.
        let Some(parts) = (unsafe { slice_from_c(parts, n) }) else {
            return CK_BAD_POINTER;
        };
        let mut state = Adler32::new();
        let mut total = 0u64;
        for part in parts {
            // SAFETY: the caller's promise about each part.
            let Some(bytes) = (unsafe { slice_from_c(part.data, part.len) }) else {
                return CK_BAD_POINTER;
            };
            state.update(bytes);
            total += bytes.len() as u64;
        }
        // SAFETY: as in ck_sum.
        unsafe { out.write(Checksum { adler32: state.finish(), bytes: total }) };
        CK_OK
    })
}
