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

/// A number made of ASCII digits only (no sign, no space), if it fits in a u64.
/// `str::parse` alone would also take a leading `+`.
fn digits(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// Parses one line (without its `\n`) by the rules at the top of this file.
pub fn parse_line(line: &str) -> Result<Record<'_>, LineError> {
    let mut ts = None;
    let mut level = None;
    let mut dur_ms = None;
    let mut path = None;
    for field in line.split(' ').filter(|f| !f.is_empty()) {
        let Some((key, value)) = field.split_once('=') else {
            return Err(LineError::NotKeyValue);
        };
        match key {
            "" => return Err(LineError::NotKeyValue),
            "ts" => {
                let n = digits(value).ok_or(LineError::BadNumber("ts"))?;
                if ts.replace(n).is_some() {
                    return Err(LineError::Repeated("ts"));
                }
            }
            "level" => {
                let l = Level::from_name(value).ok_or(LineError::UnknownLevel)?;
                if level.replace(l).is_some() {
                    return Err(LineError::Repeated("level"));
                }
            }
            "dur_ms" => {
                let n = digits(value).and_then(|n| u32::try_from(n).ok()).ok_or(LineError::BadNumber("dur_ms"))?;
                if dur_ms.replace(n).is_some() {
                    return Err(LineError::Repeated("dur_ms"));
                }
            }
            "path" => {
                if !value.starts_with('/') {
                    return Err(LineError::BadPath);
                }
                if path.replace(value).is_some() {
                    return Err(LineError::Repeated("path"));
                }
            }
            _ => {}
        }
    }
    Ok(Record {
        ts: ts.ok_or(LineError::Missing("ts"))?,
        level: level.ok_or(LineError::Missing("level"))?,
        dur_ms: dur_ms.ok_or(LineError::Missing("dur_ms"))?,
        path: path.ok_or(LineError::Missing("path"))?,
    })
}

/// The nearest-rank `p`th percentile of `sorted` (ascending): the value at
/// rank ceil(p/100 * n), counting from 1. 0 for an empty slice.
pub fn percentile(sorted: &[u32], p: u32) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let index = p as usize * sorted.len() / 100;
    sorted[index.min(sorted.len() - 1)]
}

/// Parses every line of `body` and adds them up. A body that is not UTF-8,
/// or has no line that is not empty, is refused.
pub fn summarize(body: &[u8]) -> Result<Summary, BodyError> {
    let text = std::str::from_utf8(body).map_err(|_| BodyError::NotUtf8)?;
    let mut summary = Summary::default();
    let mut durations = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.is_empty() {
            continue;
        }
        match parse_line(line) {
            Ok(record) => {
                summary.lines += 1;
                summary.levels[record.level as usize] += 1;
                durations.push(record.dur_ms);
            }
            Err(_) => {
                summary.bad += 1;
                if summary.first_bad_line == 0 {
                    summary.first_bad_line = index as u64 + 1;
                }
            }
        }
    }
    if summary.lines + summary.bad == 0 {
        return Err(BodyError::NoLines);
    }
    durations.sort_unstable();
    summary.p50_ms = percentile(&durations, 50);
    summary.p99_ms = percentile(&durations, 99);
    summary.max_ms = durations.last().copied().unwrap_or(0);
    Ok(summary)
}
