//! Task 1: the window in src/window.rs keeps the last `capacity` samples,
//! and its totals follow the samples that are in it.

use gcwindow::window::{KeyStats, Summary, Window};

fn window_of(capacity: usize, samples: &[(u64, u32)]) -> Window {
    let mut window = Window::new(capacity).expect("a capacity above 0 gives a window");
    for &(key, value) in samples {
        window.push(key, value);
    }
    window
}

/// Five samples into a window of three: (1, 10) and (2, 20) leave.
const FIVE: [(u64, u32); 5] = [(1, 10), (2, 20), (1, 30), (3, 40), (1, 50)];

// task: 1
#[test]
fn a_window_of_capacity_zero_is_refused() {
    assert!(Window::new(0).is_none(), "Window::new(0) must be None: a window that holds nothing is a mistake");
}

// task: 1
#[test]
fn a_full_window_keeps_only_the_last_samples() {
    let window = window_of(3, &FIVE);
    let want = Summary { samples: 3, keys: 2, sum: 30 + 40 + 50, evicted: 2 };
    assert_eq!(window.summary(), want, "after {FIVE:?} into a window of 3, only the last three samples count");
}

// task: 1
#[test]
fn an_evicted_sample_comes_off_its_keys_totals() {
    let window = window_of(3, &FIVE);
    assert_eq!(
        window.stats(1),
        KeyStats { count: 2, sum: 30 + 50 },
        "key 1: (1, 10) has left, (1, 30) and (1, 50) are in"
    );
    assert_eq!(window.stats(3), KeyStats { count: 1, sum: 40 });
}

// task: 1
#[test]
fn a_key_with_no_samples_left_leaves_the_window() {
    let window = window_of(3, &FIVE);
    assert_eq!(window.stats(2), KeyStats::default(), "key 2's only sample has left the window");
    assert_eq!(window.summary().keys, 2, "keys counts the keys that have samples in the window (1 and 3)");
}

// task: 1
#[test]
fn a_long_run_matches_totals_recomputed_from_the_last_samples() {
    const CAPACITY: usize = 100;
    let mut window = Window::new(CAPACITY).unwrap();
    let mut all: Vec<(u64, u32)> = Vec::new();
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    for i in 1..=10_000 {
        // xorshift64: the same samples every run.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let sample = (state % 37, (state >> 32) as u32 % 1000);
        window.push(sample.0, sample.1);
        all.push(sample);
        if i % 997 != 0 && i != 10_000 {
            continue;
        }
        let last = &all[all.len().saturating_sub(CAPACITY)..];
        let mut want =
            Summary { samples: last.len() as u64, evicted: (all.len() - last.len()) as u64, ..Summary::default() };
        for key in 0..37 {
            let mine = last.iter().filter(|s| s.0 == key);
            let stats = KeyStats { count: mine.clone().count() as u64, sum: mine.map(|s| u64::from(s.1)).sum() };
            assert_eq!(window.stats(key), stats, "key {key} after {i} samples");
            want.keys += u64::from(stats.count > 0);
            want.sum += stats.sum;
        }
        assert_eq!(window.summary(), want, "summary after {i} samples");
    }
}
