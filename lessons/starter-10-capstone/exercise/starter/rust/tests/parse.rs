//! Task 1: the parser and the aggregator, in plain Rust, by the rules at
//! the top of src/parse.rs.

use logstats::parse::*;

const GOOD: &str = "ts=1767225600000 level=info dur_ms=12 path=/api/orders";

// task: 1
#[test]
fn a_good_line_becomes_a_record_that_borrows_its_path() {
    let record = parse_line(GOOD).expect("a good line");
    assert_eq!(record, Record { ts: 1767225600000, level: Level::Info, dur_ms: 12, path: "/api/orders" });
    // The path is a slice of the line, not a copy.
    let start = GOOD.find("/api").unwrap();
    assert!(std::ptr::eq(record.path.as_ptr(), GOOD[start..].as_ptr()), "path must borrow from the line");
}

// task: 1
#[test]
fn keys_come_in_any_order_with_extra_keys_and_spaces() {
    let line = "  path=/a/b  status=200 dur_ms=0 user=ann level=error   ts=0 ";
    assert_eq!(parse_line(line), Ok(Record { ts: 0, level: Level::Error, dur_ms: 0, path: "/a/b" }));
    for (name, level) in
        [("debug", Level::Debug), ("info", Level::Info), ("warn", Level::Warn), ("error", Level::Error)]
    {
        let line = format!("ts=1 level={name} dur_ms=1 path=/");
        assert_eq!(parse_line(&line).map(|r| r.level), Ok(level), "{line}");
    }
    // Only the first `=` splits a field: the value may hold more.
    assert_eq!(parse_line("ts=1 level=warn dur_ms=5 path=/q?a=b").map(|r| r.path), Ok("/q?a=b"));
}

// task: 1
#[test]
fn each_broken_rule_is_its_own_error() {
    let cases = [
        ("ts=1 level=info dur_ms=1 path=/ junk", LineError::NotKeyValue),
        ("ts=1 level=info dur_ms=1 =x path=/", LineError::NotKeyValue),
        ("ts=1 level=info dur_ms=1 path=/a path=/b", LineError::Repeated("path")),
        ("ts=1 ts=2 level=info dur_ms=1 path=/", LineError::Repeated("ts")),
        ("ts=1 level=info level=warn dur_ms=1 path=/", LineError::Repeated("level")),
        ("ts=1 level=info dur_ms=1 dur_ms=1 path=/", LineError::Repeated("dur_ms")),
        ("level=info dur_ms=1 path=/", LineError::Missing("ts")),
        ("ts=1 dur_ms=1 path=/", LineError::Missing("level")),
        ("ts=1 level=info path=/", LineError::Missing("dur_ms")),
        ("ts=1 level=info dur_ms=1", LineError::Missing("path")),
        ("ts=1 level=INFO dur_ms=1 path=/", LineError::UnknownLevel),
        ("ts=1 level=fatal dur_ms=1 path=/", LineError::UnknownLevel),
        ("ts=1 level= dur_ms=1 path=/", LineError::UnknownLevel),
        ("ts=1 level=info dur_ms=1 path=api", LineError::BadPath),
        ("ts=1 level=info dur_ms=1 path=", LineError::BadPath),
        ("ts=x level=info dur_ms=1 path=/", LineError::BadNumber("ts")),
        ("ts= level=info dur_ms=1 path=/", LineError::BadNumber("ts")),
        ("ts=1 level=info dur_ms=-3 path=/", LineError::BadNumber("dur_ms")),
        ("ts=1 level=info dur_ms=1.5 path=/", LineError::BadNumber("dur_ms")),
        ("ts=1 level=info dur_ms=\t7 path=/", LineError::BadNumber("dur_ms")),
    ];
    for (line, want) in cases {
        assert_eq!(parse_line(line), Err(want), "{line:?}");
    }
}

// task: 1
// str::parse::<u64>() accepts "+5"; Go's strconv.ParseUint does not. The
// format says digits only, so both parsers must refuse a sign.
#[test]
fn numbers_are_digits_only_and_in_range() {
    assert_eq!(parse_line("ts=+5 level=info dur_ms=1 path=/"), Err(LineError::BadNumber("ts")));
    assert_eq!(parse_line("ts=5 level=info dur_ms=+1 path=/"), Err(LineError::BadNumber("dur_ms")));
    let max = "ts=18446744073709551615 level=info dur_ms=4294967295 path=/";
    assert_eq!(parse_line(max).map(|r| (r.ts, r.dur_ms)), Ok((u64::MAX, u32::MAX)));
    assert_eq!(parse_line("ts=18446744073709551616 level=info dur_ms=1 path=/"), Err(LineError::BadNumber("ts")));
    assert_eq!(parse_line("ts=1 level=info dur_ms=4294967296 path=/"), Err(LineError::BadNumber("dur_ms")));
    assert_eq!(parse_line("ts=007 level=info dur_ms=010 path=/").map(|r| (r.ts, r.dur_ms)), Ok((7, 10)));
}

// task: 1
#[test]
fn percentile_is_nearest_rank() {
    let hundred: Vec<u32> = (1..=100).collect();
    assert_eq!(percentile(&hundred, 50), 50);
    assert_eq!(percentile(&hundred, 99), 99);
    assert_eq!(percentile(&hundred, 100), 100);
    assert_eq!(percentile(&[7], 50), 7);
    assert_eq!(percentile(&[7], 99), 7);
    // n = 3: p50 is rank ceil(1.5) = 2, p99 is rank ceil(2.97) = 3.
    assert_eq!(percentile(&[1, 5, 9], 50), 5);
    assert_eq!(percentile(&[1, 5, 9], 99), 9);
    // n = 4: p50 is rank 2 (no averaging of the two middle values).
    assert_eq!(percentile(&[10, 20, 30, 40], 50), 20);
    assert_eq!(percentile(&[], 50), 0);
}

// task: 1
#[test]
fn a_body_adds_up_with_bad_lines_counted_and_numbered() {
    let body = "ts=1 level=info dur_ms=30 path=/a\n\
                \n\
                ts=2 level=warn dur_ms=10 path=/b\r\n\
                ts=3 level=fatal dur_ms=1 path=/c\n\
                ts=4 level=info dur_ms=20 path=/d\n\
                oops\n";
    let s = summarize(body.as_bytes()).expect("a body with good lines");
    assert_eq!(
        s,
        Summary { lines: 3, bad: 2, first_bad_line: 4, levels: [0, 2, 1, 0], p50_ms: 20, p99_ms: 30, max_ms: 30 },
        "line 2 is empty (skipped, but counted in the numbering); line 3 ends in \\r\\n; lines 4 and 6 are bad"
    );
}

// task: 1
#[test]
fn only_bad_lines_is_a_summary_not_an_error() {
    let s = summarize(b"nope\r\nts=1 level=info\n").expect("bad lines are counted, not refused");
    assert_eq!(s, Summary { lines: 0, bad: 2, first_bad_line: 1, ..Summary::default() });
}

// task: 1
#[test]
fn a_body_with_no_lines_or_not_utf8_is_refused() {
    assert_eq!(summarize(b""), Err(BodyError::NoLines));
    assert_eq!(summarize(b"\n\r\n\n"), Err(BodyError::NoLines));
    assert_eq!(summarize(b"ts=1 level=info dur_ms=1 path=/\xff\n"), Err(BodyError::NotUtf8));
    assert_eq!(BodyError::NoLines.to_string(), "the body has no log lines");
    assert_eq!(BodyError::NotUtf8.to_string(), "the body is not UTF-8");
}

// task: 1
// Ten thousand lines whose answer is known: dur_ms runs 1..=10000 (in a
// shuffled order), levels take turns, and every 1000th line is bad.
#[test]
fn ten_thousand_lines_give_the_exact_percentiles() {
    let mut body = String::new();
    for i in 0..10_000u32 {
        let dur = (i * 7919) % 10_000 + 1; // 7919 is prime: a permutation of 1..=10000
        let level = ["debug", "info", "warn", "error"][(i % 4) as usize];
        body.push_str(&format!("ts={i} level={level} dur_ms={dur} path=/p/{i}\n"));
        if i % 1000 == 999 {
            body.push_str("ts=1 level=info dur_ms=oops path=/\n");
        }
    }
    let s = summarize(body.as_bytes()).unwrap();
    assert_eq!((s.lines, s.bad, s.first_bad_line), (10_000, 10, 1001));
    assert_eq!(s.levels, [2500; 4]);
    assert_eq!((s.p50_ms, s.p99_ms, s.max_ms), (5000, 9900, 10_000));
}
