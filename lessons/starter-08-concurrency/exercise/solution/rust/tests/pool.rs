//! The lesson's tests of the word-counting pool, one group per task.
//!
//! Tests that need workers to run at the same time make them meet at a
//! `Barrier`: each worker waits there until all have arrived, which can only
//! happen if they all run at once. Answers that run the workers one after
//! another never get past the barrier, so those tests run inside `finishes`,
//! which fails them with a message after a few seconds instead of letting
//! them hang. A correct answer returns at once; no test measures speed.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;
use std::time::Duration;
use wordpool::{Counts, WorkerPanicked, count_guarded, count_parallel, count_shared, count_words, merge, shares};

const TEXTS: [&str; 6] =
    ["the cache missed", "The cache hit, the cache hit again", "a miss", "retry: the cache missed", "", "hit"];

/// How long a test waits before it calls its workers stuck.
const DEADLINE: Duration = Duration::from_secs(5);

/// Runs `work` on a thread of its own and returns its result, or fails the
/// test if it has not finished by DEADLINE (the workers are then stuck: at
/// the barrier, on a lock, or on a channel that is never closed).
fn finishes<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(work());
    });
    match result.recv_timeout(DEADLINE) {
        Ok(value) => value,
        Err(RecvTimeoutError::Timeout) => panic!(
            "{what} was still running after {DEADLINE:?}: its workers are stuck, on the test's barrier (they do not run \
             at the same time), on a lock, or waiting for a channel that is never closed"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("{what} panicked (its message is above)"),
    }
}

fn expected(texts: &[&str]) -> Counts {
    let mut total = Counts::new();
    for text in texts {
        merge(&mut total, count_words(text));
    }
    total
}

// task: 1
#[test]
fn count_parallel_counts_like_one_thread() {
    let counts = finishes("count_parallel", || count_parallel(&TEXTS, 2, |_| {}));
    assert_eq!(counts, expected(&TEXTS));
    assert_eq!(counts["cache"], 4);
    assert_eq!(counts["the"], 4);
}

// task: 1
#[test]
fn count_parallel_starts_each_worker_once() {
    let started = finishes("count_parallel with 4 workers", || {
        let started = Mutex::new(Vec::new());
        let counts = count_parallel(&TEXTS, 4, |worker| started.lock().unwrap().push(worker));
        assert_eq!(counts, expected(&TEXTS));
        let mut started = started.into_inner().unwrap();
        started.sort();
        started
    });
    assert_eq!(started, [0, 1, 2, 3]);
}

// task: 1
// Eight workers for six texts: two of them have nothing to count.
#[test]
fn count_parallel_handles_more_workers_than_texts_and_no_texts() {
    let counts = finishes("count_parallel with 8 workers", || count_parallel(&TEXTS, 8, |_| {}));
    assert_eq!(counts, expected(&TEXTS));
    let empty = finishes("count_parallel with no texts", || count_parallel(&[], 3, |_| {}));
    assert!(empty.is_empty());
}

// task: 1
#[test]
fn count_parallel_runs_its_workers_at_the_same_time() {
    let counts = finishes("count_parallel with 3 workers meeting at a barrier", || {
        let barrier = Barrier::new(3);
        count_parallel(&TEXTS, 3, |_| {
            barrier.wait();
        })
    });
    assert_eq!(counts, expected(&TEXTS));
}

fn owned(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| text.to_string()).collect()
}

// task: 2
#[test]
fn count_shared_counts_like_one_thread() {
    let counts = finishes("count_shared", || count_shared(owned(&TEXTS), 4, |_| {}));
    assert_eq!(counts, expected(&TEXTS));
    let empty = finishes("count_shared with no texts", || count_shared(Vec::new(), 2, |_| {}));
    assert!(empty.is_empty());
}

// task: 2
// Worker w handles shares(6, 4)[w]: texts 0-1, 2-3, 4 and 5.
#[test]
fn count_shared_reports_every_text_from_the_worker_that_counted_it() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    finishes("count_shared with 4 workers", move || {
        count_shared(owned(&TEXTS), 4, move |worker| record.lock().unwrap().push(worker))
    });
    let mut seen = seen.lock().unwrap().clone();
    seen.sort();
    assert_eq!(seen, [0, 0, 1, 1, 2, 3]);
    assert_eq!(shares(6, 4), [0..2, 2..4, 4..5, 5..6]);
}

// task: 2
// Three texts, three workers: each worker reaches the barrier after counting
// its text. A worker that holds the lock while it counts keeps the others out.
#[test]
fn count_shared_workers_count_at_the_same_time() {
    let texts = owned(&TEXTS[..3]);
    let barrier = Arc::new(Barrier::new(3));
    let counts = finishes("count_shared with 3 workers meeting at a barrier", move || {
        count_shared(texts, 3, move |_| {
            barrier.wait();
        })
    });
    assert_eq!(counts, expected(&TEXTS[..3]));
}

// task: 3
#[test]
fn count_guarded_counts_when_no_worker_panics() {
    assert_eq!(count_guarded(&TEXTS, 3, count_words), Ok(expected(&TEXTS)));
}

/// Counts like `count_words`, and panics on a text holding "corrupt", as a
/// buggy parser might.
fn fragile(text: &str) -> Counts {
    if text.contains("corrupt") {
        panic!("cannot count a corrupt text");
    }
    count_words(text)
}

// task: 3
// Worker 1 of 2 gets texts 2 and 3 of 4; the panic is an Err, not a crash.
#[test]
fn a_worker_that_panics_is_reported_with_its_message() {
    let texts = ["one two", "three", "corrupt", "four"];
    let answer = count_guarded(&texts, 2, fragile);
    assert_eq!(answer, Err(WorkerPanicked { worker: 1, message: "cannot count a corrupt text".to_string() }));
}

// task: 3
// panic! with format arguments carries a String, not a &str.
#[test]
fn a_formatted_panic_message_is_kept() {
    let texts = ["fine", "also fine", "bad", "fine again"];
    let answer = count_guarded(&texts, 4, |text| {
        if text == "bad" {
            panic!("text {text:?} has {} bytes", text.len());
        }
        count_words(text)
    });
    assert_eq!(answer, Err(WorkerPanicked { worker: 2, message: "text \"bad\" has 3 bytes".to_string() }));
}

// task: 3
// Two workers panic: the answer names the lower-numbered one.
#[test]
fn the_lowest_numbered_worker_that_panicked_is_reported() {
    let texts = ["fine", "corrupt one", "fine", "corrupt two"];
    let answer = count_guarded(&texts, 4, fragile);
    assert_eq!(answer.map_err(|panicked| panicked.worker), Err(1));
}
