//! The lesson's tests of the access-log metrics, one group per task.

use logmetrics::{
    ParseError, Request, first_bad_run, is_request_line, parse_all, parse_request, requests, series, windows,
};
use std::cell::Cell;

/// Nine lines: two comments, a blank line and six requests. Lines 2 to 5 fall
/// in the window of second 10, none in 20, lines 8 and 9 in 30.
const LOG: &str = "\
# service: checkout
10 GET /api/cart 200 31
11 POST /api/orders 201 140

12 GET /api/cart 500 12
  # a deploy starts here
14 GET /api/cart 503 8
31 GET /health 200 1
32 POST /api/orders 201 95
";

fn request(second: u64, path: &str, status: u16, millis: u32) -> Request {
    Request { second, method: "GET".to_string(), path: path.to_string(), status, millis }
}

fn statuses(statuses: &[u16]) -> Vec<Request> {
    statuses.iter().enumerate().map(|(i, status)| request(i as u64, "/x", *status, 10)).collect()
}

// task: 1
#[test]
fn requests_skips_blank_lines_and_comments() {
    let parsed: Vec<Request> = requests(LOG.lines()).map(|result| result.expect("every request line parses")).collect();
    let seconds: Vec<u64> = parsed.iter().map(|request| request.second).collect();
    assert_eq!(seconds, [10, 11, 12, 14, 31, 32]);
    assert_eq!(
        parsed[1],
        Request { second: 11, method: "POST".into(), path: "/api/orders".into(), status: 201, millis: 140 }
    );
}

// task: 1
// Line numbers count every line of the text, comments and blank lines too.
#[test]
fn an_error_names_its_line_in_the_text_and_parsing_goes_on() {
    let text = "# header\n10 GET /a 200 5\n\n11 GET /b 2OO 7\n12 GET /c 200 9\nnot a request\n";
    let results: Vec<Result<Request, ParseError>> = requests(text.lines()).collect();
    assert_eq!(results.len(), 4, "one result per request line, good or bad: {results:?}");
    assert!(results[0].is_ok());
    let error = results[1].clone().expect_err("\"2OO\" is not a status");
    assert_eq!(error.line, 4, "{error}");
    assert!(error.reason.contains("2OO"), "the reason names the bad field: {error}");
    assert_eq!(results[2].as_ref().map(|request| request.second), Ok(12));
    assert_eq!(results[3].clone().expect_err("five fields are needed").line, 6);
}

// task: 1
// The caller decides how far to read: nothing is pulled until it asks, and
// only the lines up to the request it asked for.
#[test]
fn requests_pulls_lines_only_when_asked() {
    let pulled = Cell::new(0);
    let lines = LOG.lines().inspect(|_| pulled.set(pulled.get() + 1));
    let mut parsed = requests(lines);
    assert_eq!(pulled.get(), 0, "lines were read before anything asked for a request");
    let first = parsed.next().expect("a first request").expect("it parses");
    assert_eq!(first.second, 10);
    assert_eq!(pulled.get(), 2, "the first request is on line 2");
    let third = parsed.nth(1).expect("a third request").expect("it parses");
    assert_eq!(third.second, 12);
    assert_eq!(pulled.get(), 5, "the third request is on line 5");
}

// task: 1
#[test]
fn parse_all_collects_every_request() {
    let all = parse_all(LOG).expect("the log parses");
    assert_eq!(all.len(), 6);
    assert_eq!(all[5].path, "/api/orders");
    assert_eq!(parse_all("# nothing here\n\n"), Ok(Vec::new()));
}

// task: 1
// A bad line is an error for the whole log, not a line to skip.
#[test]
fn parse_all_stops_at_the_first_bad_line() {
    let text = "10 GET /a 200 5\n# fine so far\n11 GET /b 200\n12 GET /c 200 x\n";
    let error = parse_all(text).expect_err("line 3 has four fields");
    assert_eq!(error.line, 3, "{error}");
}

/// The requests of LOG, read without Task 1's functions.
fn log() -> Vec<Request> {
    LOG.lines().filter(|line| is_request_line(line)).map(|line| parse_request(line).expect("a request line")).collect()
}

// task: 2
#[test]
fn windows_split_the_log_and_keep_the_empty_ones() {
    let log = log();
    let found: Vec<(u64, usize)> = windows(&log, 10).map(|window| (window.start, window.requests.len())).collect();
    assert_eq!(found, [(10, 4), (20, 0), (30, 2)]);
}

// task: 2
#[test]
fn windows_start_on_a_multiple_of_the_width() {
    let log = log();
    let starts: Vec<u64> = windows(&log, 4).map(|window| window.start).collect();
    assert_eq!(starts, [8, 12, 16, 20, 24, 28, 32]);
    let sizes: Vec<usize> = windows(&log, 4).map(|window| window.requests.len()).collect();
    assert_eq!(sizes, [2, 2, 0, 0, 0, 1, 1]);
}

// task: 2
// A window runs from its start, included, to its end, excluded.
#[test]
fn a_request_on_the_boundary_opens_the_next_window() {
    let log =
        vec![request(5, "/a", 200, 1), request(10, "/b", 200, 1), request(19, "/c", 200, 1), request(20, "/d", 200, 1)];
    let paths: Vec<Vec<&str>> =
        windows(&log, 10).map(|window| window.requests.iter().map(|request| request.path.as_str()).collect()).collect();
    assert_eq!(paths, [vec!["/a"], vec!["/b", "/c"], vec!["/d"]]);
}

// task: 2
// The windows lend parts of the caller's slice; nothing is copied.
#[test]
fn windows_borrow_the_callers_requests() {
    let log = log();
    let mut all = windows(&log, 10);
    let first = all.next().expect("a first window");
    assert!(std::ptr::eq(first.requests, &log[..4]));
    let _empty = all.next().expect("a second window");
    let last = all.next().expect("a third window");
    assert!(std::ptr::eq(last.requests, &log[4..]));
    assert_eq!(all.next(), None);
    assert_eq!(all.next(), None, "an iterator that has ended stays ended");
    assert_eq!(windows(&[], 10).count(), 0);
}

// task: 3
#[test]
fn series_applies_the_metric_to_every_window() {
    let log = log();
    let counts = series(&log, 10, |requests| requests.len() as u64);
    assert_eq!(counts, [(10, 4), (20, 0), (30, 2)]);
    let worst =
        series(&log, 10, |requests| requests.iter().map(|request| u64::from(request.millis)).max().unwrap_or(0));
    assert_eq!(worst, [(10, 140), (20, 0), (30, 95)]);
}

// task: 3
// The metric closure captures `lowest_error` by reference and `seen` by
// mutable reference: `series` must accept an FnMut and call it once a window.
#[test]
fn series_calls_the_metric_once_per_window_in_order() {
    let log = log();
    let lowest_error = 500;
    let mut seen = Vec::new();
    let errors = series(&log, 10, |requests| {
        seen.push(requests.len());
        requests.iter().filter(|request| request.status >= lowest_error).count() as u64
    });
    assert_eq!(errors, [(10, 2), (20, 0), (30, 0)]);
    assert_eq!(seen, [4, 0, 2]);
}

// task: 3
#[test]
fn first_bad_run_finds_the_request_that_completes_the_run() {
    let log = log();
    assert_eq!(first_bad_run(&log, 2, |request| request.status >= 500), Some(3));
    assert_eq!(first_bad_run(&log, 1, |request| request.millis > 100), Some(1));
    assert_eq!(first_bad_run(&log, 3, |request| request.status >= 500), None);
    assert_eq!(first_bad_run(&[], 1, |_| true), None);
}

// task: 3
// A good request ends a run: three failures that are not in a row are no run of two.
#[test]
fn a_good_request_ends_the_run() {
    let log = statuses(&[500, 200, 502, 200, 503, 200]);
    assert_eq!(first_bad_run(&log, 2, |request| request.status >= 500), None);
    let log = statuses(&[500, 200, 502, 503, 200]);
    assert_eq!(first_bad_run(&log, 2, |request| request.status >= 500), Some(3));
}

// task: 3
// Like position or any, first_bad_run stops asking once it has its answer.
#[test]
fn first_bad_run_stops_calling_the_closure_once_it_has_the_answer() {
    let log = statuses(&[200, 500, 500, 500, 500, 200, 500]);
    let mut calls = 0;
    let found = first_bad_run(&log, 2, |request| {
        calls += 1;
        request.status >= 500
    });
    assert_eq!(found, Some(2));
    assert_eq!(calls, 3, "the closure was called on requests after the answer");
}
