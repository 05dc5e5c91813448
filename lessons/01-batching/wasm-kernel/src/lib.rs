//! The entry points the page's demo calls on a learner's build of the kernel.
//!
//! `kernel.rs` beside this file is the lesson's own kernel (a link to the example's, so
//! cargo, rustfmt and clippy see the whole crate here; the page sends
//! lessons/01-batching/example/rust/src/kernel.rs, or the learner's edit of
//! it). This file only exposes it to JavaScript through the C ABI that a
//! wasm32 module exports: numbers in, numbers out, and offsets into the
//! module's linear memory for the arrays.
//!
//! The demo expects exactly these exports (it names any that is missing):
//! - `memory`: the linear memory (Rust exports it by itself);
//! - `hl_alloc_f32(len) -> ptr`: room for `len` f32 values, zeroed;
//! - `hl_dot(a, b, len) -> f32`: dot product of `len` values at `a` and `b`;
//! - `hl_dot_step(acc, a, b) -> f32`: one element's step.

// `pub` so that the whole kernel is part of the crate's surface (no dead-code warnings
// for the parts the page does not call).
pub mod kernel;

use std::slice;

/// Allocates `len` zeroed f32 values and returns their offset in linear memory.
///
/// The page fills them through a `Float32Array` view and never frees them:
/// it makes one pair of arrays per module instance and drops the instance.
#[unsafe(no_mangle)]
pub extern "C" fn hl_alloc_f32(len: usize) -> *mut f32 {
    let mut values = vec![0.0f32; len].into_boxed_slice();
    let ptr = values.as_mut_ptr();
    std::mem::forget(values);
    ptr
}

/// Per-batch entry point: dot product of `a[..len]` and `b[..len]`.
///
/// # Safety
/// `a` and `b` must each point to `len` f32 values inside this module's
/// memory (the page passes offsets it got from `hl_alloc_f32`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hl_dot(a: *const f32, b: *const f32, len: usize) -> f32 {
    if len == 0 {
        return 0.0;
    }
    // SAFETY: the caller promises `len` valid values at each pointer.
    let (a, b) = unsafe { (slice::from_raw_parts(a, len), slice::from_raw_parts(b, len)) };
    kernel::dot(a, b)
}

/// Per-element entry point: `acc + a * b`.
#[unsafe(no_mangle)]
pub extern "C" fn hl_dot_step(acc: f32, a: f32, b: f32) -> f32 {
    kernel::dot_step(acc, a, b)
}
