//! Task 1: a sliding window that slides.
//!
//! A sample is a `(key, value)` pair: a customer id and a response time in
//! microseconds, say. The window keeps the last `capacity` samples in the
//! order they arrived, and for each key the count and the sum of that key's
//! samples still inside. When a sample arrives at a full window, the oldest
//! sample leaves first, and its value comes off its key's totals. A key with
//! no samples left leaves the map, so the map follows the window instead of
//! every key ever seen.
//!
//! Plain Rust, no FFI: `lib.rs` is the boundary Go calls.

use std::collections::{HashMap, VecDeque};

/// Totals of one key over the samples now in the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyStats {
    /// Samples of this key in the window.
    pub count: u64,
    /// Sum of their values.
    pub sum: u64,
}

/// Totals of the whole window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Samples in the window: at most its capacity.
    pub samples: u64,
    /// Distinct keys among them.
    pub keys: u64,
    /// Sum of their values.
    pub sum: u64,
    /// Samples that have left the window since it was created.
    pub evicted: u64,
}

/// The last `capacity` samples, and totals per key over them.
pub struct Window {
    capacity: usize,
    samples: VecDeque<(u64, u32)>,
    keys: HashMap<u64, KeyStats>,
    sum: u64,
    evicted: u64,
}

impl Window {
    /// An empty window for the last `capacity` samples; `None` for 0.
    pub fn new(capacity: usize) -> Option<Window> {
        if capacity == 0 {
            return None;
        }
        Some(Window { capacity, samples: VecDeque::with_capacity(capacity), keys: HashMap::new(), sum: 0, evicted: 0 })
    }

    /// How many samples the window keeps.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Adds one sample. At a full window, the oldest sample leaves first.
    pub fn push(&mut self, key: u64, value: u32) {
        if self.samples.len() == self.capacity {
            self.evict_oldest();
        }
        self.samples.push_back((key, value));
        let stats = self.keys.entry(key).or_default();
        stats.count += 1;
        stats.sum += u64::from(value);
        self.sum += u64::from(value);
    }

    /// Totals of `key`; zero when none of its samples is in the window.
    pub fn stats(&self, key: u64) -> KeyStats {
        self.keys.get(&key).copied().unwrap_or_default()
    }

    /// Totals of the whole window.
    pub fn summary(&self) -> Summary {
        Summary {
            samples: self.samples.len() as u64,
            keys: self.keys.len() as u64,
            sum: self.sum,
            evicted: self.evicted,
        }
    }

    fn evict_oldest(&mut self) {
        let Some((key, value)) = self.samples.pop_front() else { return };
        let value = u64::from(value);
        self.sum -= value;
        self.evicted += 1;
        // Every sample in the deque was counted under its key when it came
        // in, so the key is there; `if let` keeps a broken invariant from
        // turning into a panic at the boundary.
        if let Some(stats) = self.keys.get_mut(&key) {
            stats.count -= 1;
            stats.sum -= value;
            if stats.count == 0 {
                self.keys.remove(&key);
            }
        }
    }
}
