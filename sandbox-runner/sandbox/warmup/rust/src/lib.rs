//! Warm-up crate: touches libc and rayon so both are compiled into the
//! prebuilt target dir, and exports one C function for the Go side.

use rayon::prelude::*;

/// Sum of squares of `len` values at `values`, computed in parallel.
///
/// # Safety
/// `values` must point to `len` readable `u32`s (or be null with `len == 0`).
#[no_mangle]
pub unsafe extern "C" fn warmup_sum_squares(values: *const u32, len: usize) -> u64 {
    if values.is_null() || len == 0 {
        return 0;
    }
    let slice = unsafe { std::slice::from_raw_parts(values, len) };
    let _page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    slice.par_iter().map(|&v| u64::from(v) * u64::from(v)).sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn squares_add_up() {
        let v = [1u32, 2, 3];
        assert_eq!(unsafe { super::warmup_sum_squares(v.as_ptr(), v.len()) }, 14);
    }
}
