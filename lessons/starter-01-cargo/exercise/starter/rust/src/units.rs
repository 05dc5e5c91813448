//! The units a duration string may use, in nanoseconds: the same table as
//! Go's `time` package.

pub const NANOSECOND: u64 = 1;
pub const MICROSECOND: u64 = 1_000 * NANOSECOND;
pub const MILLISECOND: u64 = 1_000 * MICROSECOND;
pub const SECOND: u64 = 1_000 * MILLISECOND;
pub const MINUTE: u64 = 60 * SECOND;
pub const HOUR: u64 = 60 * MINUTE;

/// How many nanoseconds one `unit` is, or `None` for a unit Go does not know.
/// Go accepts three spellings of microseconds: `us`, `µs` (U+00B5, the micro
/// sign) and `μs` (U+03BC, the Greek letter mu).
pub fn nanos_per(unit: &str) -> Option<u64> {
    match unit {
        "ns" => Some(NANOSECOND),
        "us" | "\u{b5}s" | "\u{3bc}s" => Some(MICROSECOND),
        "ms" => Some(MILLISECOND),
        "s" => Some(SECOND),
        "m" => Some(MINUTE),
        "h" => Some(HOUR),
        _ => None,
    }
}
