//! Task 1: each error says where and what went wrong, and a bad number keeps
//! the ParseIntError that caused it as its source.

use config_errors::{ConfigError, report};
use std::error::Error;
use std::fmt;
use std::num::{IntErrorKind, ParseIntError};

fn parse_int_error(text: &str) -> ParseIntError {
    text.parse::<u32>().unwrap_err()
}

fn bad_workers() -> ConfigError {
    ConfigError::BadNumber { line: 2, key: "workers".to_string(), source: parse_int_error("four") }
}

/// An error one level above ConfigError, the way a caller that read the file would wrap it.
#[derive(Debug)]
struct LoadError {
    path: String,
    source: ConfigError,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "loading {}", self.path)
    }
}

impl Error for LoadError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}

// task: 1
#[test]
fn each_message_says_where_and_what() {
    assert_eq!(ConfigError::MissingEquals { line: 3 }.to_string(), "line 3: expected \"key = value\"");
    assert_eq!(
        ConfigError::UnknownKey { line: 12, key: "colour".to_string() }.to_string(),
        "line 12: unknown key \"colour\""
    );
    assert_eq!(bad_workers().to_string(), "line 2: bad value for workers");
    assert_eq!(ConfigError::Missing { key: "name" }.to_string(), "missing required key \"name\"");
}

// task: 1
// The cause belongs in source(), not in the message: a report that walks the
// chain would print it twice.
#[test]
fn a_bad_number_keeps_its_parse_int_error_as_source() {
    let err = bad_workers();
    let source = err.source().expect("BadNumber must return its ParseIntError from source(), not None");
    let cause =
        source.downcast_ref::<ParseIntError>().expect("the source of BadNumber must be the ParseIntError itself");
    assert_eq!(cause.kind(), &IntErrorKind::InvalidDigit);
    assert!(source.source().is_none(), "a ParseIntError is the end of the chain");
    assert!(!err.to_string().contains("invalid digit"), "the message repeats its source's text: {:?}", err.to_string());
}

// task: 1
#[test]
fn other_errors_have_no_source() {
    assert!(ConfigError::MissingEquals { line: 1 }.source().is_none());
    assert!(ConfigError::UnknownKey { line: 1, key: "x".to_string() }.source().is_none());
    assert!(ConfigError::Missing { key: "workers" }.source().is_none());
}

// task: 1
#[test]
fn report_joins_the_whole_chain() {
    assert_eq!(report(&bad_workers()), "line 2: bad value for workers: invalid digit found in string");
    assert_eq!(report(&ConfigError::Missing { key: "workers" }), "missing required key \"workers\"");
    let load = LoadError { path: "service.conf".to_string(), source: bad_workers() };
    assert_eq!(report(&load), "loading service.conf: line 2: bad value for workers: invalid digit found in string");
}
