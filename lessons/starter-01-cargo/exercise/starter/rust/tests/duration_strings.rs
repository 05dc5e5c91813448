//! The lesson's tests of godur, one group per task. They use only what the
//! crate makes public (`godur::parse`, `godur::format`, `godur::ParseError`),
//! like a `package godur_test` file in Go: this file is a crate of its own.

use godur::{ParseError, format, parse};

const SECOND: u64 = 1_000_000_000;
const MINUTE: u64 = 60 * SECOND;
const HOUR: u64 = 60 * MINUTE;

// task: 1
#[test]
fn parses_every_unit_go_knows() {
    let cases = [
        ("300ns", 300),
        ("15us", 15_000),
        ("15\u{b5}s", 15_000),
        ("15\u{3bc}s", 15_000),
        ("250ms", 250_000_000),
        ("42s", 42 * SECOND),
        ("5m", 5 * MINUTE),
        ("3h", 3 * HOUR),
    ];
    for (input, want) in cases {
        assert_eq!(parse(input), Ok(want), "parse({input:?})");
    }
}

// task: 1
#[test]
fn parses_several_parts_and_fractions() {
    let cases = [
        ("1h30m", HOUR + 30 * MINUTE),
        ("1.5h", HOUR + 30 * MINUTE),
        ("2h45m30.5s", 2 * HOUR + 45 * MINUTE + 30 * SECOND + SECOND / 2),
        ("1m0.25s", MINUTE + SECOND / 4),
        ("0", 0),
    ];
    for (input, want) in cases {
        assert_eq!(parse(input), Ok(want), "parse({input:?})");
    }
}

// task: 1
#[test]
fn refuses_a_unit_go_does_not_know() {
    let unknown =
        |unit: &str, input: &str| Err(ParseError::UnknownUnit { unit: unit.to_string(), input: input.to_string() });
    assert_eq!(parse("2d"), unknown("d", "2d"));
    assert_eq!(parse("1h-1m"), unknown("h-", "1h-1m"));
    assert_eq!(parse("1"), Err(ParseError::MissingUnit("1".to_string())));
    assert_eq!(
        parse("2d").unwrap_err().to_string(),
        "unknown unit \"d\" in duration \"2d\"",
        "the message, as Go's time.ParseDuration writes it"
    );
}

// task: 2
#[test]
fn formats_below_a_second_in_the_largest_unit_that_fits() {
    let cases = [
        (0, "0s"),
        (1, "1ns"),
        (999, "999ns"),
        (1_000, "1\u{b5}s"),
        (1_500, "1.5\u{b5}s"),
        (1_500_000, "1.5ms"),
        (1_000_001, "1.000001ms"),
        (250_000_000, "250ms"),
    ];
    for (nanos, want) in cases {
        assert_eq!(format(nanos), want, "format({nanos})");
    }
}

// task: 2
#[test]
fn formats_hours_minutes_and_seconds_like_go() {
    let cases = [
        (SECOND, "1s"),
        (SECOND + SECOND / 2, "1.5s"),
        (2 * SECOND + 500_000, "2.0005s"),
        (MINUTE, "1m0s"),
        (61 * SECOND, "1m1s"),
        (HOUR, "1h0m0s"),
        (HOUR + SECOND / 2, "1h0m0.5s"),
        (26 * HOUR + 3 * MINUTE + 4 * SECOND, "26h3m4s"),
    ];
    for (nanos, want) in cases {
        assert_eq!(format(nanos), want, "format({nanos})");
    }
}

// task: 2
#[test]
fn format_and_parse_agree() {
    for nanos in [1, 999, 1_500, 1_000_001, 250_000_000, 2 * SECOND + 500_000, HOUR + SECOND / 2, 90 * MINUTE] {
        let text = format(nanos);
        assert_eq!(parse(&text), Ok(nanos), "parse(format({nanos})), with format({nanos}) = {text:?}");
    }
}

// task: 3
#[test]
fn refuses_a_number_too_large_for_a_u64() {
    for input in ["9999999999h", "18446744073709551616ns", "5124096h", "5124095.9h", "5124095h1h"] {
        assert_eq!(parse(input), Err(ParseError::Overflow(input.to_string())), "parse({input:?})");
    }
}

// task: 3
#[test]
fn accepts_the_largest_duration_that_fits() {
    assert_eq!(parse("18446744073709551615ns"), Ok(u64::MAX));
    assert_eq!(parse("5124095h"), Ok(5_124_095 * HOUR));
    assert_eq!(parse("5124095.5h"), Ok(5_124_095 * HOUR + HOUR / 2));
    assert_eq!(
        parse("9999999999h").unwrap_err().to_string(),
        "duration \"9999999999h\" is too long for a u64 of nanoseconds"
    );
}
