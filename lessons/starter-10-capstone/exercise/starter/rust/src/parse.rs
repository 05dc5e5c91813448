//! The log format and its aggregates, in plain Rust: no pointers, no
//! `unsafe`, nothing about C. `lib.rs` puts the boundary around it.
//!
//! A line is fields separated by one or more spaces; a field is
//! `key=value`, split at its first `=`, with a key that is not empty. Four
//! keys must each appear exactly once, in any order; other keys are
//! allowed and ignored:
//!
//! - `ts`: ASCII digits only, no sign, at most `u64::MAX` (Unix milliseconds);
//! - `level`: `debug`, `info`, `warn` or `error`, in lower case;
//! - `dur_ms`: ASCII digits only, no sign, at most `u32::MAX`;
//! - `path`: starts with `/`.
//!
//! The body is UTF-8, split at `\n`; a `\r` that ends a line is dropped,
//! and an empty line is skipped (but still counted when numbering lines).

use std::fmt;

/// A log level; `level as usize` is its index in `Summary::levels`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Debug = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}

impl Level {
    /// The level a `level=` value names, if it names one.
    pub fn from_name(name: &str) -> Option<Level> {
        match name {
            "debug" => Some(Level::Debug),
            "info" => Some(Level::Info),
            "warn" => Some(Level::Warn),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

/// One well-formed line. `path` borrows from the line: parsing copies nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record<'a> {
    pub ts: u64,
    pub level: Level,
    pub dur_ms: u32,
    pub path: &'a str,
}

/// Why a line is not well formed: the first problem from the left, or a
/// missing key (checked after every field, in the order ts, level, dur_ms,
/// path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineError {
    /// A field with no `=`, or with nothing before it.
    NotKeyValue,
    /// One of the four keys appears a second time.
    Repeated(&'static str),
    /// One of the four keys is not there.
    Missing(&'static str),
    /// The value of `ts` or `dur_ms` is not digits, or is out of range.
    BadNumber(&'static str),
    /// The value of `level` is not one of the four names.
    UnknownLevel,
    /// The value of `path` does not start with `/`.
    BadPath,
}

/// Why a whole body is refused (the service answers 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    NotUtf8,
    NoLines,
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BodyError::NotUtf8 => "the body is not UTF-8",
            BodyError::NoLines => "the body has no log lines",
        })
    }
}

impl std::error::Error for BodyError {}

/// What a body adds up to. The duration fields are 0 when `lines` is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Well-formed lines.
    pub lines: u64,
    /// Lines that are not empty and not well formed.
    pub bad: u64,
    /// The number (from 1, empty lines included) of the first bad line; 0 when none is bad.
    pub first_bad_line: u64,
    /// Well-formed lines per level, indexed by `Level as usize`.
    pub levels: [u64; 4],
    /// Nearest-rank percentiles and maximum of `dur_ms` over the well-formed lines.
    pub p50_ms: u32,
    pub p99_ms: u32,
    pub max_ms: u32,
}

/// Parses one line (without its `\n`) by the rules at the top of this file.
///
/// Task 1: split the line into fields, each field at its first `=`, check
/// each of the four keys' values, refuse a key that comes twice, and build
/// a `Record` whose `path` borrows from `line`.
pub fn parse_line(line: &str) -> Result<Record<'_>, LineError> {
    todo!("Task 1: parse {line:?}")
}

/// The nearest-rank `p`th percentile of `sorted` (ascending): the value at
/// rank ceil(p/100 * n), counting from 1. 0 for an empty slice.
///
/// Task 1.
pub fn percentile(sorted: &[u32], p: u32) -> u32 {
    todo!("Task 1: percentile {p} of {} values", sorted.len())
}

/// Parses every line of `body` and adds them up. A body that is not UTF-8,
/// or has no line that is not empty, is refused.
///
/// Task 1: check the body is UTF-8, walk its lines (numbered from 1, empty
/// ones skipped but counted), add up the good ones, count the bad ones,
/// then sort the durations and take the percentiles.
pub fn summarize(body: &[u8]) -> Result<Summary, BodyError> {
    todo!("Task 1: summarize {} bytes", body.len())
}
