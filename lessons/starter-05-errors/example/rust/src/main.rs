//! Step 5 of the Rust starter path: Result, Option and `?`, an error type
//! with a source chain, matching on errors, and when a panic is right.
//! `cargo run` prints what the page shows; `cargo test` checks its claims.

use std::collections::HashMap;
use std::error::Error;
use std::fmt;
use std::num::{IntErrorKind, ParseIntError};

/// Why a duration such as "250ms" or "3s" could not be read.
#[derive(Debug)]
pub enum DurationError {
    Empty,
    UnknownUnit(String),
    BadNumber(ParseIntError),
    TooLong,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::Empty => write!(f, "empty duration"),
            DurationError::UnknownUnit(unit) => write!(f, "unknown unit {unit:?} (use ms or s)"),
            DurationError::BadNumber(_) => write!(f, "invalid number"),
            DurationError::TooLong => write!(f, "longer than u64::MAX milliseconds"),
        }
    }
}

impl Error for DurationError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            DurationError::BadNumber(cause) => Some(cause),
            DurationError::Empty | DurationError::UnknownUnit(_) | DurationError::TooLong => None,
        }
    }
}

/// What `?` calls when a `ParseIntError` leaves a function that returns `DurationError`.
impl From<ParseIntError> for DurationError {
    fn from(cause: ParseIntError) -> Self {
        DurationError::BadNumber(cause)
    }
}

/// "250ms" is 250 and "3s" is 3000.
pub fn parse_millis(text: &str) -> Result<u64, DurationError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DurationError::Empty);
    }
    let (digits, per_unit) = if let Some(digits) = text.strip_suffix("ms") {
        (digits, 1)
    } else if let Some(digits) = text.strip_suffix('s') {
        (digits, 1000)
    } else {
        let unit: String = text.chars().skip_while(|c| c.is_ascii_digit()).collect();
        return Err(DurationError::UnknownUnit(unit));
    };
    let number: u64 = digits.parse()?;
    number.checked_mul(per_unit).ok_or(DurationError::TooLong)
}

/// A setting that could not be used: which one, and why.
#[derive(Debug)]
pub enum SettingError {
    Missing { name: String },
    Invalid { name: String, source: DurationError },
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingError::Missing { name } => write!(f, "setting {name} is not set"),
            SettingError::Invalid { name, .. } => write!(f, "setting {name}"),
        }
    }
}

impl Error for SettingError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            SettingError::Invalid { source, .. } => Some(source),
            SettingError::Missing { .. } => None,
        }
    }
}

/// A map lookup gives an `Option`; `ok_or_else` turns `None` into an error for `?`.
pub fn timeout_setting(settings: &HashMap<String, String>, name: &str) -> Result<u64, SettingError> {
    let text = settings.get(name).ok_or_else(|| SettingError::Missing { name: name.to_string() })?;
    parse_millis(text).map_err(|source| SettingError::Invalid { name: name.to_string(), source })
}

/// Every message in the chain, outermost first, joined the way Go's `%w` joins them.
pub fn report(err: &dyn Error) -> String {
    let mut text = err.to_string();
    let mut next = err.source();
    while let Some(cause) = next {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        next = cause.source();
    }
    text
}

/// Like `errors.As` for one type: ask each error in the chain whether it is a `ParseIntError`.
pub fn parse_int_error_kind(err: &(dyn Error + 'static)) -> Option<IntErrorKind> {
    let mut next = Some(err);
    while let Some(current) = next {
        if let Some(found) = current.downcast_ref::<ParseIntError>() {
            return Some(*found.kind());
        }
        next = current.source();
    }
    None
}

/// Like `errors.Is`: a pattern names the case, at any depth the type spells out.
pub fn use_default(err: &SettingError) -> bool {
    matches!(err, SettingError::Missing { .. })
}

pub fn is_unit_mistake(err: &SettingError) -> bool {
    matches!(err, SettingError::Invalid { source: DurationError::UnknownUnit(_), .. })
}

/// The default is written in this file. If it does not parse, the program is wrong, not its input.
const DEFAULT_TIMEOUT: &str = "500ms";

pub fn default_timeout() -> u64 {
    parse_millis(DEFAULT_TIMEOUT).expect("DEFAULT_TIMEOUT is a valid duration")
}

/// Three error types meet here; `Box<dyn Error>` takes them all, and the caller loses the type.
pub fn retry_budget(settings: &HashMap<String, String>) -> Result<u64, Box<dyn Error>> {
    let attempts: u64 = settings.get("attempts").ok_or("attempts is not set")?.parse()?;
    let each = timeout_setting(settings, "retry_after")?;
    Ok(attempts.checked_mul(each).ok_or("the retry budget overflows u64")?)
}

fn settings(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn main() {
    let config = settings(&[
        ("read_timeout", "250ms"),
        ("write_timeout", "3s"),
        ("idle_timeout", "5m"),
        ("dial_timeout", "1O0ms"),
        ("drain_timeout", "18446744073709552s"),
        ("attempts", "three"),
        ("retry_after", "2s"),
    ]);
    let names = ["read_timeout", "write_timeout", "idle_timeout", "dial_timeout", "drain_timeout", "shutdown_timeout"];
    for name in names {
        match timeout_setting(&config, name) {
            Ok(ms) => println!("{name}: {ms} ms"),
            Err(err) if use_default(&err) => println!("{name}: {} ms, the default ({err})", default_timeout()),
            Err(err) => {
                println!("{name}: error: {}", report(&err));
                if is_unit_mistake(&err) {
                    println!("  hint: a unit mistake");
                }
                if let Some(kind) = parse_int_error_kind(&err) {
                    println!("  the chain holds a ParseIntError: {kind:?}");
                }
            }
        }
    }

    let err = timeout_setting(&config, "dial_timeout").unwrap_err();
    println!("Debug, what unwrap would print: {err:?}");

    match retry_budget(&config) {
        Ok(ms) => println!("retry budget: {ms} ms"),
        Err(err) => {
            println!("retry budget: error: {err}; a SettingError? {}", err.downcast_ref::<SettingError>().is_some())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_millis("250ms").unwrap(), 250);
        assert_eq!(parse_millis(" 3s ").unwrap(), 3000);
        assert!(matches!(parse_millis(""), Err(DurationError::Empty)));
        assert!(matches!(parse_millis("5m"), Err(DurationError::UnknownUnit(unit)) if unit == "m"));
        assert!(matches!(parse_millis("18446744073709552s"), Err(DurationError::TooLong)));
    }

    #[test]
    fn question_mark_converts_through_from() {
        let Err(DurationError::BadNumber(cause)) = parse_millis("1O0ms") else {
            panic!("expected BadNumber");
        };
        assert_eq!(cause.kind(), &IntErrorKind::InvalidDigit);
    }

    #[test]
    fn the_chain_has_three_links_and_display_does_not_repeat_the_source() {
        let config = settings(&[("t", "1O0ms")]);
        let err = timeout_setting(&config, "t").unwrap_err();
        assert_eq!(err.to_string(), "setting t");
        let middle = err.source().expect("a SettingError::Invalid has a source");
        assert!(middle.downcast_ref::<DurationError>().is_some());
        assert_eq!(middle.to_string(), "invalid number");
        let last = middle.source().expect("BadNumber has a source");
        assert!(last.downcast_ref::<ParseIntError>().is_some());
        assert!(last.source().is_none());
        assert_eq!(report(&err), "setting t: invalid number: invalid digit found in string");
        assert_eq!(parse_int_error_kind(&err), Some(IntErrorKind::InvalidDigit));
    }

    #[test]
    fn matches_names_variants_at_any_depth() {
        let config = settings(&[("t", "5m")]);
        let unit = timeout_setting(&config, "t").unwrap_err();
        assert!(is_unit_mistake(&unit));
        assert!(!use_default(&unit));
        assert_eq!(parse_int_error_kind(&unit), None);
        let missing = timeout_setting(&config, "other").unwrap_err();
        assert!(use_default(&missing));
        assert!(missing.source().is_none());
    }

    #[test]
    fn the_default_parses() {
        assert_eq!(default_timeout(), 500);
    }

    #[test]
    #[should_panic(
        expected = "called `Result::unwrap()` on an `Err` value: BadNumber(ParseIntError { kind: InvalidDigit })"
    )]
    fn unwrap_on_err_panics_with_the_debug_text() {
        parse_millis("1O0ms").unwrap();
    }

    #[test]
    fn box_dyn_error_takes_every_type_and_downcasts() {
        let bad_count = retry_budget(&settings(&[("attempts", "three"), ("retry_after", "2s")])).unwrap_err();
        assert!(bad_count.downcast_ref::<ParseIntError>().is_some());
        let no_count = retry_budget(&settings(&[])).unwrap_err();
        assert_eq!(no_count.to_string(), "attempts is not set");
        let bad_timeout = retry_budget(&settings(&[("attempts", "3"), ("retry_after", "2h")])).unwrap_err();
        assert!(bad_timeout.downcast_ref::<SettingError>().is_some());
        assert_eq!(retry_budget(&settings(&[("attempts", "3"), ("retry_after", "2s")])).unwrap(), 6000);
    }
}
