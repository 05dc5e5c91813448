//! Step 8 of the Rust starter path: threads, channels, Arc and Mutex.
//! `cargo run` prints what the page shows; `cargo test` checks what the page
//! claims. Every line printed comes after a join or is sorted, so the output
//! is the same on every run.

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, TryLockError};
use std::thread::{self, JoinHandle};

// Each thread owns its chunk (`move`); join() hands back what the thread returned.
pub fn sum_in_threads(chunks: Vec<Vec<u64>>) -> Vec<u64> {
    let handles: Vec<JoinHandle<u64>> =
        chunks.into_iter().map(|chunk| thread::spawn(move || chunk.iter().sum())).collect();
    handles.into_iter().map(|handle| handle.join().expect("a summing thread panicked")).collect()
}

// A panic ends its own thread; join() returns it to you as an Err.
pub fn parse_in_a_thread(text: &str) -> Result<u32, String> {
    let text = text.to_string();
    let handle = thread::spawn(move || text.trim().parse::<u32>().unwrap());
    handle.join().map_err(|payload| panic_message(payload.as_ref()))
}

/// The message of a panic: `panic!` with a literal carries a `&str`, with format arguments a `String`.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a payload that is not text".to_string()
    }
}

// Scoped threads may borrow: the scope does not return before they have all ended.
pub fn words_per_text(texts: &[&str]) -> Vec<usize> {
    thread::scope(|scope| {
        let handles: Vec<_> = texts.iter().map(|text| scope.spawn(move || text.split_whitespace().count())).collect();
        handles.into_iter().map(|handle| handle.join().expect("a counting thread panicked")).collect()
    })
}

/// What one producer found: sent through the channel, owned by the receiver.
#[derive(Debug, PartialEq)]
pub struct Report {
    pub source: String,
    pub slowest_ms: u32,
}

// Each producer gets its own Sender; the loop ends when every Sender is gone.
pub fn gather_reports(sources: Vec<(String, Vec<u32>)>) -> Vec<Report> {
    let (sender, receiver) = mpsc::channel();
    for (source, latencies) in sources {
        let sender = sender.clone();
        thread::spawn(move || {
            let slowest_ms = latencies.into_iter().max().unwrap_or(0);
            sender.send(Report { source, slowest_ms }).expect("the receiver is still there");
        });
    }
    drop(sender);
    let mut reports: Vec<Report> = receiver.iter().collect();
    reports.sort_by(|a, b| a.source.cmp(&b.source));
    reports
}

// The Mutex owns the map: the only way to it is lock(), which returns a guard.
pub fn count_statuses(batches: Vec<Vec<u16>>) -> BTreeMap<u16, usize> {
    let counts = Arc::new(Mutex::new(BTreeMap::new()));
    let handles: Vec<JoinHandle<()>> = batches
        .into_iter()
        .map(|batch| {
            let counts = Arc::clone(&counts);
            thread::spawn(move || {
                let mut mine: BTreeMap<u16, usize> = BTreeMap::new();
                for status in batch {
                    *mine.entry(status).or_insert(0) += 1;
                }
                let mut shared = counts.lock().expect("no thread panicked while holding the lock");
                for (status, count) in mine {
                    *shared.entry(status).or_insert(0) += count;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a counting thread panicked");
    }
    let counts = counts.lock().expect("no thread panicked while holding the lock");
    counts.clone()
}

// While a guard lives, the Mutex is locked; dropping the guard unlocks it.
pub fn guard_holds_the_lock() -> (bool, bool) {
    let hits = Mutex::new(0);
    let mut guard = hits.lock().unwrap();
    *guard += 1;
    let locked_while_held = matches!(hits.try_lock(), Err(TryLockError::WouldBlock));
    drop(guard);
    let free_after_drop = hits.try_lock().is_ok();
    (locked_while_held, free_after_drop)
}

fn main() {
    println!("sums: {:?}", sum_in_threads(vec![vec![1, 2, 3], vec![10, 20], vec![]]));
    println!("parse \"42\": {:?}", parse_in_a_thread("42"));
    println!("parse \"4x2\": {:?}", parse_in_a_thread("4x2"));
    println!("words per text: {:?}", words_per_text(&["GET /api/cart", "POST /api/orders 201", ""]));
    let sources = vec![
        ("eu-west".to_string(), vec![45, 130, 12]),
        ("us-east".to_string(), vec![410, 95]),
        ("ap-south".to_string(), vec![]),
    ];
    for report in gather_reports(sources) {
        println!("slowest in {}: {} ms", report.source, report.slowest_ms);
    }
    println!("statuses: {:?}", count_statuses(vec![vec![200, 200, 500], vec![503, 200], vec![200]]));
    let (locked_while_held, free_after_drop) = guard_holds_the_lock();
    println!("locked while the guard lives: {locked_while_held}; free after drop: {free_after_drop}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;
    use std::sync::mpsc::TrySendError;

    #[test]
    fn join_returns_each_threads_result_in_the_order_you_join() {
        assert_eq!(sum_in_threads(vec![vec![1, 2], vec![], vec![5; 4]]), [3, 0, 20]);
    }

    #[test]
    fn a_panicking_thread_is_an_err_for_the_thread_that_joins_it() {
        assert_eq!(parse_in_a_thread(" 7 "), Ok(7));
        let error = parse_in_a_thread("seven").expect_err("\"seven\" is not a number");
        assert!(error.contains("InvalidDigit"), "{error}");
    }

    #[test]
    fn a_panic_message_is_a_str_or_a_string() {
        let literal = thread::spawn(|| panic!("disk full")).join().expect_err("the thread panicked");
        assert_eq!(panic_message(literal.as_ref()), "disk full");
        let formatted = thread::spawn(|| panic!("disk {} full", "/var")).join().expect_err("the thread panicked");
        assert_eq!(panic_message(formatted.as_ref()), "disk /var full");
    }

    #[test]
    fn scoped_threads_borrow_and_run_at_the_same_time() {
        assert_eq!(words_per_text(&["a b", "c", ""]), [2, 1, 0]);
        // Each thread waits until both have arrived: if they ran one after the
        // other, this test would never finish.
        let meeting = Barrier::new(2);
        let arrived: Vec<bool> = thread::scope(|scope| {
            let first = scope.spawn(|| meeting.wait().is_leader());
            let second = scope.spawn(|| meeting.wait().is_leader());
            vec![first.join().unwrap(), second.join().unwrap()]
        });
        assert_eq!(arrived.iter().filter(|leader| **leader).count(), 1);
    }

    #[test]
    fn the_receivers_loop_ends_when_every_sender_is_dropped() {
        let reports = gather_reports(vec![("b".to_string(), vec![3, 9]), ("a".to_string(), vec![])]);
        assert_eq!(
            reports,
            [Report { source: "a".to_string(), slowest_ms: 0 }, Report { source: "b".to_string(), slowest_ms: 9 }]
        );
        assert!(gather_reports(Vec::new()).is_empty());
    }

    #[test]
    fn a_bounded_channel_refuses_a_send_when_full() {
        let (sender, receiver) = mpsc::sync_channel::<u32>(1);
        assert!(sender.try_send(1).is_ok());
        assert!(matches!(sender.try_send(2), Err(TrySendError::Full(2))));
        assert_eq!(receiver.recv(), Ok(1));
        let (rendezvous, _receiver) = mpsc::sync_channel::<u32>(0);
        assert!(matches!(rendezvous.try_send(3), Err(TrySendError::Full(3))), "no receiver is waiting");
    }

    #[test]
    fn a_shared_map_behind_arc_and_mutex_adds_up() {
        let counts = count_statuses(vec![vec![200, 404], vec![200], vec![], vec![404, 404, 500]]);
        assert_eq!(counts, BTreeMap::from([(200, 2), (404, 3), (500, 1)]));
    }

    #[test]
    fn the_guard_is_the_lock() {
        assert_eq!(guard_holds_the_lock(), (true, true));
    }

    #[test]
    fn a_panic_while_holding_the_lock_poisons_the_mutex() {
        let hits = Arc::new(Mutex::new(0));
        let in_thread = Arc::clone(&hits);
        let outcome = thread::spawn(move || {
            let _guard = in_thread.lock().unwrap();
            panic!("died holding the lock");
        })
        .join();
        assert!(outcome.is_err());
        assert!(hits.lock().is_err(), "lock() reports that a thread panicked while holding it");
        assert!(hits.is_poisoned());
    }
}
