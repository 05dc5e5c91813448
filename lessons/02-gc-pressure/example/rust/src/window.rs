//! A sliding window over the most recent samples, with running totals per key.
//!
//! This is plain Rust: no FFI, no `unsafe`. The cgo boundary (`lib.rs`) and
//! the browser demo (`kernels/`) each wrap this same file.
//!
//! A sample is a `(key, value)` pair, for example (customer id, response time
//! in microseconds). The window keeps the last `capacity` samples in arrival
//! order; when a new sample arrives and the window is full, the oldest one
//! leaves and its value is taken off its key's totals. Values are integers so
//! that every implementation of the window (Go or Rust, any order of adds and
//! removes) gives exactly the same totals.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

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
    /// Samples in the window (at most its capacity).
    pub samples: u64,
    /// Distinct keys among them.
    pub keys: u64,
    /// Sum of their values.
    pub sum: u64,
    /// Samples that have left the window since it was created.
    pub evicted: u64,
}

/// The last `capacity` samples and per-key totals over them.
pub struct Window {
    capacity: usize,
    samples: VecDeque<(u64, u32)>,
    keys: HashMap<u64, KeyStats, BuildHasherDefault<KeyHasher>>,
    sum: u64,
    evicted: u64,
}

impl Window {
    /// An empty window that keeps the last `capacity` samples, or `None` when
    /// `capacity` is 0 (a window that can hold nothing is a caller's mistake).
    ///
    /// The sample buffer is reserved up front: the window's memory is paid
    /// once, when it is created, not while it fills.
    pub fn new(capacity: usize) -> Option<Window> {
        if capacity == 0 {
            return None;
        }
        Some(Window {
            capacity,
            samples: VecDeque::with_capacity(capacity),
            keys: HashMap::default(),
            sum: 0,
            evicted: 0,
        })
    }

    /// How many samples the window keeps.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Adds one sample, evicting the oldest first when the window is full.
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

    /// Adds `keys[i], values[i]` for every `i`, in order. The two slices must
    /// have the same length: the boundary checks that before it calls this.
    pub fn extend(&mut self, keys: &[u64], values: &[u32]) {
        assert_eq!(keys.len(), values.len(), "keys and values must pair up");
        for (&key, &value) in keys.iter().zip(values) {
            self.push(key, value);
        }
    }

    /// Totals of `key` in the window; zero when it has no samples there.
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

    /// Bytes this window has reserved on the heap, estimated from its
    /// containers' capacities. None of it is in Go's heap: Go's collector,
    /// its heap profile and GOMEMLIMIT do not see these bytes.
    pub fn heap_bytes(&self) -> usize {
        let sample = size_of::<(u64, u32)>();
        // hashbrown stores one control byte per bucket besides the entry, and
        // keeps at most 7/8 of its buckets full.
        let entry = size_of::<(u64, KeyStats)>() + 1;
        let buckets = self.keys.capacity() / 7 * 8;
        self.samples.capacity() * sample + buckets * entry
    }

    fn evict_oldest(&mut self) {
        let Some((key, value)) = self.samples.pop_front() else { return };
        let value = u64::from(value);
        self.sum -= value;
        self.evicted += 1;
        if let Some(stats) = self.keys.get_mut(&key) {
            stats.count -= 1;
            stats.sum -= value;
            if stats.count == 0 {
                // A key with no samples left leaves the map, so the map's
                // size follows the window, not every key ever seen.
                self.keys.remove(&key);
            }
        }
    }
}

/// A fast hasher for integer keys (std's default SipHash resists
/// hash-flooding, which keys chosen by this program do not need).
///
/// It multiplies by an odd constant and folds the high half down, so keys
/// that differ only in high bits still land in different buckets.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        let mixed = (self.0 ^ key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = mixed ^ (mixed >> 32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_capacity_is_refused() {
        assert!(Window::new(0).is_none());
    }

    #[test]
    fn totals_follow_adds() {
        let mut w = Window::new(10).unwrap();
        w.extend(&[1, 2, 1], &[10, 20, 30]);
        assert_eq!(w.stats(1), KeyStats { count: 2, sum: 40 });
        assert_eq!(w.stats(2), KeyStats { count: 1, sum: 20 });
        assert_eq!(w.stats(3), KeyStats::default());
        assert_eq!(w.summary(), Summary { samples: 3, keys: 2, sum: 60, evicted: 0 });
    }

    #[test]
    fn the_oldest_sample_leaves_when_full() {
        let mut w = Window::new(3).unwrap();
        w.extend(&[1, 2, 3, 4], &[1, 2, 3, 4]);
        // Sample (1, 1) was evicted, and key 1 left the map with it.
        assert_eq!(w.stats(1), KeyStats::default());
        assert_eq!(w.summary(), Summary { samples: 3, keys: 3, sum: 9, evicted: 1 });
        w.extend(&[4, 4, 4], &[10, 10, 10]);
        assert_eq!(w.stats(4), KeyStats { count: 3, sum: 30 });
        assert_eq!(w.summary(), Summary { samples: 3, keys: 1, sum: 30, evicted: 4 });
    }

    #[test]
    fn memory_stays_bounded_by_the_capacity() {
        let mut w = Window::new(1000).unwrap();
        for i in 0..100_000u64 {
            w.push(i, 1);
        }
        assert_eq!(w.summary().samples, 1000);
        assert_eq!(w.summary().keys, 1000);
        assert!(w.heap_bytes() < 1000 * 16 * 8, "window reserved {} bytes", w.heap_bytes());
    }

    #[test]
    #[should_panic(expected = "pair up")]
    fn unpaired_slices_panic() {
        Window::new(4).unwrap().extend(&[1, 2], &[1]);
    }
}
