//! `parse`: a duration string such as "1h30m" or "1.5s" to nanoseconds.

use std::fmt;

use crate::units::nanos_per;

/// Why a string is not a duration. The messages follow Go's.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The string is empty, or a part has no number ("h", "1h.m").
    Invalid(String),
    /// A number has no unit after it ("1", "1h30").
    MissingUnit(String),
    /// A unit Go does not know ("1d", "3 s").
    UnknownUnit { unit: String, input: String },
    /// The total does not fit in a u64 of nanoseconds (about 584 years).
    Overflow(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Invalid(input) => write!(f, "invalid duration {input:?}"),
            ParseError::MissingUnit(input) => write!(f, "missing unit in duration {input:?}"),
            ParseError::UnknownUnit { unit, input } => {
                write!(f, "unknown unit {unit:?} in duration {input:?}")
            }
            ParseError::Overflow(input) => {
                write!(f, "duration {input:?} is too long for a u64 of nanoseconds")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses a sequence of decimal numbers, each with an optional fraction and a
/// unit, such as "300ms", "1.5h" or "2h45m". "0" alone is 0. No sign: these
/// durations are never negative.
pub fn parse(input: &str) -> Result<u64, ParseError> {
    if input == "0" {
        return Ok(0);
    }
    if input.is_empty() {
        return Err(ParseError::Invalid(input.to_string()));
    }
    let mut total: u64 = 0;
    let mut rest = input;
    while !rest.is_empty() {
        let (whole, fraction, after_number) = split_number(rest);
        if whole.is_empty() && fraction.is_empty() {
            return Err(ParseError::Invalid(input.to_string()));
        }
        let unit_len = after_number.find(|c: char| c == '.' || c.is_ascii_digit()).unwrap_or(after_number.len());
        let (unit, after_unit) = after_number.split_at(unit_len);
        if unit.is_empty() {
            return Err(ParseError::MissingUnit(input.to_string()));
        }
        let Some(per_unit) = nanos_per(unit) else {
            return Err(ParseError::UnknownUnit { unit: unit.to_string(), input: input.to_string() });
        };
        let part = whole_nanos(whole, per_unit).saturating_add(fraction_nanos(fraction, per_unit));
        total = total.saturating_add(part);
        rest = after_unit;
    }
    Ok(total)
}

/// `digits` (ASCII digits only) times `per_unit`, at most u64::MAX.
fn whole_nanos(digits: &str, per_unit: u64) -> u64 {
    let mut value: u64 = 0;
    for digit in digits.bytes() {
        value = value.saturating_mul(10).saturating_add(u64::from(digit - b'0'));
    }
    value.saturating_mul(per_unit)
}

/// The nanoseconds of a fraction's digits ("5" of "1.5h" is half an hour),
/// rounded down. Never more than `per_unit`, so it cannot overflow.
fn fraction_nanos(digits: &str, per_unit: u64) -> u64 {
    let mut nanos = 0;
    let mut scale = per_unit;
    for digit in digits.bytes() {
        scale /= 10;
        nanos += u64::from(digit - b'0') * scale;
    }
    nanos
}

/// Splits "12.5ms..." into ("12", "5", "ms..."): the digits before a '.', the
/// digits after it, and the rest.
fn split_number(text: &str) -> (&str, &str, &str) {
    let whole_len = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (whole, rest) = text.split_at(whole_len);
    let Some(after_dot) = rest.strip_prefix('.') else {
        return (whole, "", rest);
    };
    let fraction_len = after_dot.find(|c: char| !c.is_ascii_digit()).unwrap_or(after_dot.len());
    let (fraction, rest) = after_dot.split_at(fraction_len);
    (whole, fraction, rest)
}
