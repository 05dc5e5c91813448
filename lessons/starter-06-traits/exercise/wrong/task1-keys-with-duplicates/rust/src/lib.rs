//! Stores of string keys and values behind one trait: a map in memory, an
//! append-only log, a generic function that syncs any store into any other,
//! and a registry that holds stores of different types side by side.

use std::collections::BTreeMap;
use std::fmt;

/// A store of string values under string keys.
pub trait Store {
    /// A short name for the kind of store: "memory", "log".
    fn kind(&self) -> &'static str;

    /// The value under `key`, if it has one.
    fn get(&self, key: &str) -> Option<String>;

    /// Sets the value under `key`.
    fn put(&mut self, key: &str, value: &str);

    /// Removes `key`; returns the value it had, or `None` if it had none.
    fn remove(&mut self, key: &str) -> Option<String>;

    /// Every key that has a value: sorted, each once.
    fn keys(&self) -> Vec<String>;

    /// Default methods: every store gets them from the five above.
    fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn len(&self) -> usize {
        self.keys().len()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A store in a sorted map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

impl Store for MemoryStore {
    fn kind(&self) -> &'static str {
        "memory"
    }

    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }

    fn put(&mut self, key: &str, value: &str) {
        self.entries.insert(key.to_string(), value.to_string());
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        self.entries.remove(key)
    }

    fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}

/// An append-only log of changes: a put appends `(key, Some(value))`, a remove
/// appends `(key, None)`, nothing is ever changed or deleted, and the newest
/// entry for a key is its state.
#[derive(Debug, Clone, Default)]
pub struct LogStore {
    log: Vec<(String, Option<String>)>,
}

impl LogStore {
    pub fn new() -> LogStore {
        LogStore::default()
    }

    /// How many entries the log holds (each put, and each remove that removed something).
    pub fn log_len(&self) -> usize {
        self.log.len()
    }
}

// Task 1: the newest entry for a key wins.
impl Store for LogStore {
    fn kind(&self) -> &'static str {
        "log"
    }

    fn get(&self, key: &str) -> Option<String> {
        let (_, value) = self.log.iter().rev().find(|(k, _)| k == key)?;
        value.clone()
    }

    fn put(&mut self, key: &str, value: &str) {
        self.log.push((key.to_string(), Some(value.to_string())));
    }

    fn remove(&mut self, key: &str) -> Option<String> {
        let old = self.get(key)?;
        self.log.push((key.to_string(), None));
        Some(old)
    }

    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> =
            self.log.iter().filter(|(_, value)| value.is_some()).map(|(key, _)| key.clone()).collect();
        keys.sort();
        keys
    }
}

/// What `sync` changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
}

// Task 2: "2 added, 1 updated, 0 removed".
impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} added, {} updated, {} removed", self.added, self.updated, self.removed)
    }
}

/// Task 2: makes `to` hold exactly the keys and values of `from`, writing only what differs.
/// `?Sized` lets either store be a `dyn Store`, such as one from the registry.
pub fn sync<S: Store + ?Sized, D: Store + ?Sized>(from: &S, to: &mut D) -> SyncReport {
    let mut report = SyncReport::default();
    for key in from.keys() {
        let Some(value) = from.get(&key) else { continue };
        match to.get(&key) {
            None => {
                to.put(&key, &value);
                report.added += 1;
            }
            Some(old) if old != value => {
                to.put(&key, &value);
                report.updated += 1;
            }
            Some(_) => {}
        }
    }
    for key in to.keys() {
        if !from.contains(&key) {
            to.remove(&key);
            report.removed += 1;
        }
    }
    report
}

/// Stores of any type, each under a name, in the order they were registered.
#[derive(Default)]
pub struct Registry {
    stores: Vec<(String, Box<dyn Store>)>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// The store registered under `name`.
    pub fn store(&self, name: &str) -> Option<&dyn Store> {
        self.stores.iter().find(|(n, _)| n == name).map(|(_, store)| store.as_ref())
    }

    /// The store registered under `name`, to change it.
    pub fn store_mut(&mut self, name: &str) -> Option<&mut dyn Store> {
        for (n, store) in &mut self.stores {
            if n == name {
                return Some(store.as_mut());
            }
        }
        None
    }

    /// Task 3: adds `store` under `name`; `false`, and nothing changes, if the name is taken.
    pub fn register(&mut self, name: &str, store: Box<dyn Store>) -> bool {
        if self.store(name).is_some() {
            return false;
        }
        self.stores.push((name.to_string(), store));
        true
    }

    /// Task 3: every store's value for `key`, as (store name, value), in registration order.
    pub fn lookup(&self, key: &str) -> Vec<(String, String)> {
        self.stores.iter().filter_map(|(name, store)| store.get(key).map(|value| (name.clone(), value))).collect()
    }
}

// Task 3: one line per store, "<name>: <kind>, <len> keys", each ending in a newline.
impl fmt::Display for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, store) in &self.stores {
            writeln!(f, "{name}: {}, {} keys", store.kind(), store.len())?;
        }
        Ok(())
    }
}
