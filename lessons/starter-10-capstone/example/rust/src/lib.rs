//! The questions the capstone's two parsers must answer the same way, asked
//! of Rust's standard library: is this text a number, and how many fields
//! does this line have? Each answer is exported to Go, which asks its own
//! standard library the same questions and prints both.
//!
//! Every export takes Go's bytes for the length of the call only (a pointer
//! and a length), checks them, and catches any panic before it reaches the
//! `extern "C"` edge.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// A number was read; `*out` holds it.
pub const RULES_OK: i32 = 0;
/// The text is not a number by the rule asked (or not UTF-8).
pub const RULES_REFUSED: i32 = 1;
/// A null pointer with a non-zero length, or a null `out`.
pub const RULES_BAD_POINTER: i32 = 2;
/// Rust panicked; caught at the boundary.
pub const RULES_PANICKED: i32 = 3;

/// What `"…".parse::<u64>()` accepts: optional `+`, then decimal digits.
pub fn parse_like_std(text: &str) -> Option<u64> {
    text.parse::<u64>().ok()
}

/// The format's rule: one or more ASCII digits and nothing else.
pub fn parse_digits_only(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u64>().ok()
}

/// Fields as `split_whitespace` sees them: separated by Unicode White_Space.
pub fn fields_unicode(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Fields as `split_ascii_whitespace` sees them: space, \t, \n, \x0C, \r only.
pub fn fields_ascii(text: &str) -> usize {
    text.split_ascii_whitespace().count()
}

/// The format's rule: fields are separated by the space character alone.
pub fn fields_space(text: &str) -> usize {
    text.split(' ').filter(|field| !field.is_empty()).count()
}

/// Go's bytes as `&str`, for the length of the call; `None` for a null
/// pointer with a non-zero length, or bytes that are not UTF-8.
///
/// # Safety
/// `data` must point to `len` readable bytes that stay unchanged during the call.
unsafe fn text_from_c<'a>(data: *const u8, len: usize) -> Result<&'a str, i32> {
    if len == 0 {
        return Ok("");
    }
    if data.is_null() {
        return Err(RULES_BAD_POINTER);
    }
    // SAFETY: non-null, and the caller promises `len` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(data, len) };
    std::str::from_utf8(bytes).map_err(|_| RULES_REFUSED)
}

/// Reads `data[..len]` as a number, by `parse::<u64>` when `std_rule` is
/// non-zero, else by the format's digits-only rule.
///
/// # Safety
/// `data` must point to `len` readable bytes for the call, and `out` to a
/// writable `u64`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rules_parse_u64(data: *const u8, len: usize, std_rule: i32, out: *mut u64) -> i32 {
    if out.is_null() {
        return RULES_BAD_POINTER;
    }
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller's promise, passed on.
        let text = match unsafe { text_from_c(data, len) } {
            Ok(text) => text,
            Err(status) => return status,
        };
        let parsed = if std_rule != 0 { parse_like_std(text) } else { parse_digits_only(text) };
        match parsed {
            Some(value) => {
                // SAFETY: checked non-null above; the caller promises it is writable.
                unsafe { *out = value };
                RULES_OK
            }
            None => RULES_REFUSED,
        }
    }))
    .unwrap_or(RULES_PANICKED)
}

/// How many fields `data[..len]` has: by `split_whitespace` (rule 0),
/// `split_ascii_whitespace` (rule 1) or the format's spaces (rule 2).
/// Negative: a status (`-RULES_REFUSED` for an unknown rule or bad UTF-8).
///
/// # Safety
/// `data` must point to `len` readable bytes for the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rules_count_fields(data: *const u8, len: usize, rule: i32) -> i64 {
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the caller's promise, passed on.
        let text = match unsafe { text_from_c(data, len) } {
            Ok(text) => text,
            Err(status) => return -i64::from(status),
        };
        let count = match rule {
            0 => fields_unicode(text),
            1 => fields_ascii(text),
            2 => fields_space(text),
            _ => return -i64::from(RULES_REFUSED),
        };
        i64::try_from(count).unwrap_or(i64::MAX)
    }))
    .unwrap_or(-i64::from(RULES_PANICKED))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_a_plus_sign_and_the_format_does_not() {
        assert_eq!(parse_like_std("+5"), Some(5));
        assert_eq!(parse_digits_only("+5"), None);
        assert_eq!(parse_digits_only("5"), Some(5));
        assert_eq!(parse_digits_only(""), None);
        assert_eq!(parse_digits_only("18446744073709551616"), None, "one more than u64::MAX");
    }

    #[test]
    fn the_vertical_tab_is_white_space_to_one_split_and_not_the_other() {
        assert_eq!(fields_unicode("a\u{b}b"), 2);
        assert_eq!(fields_ascii("a\u{b}b"), 1);
        assert_eq!(fields_space("a\u{b}b"), 1);
        assert_eq!(fields_space("  a  b "), 2);
    }

    #[test]
    fn the_boundary_refuses_bad_pointers_and_unknown_rules() {
        let mut out = 0;
        // SAFETY: null with length 0 is allowed; null `out` is refused before use.
        unsafe {
            assert_eq!(rules_parse_u64(std::ptr::null(), 0, 1, &mut out), RULES_REFUSED);
            assert_eq!(rules_parse_u64(std::ptr::null(), 3, 1, &mut out), RULES_BAD_POINTER);
            assert_eq!(rules_parse_u64(b"7".as_ptr(), 1, 0, std::ptr::null_mut()), RULES_BAD_POINTER);
            assert_eq!(rules_count_fields(b"a b".as_ptr(), 3, 9), -i64::from(RULES_REFUSED));
            assert_eq!(rules_count_fields(std::ptr::null(), 0, 0), 0);
        }
    }
}
