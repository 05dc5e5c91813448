//! Go's duration strings in Rust: `parse("1h30m")` gives nanoseconds, as
//! `time.ParseDuration` does, and `format` writes them back the way Go's
//! `Duration.String` does. Durations here are never negative (a `u64`).
//!
//! This file is the crate root: the module tree starts here, and a file in
//! `src/` is part of the crate only when a `mod` line below names it.

mod format;
mod parse;
mod units;

pub use format::format;
pub use parse::{ParseError, parse};
