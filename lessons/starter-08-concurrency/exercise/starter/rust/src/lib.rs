//! Counting the words of many texts with a pool of worker threads.
//!
//! Worker `w` handles the texts `shares(texts.len(), workers)[w]`. The helpers
//! above the tasks are complete; the three tasks are the three ways of
//! running the workers.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;
use std::thread;

/// How many times each word occurs.
pub type Counts = HashMap<String, usize>;

/// The words of a text, lower-cased: runs of letters, digits and apostrophes.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|word| !word.is_empty()).map(str::to_lowercase)
}

/// Counts the words of one text.
pub fn count_words(text: &str) -> Counts {
    let mut counts = Counts::new();
    for word in words(text) {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Adds the counts of `more` to `total`.
pub fn merge(total: &mut Counts, more: Counts) {
    for (word, count) in more {
        *total.entry(word).or_insert(0) += count;
    }
}

/// Splits `count` texts among `workers`: one range of indices per worker, in
/// order, the sizes differing by at most one (the larger ones first). With
/// more workers than texts, the last workers get empty ranges.
///
/// # Panics
/// If `workers` is 0.
pub fn shares(count: usize, workers: usize) -> Vec<Range<usize>> {
    assert!(workers > 0, "a pool needs at least one worker");
    let (base, extra) = (count / workers, count % workers);
    let mut start = 0;
    (0..workers)
        .map(|worker| {
            let len = base + usize::from(worker < extra);
            start += len;
            start - len..start
        })
        .collect()
}

/// Task 1: counts the words of `texts` with `workers` scoped threads. Worker
/// `w` first calls `on_start(w)`, then counts its share into a map of its
/// own and sends that map through a channel; the calling thread adds up the
/// maps as they arrive. The workers run at the same time.
pub fn count_parallel(texts: &[&str], workers: usize, on_start: impl Fn(usize) + Sync) -> Counts {
    // Runs the workers one after another, on the calling thread.
    let mut total = Counts::new();
    for (worker, share) in shares(texts.len(), workers).into_iter().enumerate() {
        on_start(worker);
        for text in &texts[share] {
            merge(&mut total, count_words(text));
        }
    }
    total
}

/// Task 2: counts the words of `texts` with `workers` threads made by
/// `thread::spawn`, each owning its share of the texts, all adding into one
/// `Arc<Mutex<Counts>>`. A worker counts each text on its own, calls
/// `on_counted(w)`, then locks the shared map just long enough to add that
/// text's counts. The workers run at the same time.
pub fn count_shared(texts: Vec<String>, workers: usize, on_counted: impl Fn(usize) + Send + Sync + 'static) -> Counts {
    // Runs the workers one after another, on the calling thread.
    let mut total = Counts::new();
    for (worker, share) in shares(texts.len(), workers).into_iter().enumerate() {
        for text in &texts[share] {
            let counts = count_words(text);
            on_counted(worker);
            merge(&mut total, counts);
        }
    }
    total
}

/// A worker thread that panicked, and its panic message.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerPanicked {
    pub worker: usize,
    pub message: String,
}

/// Task 3: like Task 1, with the caller's `count` in place of `count_words`,
/// and no channel: each worker returns its map. If any worker panics, the
/// answer is the lowest-numbered worker that panicked, with its panic
/// message, and this function itself does not panic.
pub fn count_guarded(
    texts: &[&str],
    workers: usize,
    count: impl Fn(&str) -> Counts + Sync,
) -> Result<Counts, WorkerPanicked> {
    // The workers add into one map behind a Mutex; the scope joins them.
    let total = Mutex::new(Counts::new());
    let (total, count) = (&total, &count);
    thread::scope(|scope| {
        for share in shares(texts.len(), workers) {
            scope.spawn(move || {
                for text in &texts[share] {
                    let counts = count(text);
                    merge(&mut total.lock().expect("no worker panics while holding the lock"), counts);
                }
            });
        }
    });
    let mut total = total.lock().expect("no worker panics while holding the lock");
    Ok(std::mem::take(&mut *total))
}
