// expect-error: E0499
// An unsafe block allows a few more operations (here, reading through a raw
// pointer). It does not turn off the borrow checker: two live &mut to the
// same Vec are refused inside it as they are outside.

/// Appends the byte at `data` to `out` twice.
pub fn append_twice(out: &mut Vec<u8>, data: *const u8) {
    unsafe {
        let first = &mut *out;
        let second = &mut *out;
        first.push(*data);
        second.push(*data);
    }
}
