//! Counting the words of many texts with a pool of worker threads.
//!
//! Worker `w` handles the texts `shares(texts.len(), workers)[w]`. The helpers
//! above the tasks are complete; the three tasks are the three ways of
//! running the workers.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex, mpsc};
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
    let (sender, receiver) = mpsc::channel();
    let on_start = &on_start;
    thread::scope(|scope| {
        for (worker, share) in shares(texts.len(), workers).into_iter().enumerate() {
            let sender = sender.clone();
            scope.spawn(move || {
                on_start(worker);
                let mut counts = Counts::new();
                for text in &texts[share] {
                    merge(&mut counts, count_words(text));
                }
                sender.send(counts).expect("the receiver waits for every worker");
            });
        }
        drop(sender);
        let mut total = Counts::new();
        for counts in receiver {
            merge(&mut total, counts);
        }
        total
    })
}

/// Task 2: counts the words of `texts` with `workers` threads made by
/// `thread::spawn`, each owning its share of the texts, all adding into one
/// `Arc<Mutex<Counts>>`. A worker counts each text on its own, calls
/// `on_counted(w)`, then locks the shared map just long enough to add that
/// text's counts. The workers run at the same time.
pub fn count_shared(texts: Vec<String>, workers: usize, on_counted: impl Fn(usize) + Send + Sync + 'static) -> Counts {
    let total = Arc::new(Mutex::new(Counts::new()));
    let on_counted = Arc::new(on_counted);
    let mut texts = texts.into_iter();
    let handles: Vec<thread::JoinHandle<()>> = shares(texts.len(), workers)
        .into_iter()
        .enumerate()
        .map(|(worker, share)| {
            let mine: Vec<String> = texts.by_ref().take(share.len()).collect();
            let total = Arc::clone(&total);
            let on_counted = Arc::clone(&on_counted);
            thread::spawn(move || {
                for text in mine {
                    let counts = count_words(&text);
                    on_counted(worker);
                    merge(&mut total.lock().expect("no worker panics while holding the lock"), counts);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a worker panicked");
    }
    let mut total = total.lock().expect("no worker panics while holding the lock");
    std::mem::take(&mut *total)
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
    let count = &count;
    thread::scope(|scope| {
        let handles: Vec<_> = shares(texts.len(), workers)
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    let mut counts = Counts::new();
                    for text in &texts[share] {
                        merge(&mut counts, count(text));
                    }
                    counts
                })
            })
            .collect();
        let mut total = Counts::new();
        for handle in handles {
            merge(&mut total, handle.join().expect("a worker panicked"));
        }
        Ok(total)
    })
}
