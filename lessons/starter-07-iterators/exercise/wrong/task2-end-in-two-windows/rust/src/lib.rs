//! Metrics from an access log. One request is one line of five fields
//! separated by spaces:
//!
//! ```text
//! <second> <method> <path> <status> <millis>
//! 12 GET /api/cart 200 31
//! ```
//!
//! `second` counts from the start of the log. Blank lines and lines whose
//! first non-space character is `#` are not requests. Line numbers count
//! every line of the text, requests or not, from 1.

use std::fmt;

/// One request from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub second: u64,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub millis: u32,
}

/// A request line that could not be read, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ParseError {}

/// Reads one request line. Complete: the tasks use it as it is.
pub fn parse_request(line: &str) -> Result<Request, String> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let [second, method, path, status, millis] = fields.as_slice() else {
        return Err(format!("expected 5 fields, found {}", fields.len()));
    };
    Ok(Request {
        second: second.parse().map_err(|_| format!("second {second:?} is not a whole number"))?,
        method: method.to_string(),
        path: path.to_string(),
        status: status.parse().map_err(|_| format!("status {status:?} is not a number"))?,
        millis: millis.parse().map_err(|_| format!("millis {millis:?} is not a whole number"))?,
    })
}

/// True for a line that holds a request: not blank, not a `#` comment.
pub fn is_request_line(line: &str) -> bool {
    let line = line.trim_start();
    !line.is_empty() && !line.starts_with('#')
}

/// Task 1: parses the request lines among `lines`, one each time the caller
/// pulls, and pulls from `lines` only as far as it needs to. A line that does
/// not parse is an `Err` with its line number, and the lines after it are
/// still parsed when the caller asks for them.
pub fn requests<'a>(lines: impl Iterator<Item = &'a str>) -> impl Iterator<Item = Result<Request, ParseError>> {
    lines
        .enumerate()
        .filter(|(_, line)| is_request_line(line))
        .map(|(index, line)| parse_request(line).map_err(|reason| ParseError { line: index + 1, reason }))
}

/// Task 1: every request of the log, or the first line that does not parse.
pub fn parse_all(text: &str) -> Result<Vec<Request>, ParseError> {
    requests(text.lines()).collect()
}

/// The requests of one window: from `start` (included) to `start + width`
/// seconds (excluded). `requests` borrows from the log's slice; nothing is copied.
#[derive(Debug, Clone, PartialEq)]
pub struct Window<'r> {
    pub start: u64,
    pub requests: &'r [Request],
}

/// Task 2: the windows of a log, one after another. Made by [`windows`].
#[derive(Debug, Clone)]
pub struct Windows<'r> {
    rest: &'r [Request],
    start: u64,
    width: u64,
}

/// The windows of `width` seconds over `requests`, which are sorted by
/// second. The first window starts at the multiple of `width` at or before the
/// first request; every window follows the one before it, empty ones included,
/// up to the window of the last request. No requests, no windows.
///
/// # Panics
/// If `width` is 0.
pub fn windows(requests: &[Request], width: u64) -> Windows<'_> {
    assert!(width > 0, "a window is at least one second wide");
    let start = requests.first().map_or(0, |first| first.second - first.second % width);
    Windows { rest: requests, start, width }
}

impl<'r> Iterator for Windows<'r> {
    type Item = Window<'r>;

    fn next(&mut self) -> Option<Window<'r>> {
        if self.rest.is_empty() {
            return None;
        }
        let end = self.start + self.width;
        let inside = self.rest.iter().take_while(|request| request.second <= end).count();
        let (requests, rest) = self.rest.split_at(inside);
        let window = Window { start: self.start, requests };
        self.rest = rest;
        self.start = end;
        Some(window)
    }
}

/// Task 3: one `(start, value)` pair per window of [`windows`], where the value
/// is `metric` applied to the window's requests. `metric` is called once per
/// window, in order, empty windows included.
pub fn series<F>(requests: &[Request], width: u64, mut metric: F) -> Vec<(u64, u64)>
where
    F: FnMut(&[Request]) -> u64,
{
    windows(requests, width).map(|window| (window.start, metric(window.requests))).collect()
}

/// Task 3: the index of the request that completes the first run of `run`
/// requests in a row for which `is_bad` answers true. `is_bad` is called on the
/// requests in order, and on none after that one.
///
/// # Panics
/// If `run` is 0.
pub fn first_bad_run<F>(requests: &[Request], run: usize, mut is_bad: F) -> Option<usize>
where
    F: FnMut(&Request) -> bool,
{
    assert!(run > 0, "a run is at least one request long");
    let mut in_a_row = 0;
    requests.iter().position(|request| {
        in_a_row = if is_bad(request) { in_a_row + 1 } else { 0 };
        in_a_row == run
    })
}
