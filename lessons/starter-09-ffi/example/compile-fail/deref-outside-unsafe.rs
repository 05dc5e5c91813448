// expect-error: E0133
// Making a raw pointer is safe; reading through one is not. Outside an
// unsafe block, rustc refuses the dereference.

/// The first byte of a buffer that C handed over.
pub fn first_byte(data: *const u8, len: usize) -> Option<u8> {
    if data.is_null() || len == 0 {
        return None;
    }
    Some(*data)
}
