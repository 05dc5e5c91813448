//! Step 7 of the Rust starter path: iterators and closures. `cargo run`
//! prints what the page shows; `cargo test` checks what the page claims.

use std::collections::HashMap;

/// One request from an access log.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub path: String,
    pub status: u16,
    pub millis: u32,
}

fn hit(path: &str, status: u16, millis: u32) -> Hit {
    Hit { path: path.to_string(), status, millis }
}

fn sample_hits() -> Vec<Hit> {
    vec![
        hit("/API/users", 200, 45),
        hit("/api/orders", 200, 130),
        hit("/api/USERS", 500, 12),
        hit("/health", 200, 2),
        hit("/api/orders", 503, 410),
    ]
}

// iter() lends each element, iter_mut() lends it for writing,
// into_iter() hands each element over and uses up the Vec.
pub fn three_ways(mut hits: Vec<Hit>) -> (usize, Vec<String>) {
    // `hit` is a &Hit: the Vec is only read, and still usable afterwards.
    let slow = hits.iter().filter(|hit| hit.millis > 100).count();

    // `hit` is a &mut Hit: each element is changed in place.
    for hit in hits.iter_mut() {
        hit.path.make_ascii_lowercase();
    }

    // `hit` is a Hit, moved out of the Vec: its String is taken, not copied.
    let paths: Vec<String> = hits.into_iter().map(|hit| hit.path).collect();
    (slow, paths)
}

// Adapters: each one wraps the iterator before it and returns a new iterator.
pub fn error_lines(hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .enumerate()
        .filter(|(_, hit)| hit.status >= 500)
        .map(|(index, hit)| format!("line {}: {} {}", index + 1, hit.status, hit.path))
        .collect()
}

pub fn slowdowns(before: &[u32], after: &[u32]) -> Vec<i64> {
    before.iter().zip(after).map(|(old, new)| i64::from(*new) - i64::from(*old)).collect()
}

pub fn served_before_first_error(hits: &[Hit]) -> usize {
    hits.iter().take_while(|hit| hit.status < 500).count()
}

pub fn total_and_max(hits: &[Hit]) -> (u32, u32) {
    hits.iter().fold((0, 0), |(total, max), hit| (total + hit.millis, max.max(hit.millis)))
}

// collect() builds whatever type you ask for: the annotation chooses it.
pub fn parse_settings(text: &str) -> HashMap<&str, &str> {
    text.lines().filter_map(|line| line.split_once('=')).collect()
}

pub fn sparkline(hits: &[Hit]) -> String {
    hits.iter().map(|hit| if hit.millis > 100 { '#' } else { '.' }).collect()
}

pub fn parse_latencies(fields: &[&str]) -> Result<Vec<u32>, std::num::ParseIntError> {
    fields.iter().map(|field| field.parse::<u32>()).collect()
}

// Nothing in the chain runs until take(2).collect() pulls from it.
fn show_laziness() {
    let latencies = [120, 40, 310, 95, 280];
    let slow = latencies.into_iter().inspect(|ms| println!("  looked at {ms}")).filter(|ms| *ms > 100).map(|ms| {
        println!("  converted {ms}");
        ms * 1000
    });
    println!("chain built, nothing looked at yet");
    let first_two: Vec<u32> = slow.take(2).collect();
    println!("first two slow latencies in microseconds: {first_two:?}");
}

// A closure borrows what it reads, borrows mutably what it changes,
// and takes what it moves out or what `move` tells it to take.
fn capture_modes() {
    let limit = 100;
    let is_slow = |ms: u32| ms > limit; // reads `limit`: Fn
    println!("310 slow? {}, 40 slow? {}", is_slow(310), is_slow(40));

    let mut seen = 0;
    let mut count = |_ms: u32| seen += 1; // changes `seen`: FnMut
    count(310);
    count(40);
    println!("seen: {seen}");

    let report = String::from("2 slow requests");
    let send = move || report; // gives `report` away: FnOnce
    println!("sent: {}", send());
}

/// Calls `attempt` with 1, 2, ... until it succeeds or `attempts` calls have failed.
pub fn retry<T, E>(attempts: u32, mut attempt: impl FnMut(u32) -> Result<T, E>) -> Result<T, E> {
    let mut number = 1;
    loop {
        match attempt(number) {
            Err(_) if number < attempts => number += 1,
            done => return done,
        }
    }
}

/// Returns a closure that owns its copy of `limit_ms`.
pub fn slower_than(limit_ms: u32) -> impl Fn(&Hit) -> bool {
    move |hit| hit.millis > limit_ms
}

/// Retry delays: `first_ms`, then doubling, never above `max_ms`, `retries` of them.
pub struct Backoff {
    next_ms: u32,
    max_ms: u32,
    left: u32,
}

impl Backoff {
    pub fn new(first_ms: u32, max_ms: u32, retries: u32) -> Backoff {
        Backoff { next_ms: first_ms.min(max_ms), max_ms, left: retries }
    }
}

impl Iterator for Backoff {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let delay = self.next_ms;
        self.next_ms = self.next_ms.saturating_mul(2).min(self.max_ms);
        Some(delay)
    }
}

fn main() {
    let (slow, paths) = three_ways(sample_hits());
    println!("{slow} slow requests; paths: {paths:?}");

    let hits = sample_hits();
    for line in error_lines(&hits) {
        println!("{line}");
    }
    println!("slowdowns: {:?}", slowdowns(&[45, 130, 12], &[50, 90, 12]));
    println!("served before the first error: {}", served_before_first_error(&hits));
    println!("total and max ms: {:?}", total_and_max(&hits));
    let settings = parse_settings("port=8080\n# a comment\nmode=fast");
    println!("port setting: {:?}, {} settings", settings.get("port"), settings.len());
    println!("sparkline: {}", sparkline(&hits));
    println!("{:?}", parse_latencies(&["45", "130", "12"]));
    println!("{:?}", parse_latencies(&["45", "fast", "12"]));

    show_laziness();
    capture_modes();

    let mut calls = Vec::new();
    let answer = retry(3, |attempt| {
        calls.push(attempt);
        if attempt < 3 { Err("busy") } else { Ok("done") }
    });
    println!("retry: {answer:?} after attempts {calls:?}");
    let gave_up: Result<(), &str> = retry(2, |_| Err("down"));
    println!("retry: {gave_up:?}");

    let over_100 = slower_than(100);
    let slow_paths: Vec<&str> = hits.iter().filter(|hit| over_100(hit)).map(|hit| hit.path.as_str()).collect();
    println!("slower than 100 ms: {slow_paths:?}");

    let delays: Vec<u32> = Backoff::new(100, 1000, 6).collect();
    println!("backoff delays: {delays:?}");
    let waited: u32 = Backoff::new(100, 1000, 6).take_while(|ms| *ms < 1000).sum();
    println!("waited before the delay reaches its cap: {waited} ms");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn into_iter_moves_each_string_out_without_copying_it() {
        let hits = sample_hits();
        let first_path_buffer = hits[0].path.as_ptr();
        let (slow, paths) = three_ways(hits);
        assert_eq!(slow, 2);
        assert_eq!(paths[0], "/api/users");
        assert_eq!(paths[0].as_ptr(), first_path_buffer, "the same heap buffer, moved, not cloned");
    }

    #[test]
    fn iter_leaves_the_vec_usable_and_iter_mut_changes_it_in_place() {
        let mut hits = sample_hits();
        let errors = hits.iter().filter(|hit| hit.status >= 500).count();
        assert_eq!(errors, 2);
        assert_eq!(hits.len(), 5);
        for hit in &mut hits {
            hit.millis += 1;
        }
        assert_eq!(hits[3].millis, 3);
    }

    #[test]
    fn enumerate_before_filter_numbers_every_line() {
        let hits = sample_hits();
        assert_eq!(error_lines(&hits), ["line 3: 500 /api/USERS", "line 5: 503 /api/orders"]);
    }

    #[test]
    fn zip_stops_at_the_shorter_side() {
        assert_eq!(slowdowns(&[10, 20, 30], &[15, 5]), [5, -15]);
    }

    #[test]
    fn take_while_stops_at_the_first_failure_and_never_resumes() {
        let mut hits = sample_hits();
        hits.push(hit("/late", 200, 1));
        assert_eq!(served_before_first_error(&hits), 2);
    }

    #[test]
    fn fold_carries_the_total_and_the_maximum() {
        assert_eq!(total_and_max(&sample_hits()), (599, 410));
        assert_eq!(total_and_max(&[]), (0, 0));
    }

    #[test]
    fn collect_builds_a_map_a_string_and_a_result() {
        let settings = parse_settings("port=8080\nno equals sign\nmode=fast\nport=9090");
        assert_eq!(settings.len(), 2);
        assert_eq!(settings["port"], "9090", "a later pair replaces an earlier one");
        assert_eq!(sparkline(&sample_hits()), ".#..#");
        assert_eq!(parse_latencies(&["1", "2"]), Ok(vec![1, 2]));
        assert!(parse_latencies(&["1", "x"]).is_err());
    }

    #[test]
    fn collecting_into_a_result_stops_at_the_first_error() {
        let mut parsed = 0;
        let result: Result<Vec<u32>, _> = ["1", "x", "3", "4"]
            .iter()
            .map(|field| {
                parsed += 1;
                field.parse::<u32>()
            })
            .collect();
        assert!(result.is_err());
        assert_eq!(parsed, 2, "\"3\" and \"4\" were never parsed");
    }

    #[test]
    fn a_chain_does_nothing_until_pulled_and_stops_when_the_consumer_stops() {
        let looked = Cell::new(0);
        let chain =
            [120, 40, 310, 95, 280].into_iter().inspect(|_| looked.set(looked.get() + 1)).filter(|ms| *ms > 100);
        assert_eq!(looked.get(), 0);
        let first_two: Vec<u32> = chain.take(2).collect();
        assert_eq!(first_two, [120, 310]);
        assert_eq!(looked.get(), 3, "95 and 280 were never looked at");
    }

    #[test]
    fn retry_calls_again_until_success_or_the_last_attempt() {
        let mut calls = Vec::new();
        let answer: Result<&str, &str> = retry(5, |attempt| {
            calls.push(attempt);
            if attempt == 2 { Ok("up") } else { Err("busy") }
        });
        assert_eq!(answer, Ok("up"));
        assert_eq!(calls, [1, 2]);
        let mut tries = 0;
        let gave_up: Result<(), u32> = retry(3, |attempt| {
            tries += 1;
            Err(attempt)
        });
        assert_eq!(gave_up, Err(3), "the last error is returned");
        assert_eq!(tries, 3);
    }

    #[test]
    fn a_returned_closure_owns_its_limit() {
        let over_100 = slower_than(100);
        assert!(over_100(&hit("/a", 200, 101)));
        assert!(!over_100(&hit("/a", 200, 100)));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_gets_every_adapter_for_free() {
        assert_eq!(Backoff::new(100, 1000, 6).collect::<Vec<_>>(), [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(Backoff::new(100, 1000, 0).next(), None);
        assert_eq!(Backoff::new(5000, 1000, 1).collect::<Vec<_>>(), [1000]);
        assert_eq!(Backoff::new(u32::MAX - 1, u32::MAX, 3).last(), Some(u32::MAX), "saturates, never wraps");
        let numbered: Vec<(u32, u32)> = (1..).zip(Backoff::new(10, 40, 4)).collect();
        assert_eq!(numbered, [(1, 10), (2, 20), (3, 40), (4, 40)]);
        assert_eq!(Backoff::new(100, 1000, 6).take_while(|ms| *ms < 1000).sum::<u32>(), 1500);
    }
}
