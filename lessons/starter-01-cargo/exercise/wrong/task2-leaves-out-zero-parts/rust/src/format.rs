//! `format`: nanoseconds to the string Go's `Duration.String` prints.

use crate::units::{HOUR, MICROSECOND, MILLISECOND, MINUTE, SECOND};

/// Writes a duration as Go's `Duration.String` does: "0s", "800ns",
/// "1.5µs", "250ms", "1.5s", "1m1s", "1h0m0s", "26h3m4s". Under a second
/// it uses the largest unit below a second that fits (ns, µs or ms, with
/// a fraction); from a second up it writes hours and minutes when there
/// are any (once hours are written, minutes are too, even 0m), then
/// seconds with a fraction. A fraction has no trailing zeros.
pub fn format(nanos: u64) -> String {
    if nanos == 0 {
        return "0s".to_string();
    }
    if nanos < MICROSECOND {
        return format!("{nanos}ns");
    }
    if nanos < MILLISECOND {
        return format!("{}\u{b5}s", decimal(nanos, MICROSECOND));
    }
    if nanos < SECOND {
        return format!("{}ms", decimal(nanos, MILLISECOND));
    }
    let hours = nanos / HOUR;
    let minutes = nanos % HOUR / MINUTE;
    let seconds = decimal(nanos % MINUTE, SECOND);
    let mut text = String::new();
    if hours > 0 {
        text += &format!("{hours}h");
    }
    if minutes > 0 {
        text += &format!("{minutes}m");
    }
    if seconds != "0" {
        text += &format!("{seconds}s");
    }
    text
}

/// `value / unit` as a decimal number with no trailing zeros in its
/// fraction: `decimal(1_500, 1_000)` is "1.5", `decimal(2_000, 1_000)` is
/// "2". `unit` is a power of ten (in nanoseconds).
fn decimal(value: u64, unit: u64) -> String {
    let whole = value / unit;
    let fraction = value % unit;
    if fraction == 0 {
        return whole.to_string();
    }
    let width = unit.ilog10() as usize;
    let digits = format!("{fraction:0width$}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}
