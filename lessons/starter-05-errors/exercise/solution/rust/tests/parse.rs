//! Task 2: parse_config reads a whole text, returns the first error with the
//! line an editor would show, and never panics on input.

use config_errors::{Config, ConfigError, Setting, parse_config, parse_line};
use std::num::IntErrorKind;
use std::panic;

/// parse_config, with a panic turned into a failure that says what to do instead.
fn parse(text: &str) -> Result<Config, ConfigError> {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = panic::catch_unwind(|| parse_config(text));
    panic::set_hook(hook);
    match result {
        Ok(answer) => answer,
        Err(_) => panic!("parse_config panicked on {text:?}: bad input must be an Err, not a panic"),
    }
}

const GOOD: &str = "# the checkout service
name = checkout

workers = 8
port=8080
";

// task: 2
#[test]
fn a_good_config_parses() {
    let config = parse(GOOD).expect("a good config");
    assert_eq!(config, Config { name: "checkout".to_string(), workers: 8, port: Some(8080) });
    let config = parse("workers = 2\nname = batch\n").expect("port is optional");
    assert_eq!(config.port, None);
}

// task: 2
#[test]
fn a_bad_number_is_an_error_with_its_line_not_a_panic() {
    let result = parse("name = checkout\n\n# workers per core\nworkers = four\n");
    match result {
        Err(ConfigError::BadNumber { line, key, source }) => {
            assert_eq!(line, 4, "lines count from 1, blank and comment lines included");
            assert_eq!(key, "workers");
            assert_eq!(source.kind(), &IntErrorKind::InvalidDigit);
        }
        other => panic!("expected Err(BadNumber {{ line: 4, .. }}), got {other:?}"),
    }
}

// task: 2
#[test]
fn a_port_out_of_range_is_a_bad_number() {
    let result = parse("name = api\nworkers = 2\nport = 70000\n");
    assert!(
        matches!(&result, Err(ConfigError::BadNumber { line: 3, key, source })
            if key == "port" && *source.kind() == IntErrorKind::PosOverflow),
        "expected Err(BadNumber {{ line: 3, key: \"port\", .. }}) with PosOverflow, got {result:?}"
    );
}

// task: 2
#[test]
fn a_line_without_equals_is_reported_on_its_own_line() {
    let result = parse("# comment\n\nname = api\nworkers 4\n");
    assert!(
        matches!(result, Err(ConfigError::MissingEquals { line: 4 })),
        "expected Err(MissingEquals {{ line: 4 }}), got {result:?}"
    );
    let result = parse("\n\n\n\n\ncolour = blue\nname = api\n");
    assert!(
        matches!(&result, Err(ConfigError::UnknownKey { line: 6, key }) if key == "colour"),
        "expected Err(UnknownKey {{ line: 6, key: \"colour\" }}), got {result:?}"
    );
}

// task: 2
#[test]
fn the_first_bad_line_is_the_answer() {
    let result = parse("name = api\nworkers = x\nport = y\n");
    assert!(
        matches!(&result, Err(ConfigError::BadNumber { line: 2, .. })),
        "expected the error of line 2, got {result:?}"
    );
}

// task: 2
#[test]
fn a_missing_required_key_is_an_error_without_a_line() {
    let result = parse("name = api\nport = 80\n");
    assert!(
        matches!(result, Err(ConfigError::Missing { key: "workers" })),
        "expected Err(Missing {{ key: \"workers\" }}), got {result:?}"
    );
    let result = parse("");
    assert!(matches!(result, Err(ConfigError::Missing { key: "name" })), "got {result:?}");
}

// task: 2
#[test]
fn parse_line_uses_the_line_number_it_is_given() {
    let result = panic::catch_unwind(|| parse_line(7, "  port = 9000x "));
    let result = result.expect("parse_line must not panic on a bad number");
    assert!(
        matches!(&result, Err(ConfigError::BadNumber { line: 7, .. })),
        "expected Err(BadNumber {{ line: 7, .. }}), got {result:?}"
    );
    assert!(matches!(parse_line(1, "   # note"), Ok(None)));
    assert_eq!(parse_line(2, " port = 443 ").unwrap(), Some(Setting::Port(443)));
}
