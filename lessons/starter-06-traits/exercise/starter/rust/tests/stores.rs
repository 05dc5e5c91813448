//! The lesson's tests of the stores, one group per task.

use stores::{LogStore, MemoryStore, Registry, Store, SyncReport, sync};

fn memory(pairs: &[(&str, &str)]) -> MemoryStore {
    let mut store = MemoryStore::new();
    for (key, value) in pairs {
        store.put(key, value);
    }
    store
}

fn log(pairs: &[(&str, &str)]) -> LogStore {
    let mut store = LogStore::new();
    for (key, value) in pairs {
        store.put(key, value);
    }
    store
}

/// The state of any store, as (key, value) pairs in key order.
fn contents(store: &dyn Store) -> Vec<(String, String)> {
    store
        .keys()
        .into_iter()
        .map(|key| {
            let value =
                store.get(&key).unwrap_or_else(|| panic!("keys() lists {key:?}, but get() has no value for it"));
            (key, value)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

// task: 1
#[test]
fn the_newest_put_wins() {
    let store = log(&[("color", "red"), ("size", "m"), ("color", "blue")]);
    assert_eq!(store.kind(), "log");
    assert_eq!(store.get("color").as_deref(), Some("blue"));
    assert_eq!(store.get("size").as_deref(), Some("m"));
    assert_eq!(store.get("shape"), None);
    assert_eq!(store.log_len(), 3, "a put appends, it never rewrites");
}

// task: 1
// A remove appends a tombstone: the older values of the key must not come back.
#[test]
fn remove_hides_every_older_value() {
    let mut store = log(&[("color", "red"), ("color", "blue")]);
    assert_eq!(store.remove("color").as_deref(), Some("blue"));
    assert_eq!(store.get("color"), None);
    assert!(!store.contains("color"));
    assert_eq!(store.log_len(), 3);
    assert_eq!(store.remove("color"), None, "removing it again removes nothing");
    assert_eq!(store.remove("never-set"), None);
    assert_eq!(store.log_len(), 3, "a remove that removes nothing appends nothing");
    store.put("color", "green");
    assert_eq!(store.get("color").as_deref(), Some("green"));
}

// task: 1
// keys() is what the default methods len() and is_empty() are built on.
#[test]
fn keys_are_sorted_unique_and_only_the_live_ones() {
    let mut store = log(&[("b", "1"), ("a", "1"), ("b", "2"), ("c", "1"), ("a", "2")]);
    store.remove("c");
    assert_eq!(store.keys(), ["a", "b"]);
    assert_eq!(store.len(), 2);
    assert!(!store.is_empty());
    assert!(LogStore::new().is_empty());
    assert_eq!(contents(&store), pairs(&[("a", "2"), ("b", "2")]));
}

// task: 1
// The same sequence of calls gives the same answers from both implementations.
#[test]
fn a_log_store_answers_like_a_memory_store() {
    let mut a = MemoryStore::new();
    let mut b = LogStore::new();
    let steps: [(&str, Option<&str>); 8] = [
        ("x", Some("1")),
        ("y", Some("2")),
        ("x", Some("3")),
        ("y", None),
        ("z", Some("4")),
        ("x", None),
        ("y", Some("5")),
        ("q", None),
    ];
    for (key, value) in steps {
        match value {
            Some(value) => {
                a.put(key, value);
                b.put(key, value);
            }
            None => assert_eq!(a.remove(key), b.remove(key), "remove({key:?})"),
        }
        assert_eq!(contents(&a), contents(&b));
        assert_eq!(a.len(), b.len());
    }
}

// task: 2
#[test]
fn sync_adds_updates_and_removes() {
    let from = memory(&[("a", "1"), ("b", "2"), ("c", "3")]);
    let mut to = log(&[("b", "2"), ("c", "old"), ("d", "4")]);
    let report = sync(&from, &mut to);
    assert_eq!(report, SyncReport { added: 1, updated: 1, removed: 1 });
    assert_eq!(contents(&to), contents(&from));
}

// task: 2
// Writing a value that is already there is not an update, and costs a log entry.
#[test]
fn sync_writes_only_what_differs() {
    let from = log(&[("a", "1"), ("b", "2")]);
    let mut to = log(&[("a", "1"), ("b", "2")]);
    assert_eq!(sync(&from, &mut to), SyncReport::default());
    assert_eq!(to.log_len(), 2, "nothing differed, so nothing was written");
    let mut empty = MemoryStore::new();
    assert_eq!(sync(&from, &mut empty), SyncReport { added: 2, updated: 0, removed: 0 });
    assert_eq!(sync(&MemoryStore::new(), &mut empty), SyncReport { added: 0, updated: 0, removed: 2 });
    assert!(empty.is_empty());
}

// task: 2
// The same generic function, called with trait objects.
#[test]
fn sync_works_between_dyn_stores() {
    let from: Box<dyn Store> = Box::new(log(&[("k", "v")]));
    let mut to: Box<dyn Store> = Box::new(memory(&[("old", "x")]));
    assert_eq!(sync(from.as_ref(), to.as_mut()), SyncReport { added: 1, updated: 0, removed: 1 });
    assert_eq!(contents(to.as_ref()), pairs(&[("k", "v")]));
}

// task: 2
#[test]
fn a_report_displays_as_one_line() {
    let report = SyncReport { added: 2, updated: 1, removed: 0 };
    assert_eq!(report.to_string(), "2 added, 1 updated, 0 removed");
    assert_eq!(format!("[{}]", SyncReport::default()), "[0 added, 0 updated, 0 removed]");
}

// task: 3
#[test]
fn the_registry_holds_stores_of_different_types() {
    let mut registry = Registry::new();
    assert!(registry.register("sessions", Box::new(memory(&[("s1", "ada")]))));
    assert!(registry.register("audit", Box::new(log(&[("s1", "login"), ("s2", "login")]))));
    assert_eq!(registry.store("sessions").map(|s| s.kind()), Some("memory"));
    assert_eq!(registry.store("audit").map(|s| s.len()), Some(2));
    registry.store_mut("sessions").expect("registered").put("s2", "grace");
    assert_eq!(registry.store("sessions").map(|s| s.len()), Some(2));
}

// task: 3
// A name is taken once: the second store is refused, and the first one stays.
#[test]
fn register_refuses_a_name_that_is_taken() {
    let mut registry = Registry::new();
    assert!(registry.register("cache", Box::new(memory(&[("a", "1")]))));
    assert!(!registry.register("cache", Box::new(LogStore::new())));
    let store = registry.store("cache").expect("still registered");
    assert_eq!((store.kind(), store.get("a").as_deref()), ("memory", Some("1")));
    assert_eq!(registry.to_string(), "cache: memory, 1 keys\n");
}

// task: 3
#[test]
fn lookup_asks_every_store_in_order() {
    let mut registry = Registry::new();
    registry.register("primary", Box::new(memory(&[("user:1", "ada")])));
    registry.register("empty", Box::new(MemoryStore::new()));
    registry.register("replica", Box::new(log(&[("user:1", "ada (stale)"), ("user:2", "grace")])));
    assert_eq!(registry.lookup("user:1"), pairs(&[("primary", "ada"), ("replica", "ada (stale)")]));
    assert_eq!(registry.lookup("user:2"), pairs(&[("replica", "grace")]));
    assert_eq!(registry.lookup("user:3"), Vec::<(String, String)>::new());
}

// task: 3
#[test]
fn the_registry_displays_one_line_per_store() {
    let mut registry = Registry::new();
    assert_eq!(registry.to_string(), "");
    registry.register("sessions", Box::new(memory(&[("a", "1"), ("b", "2")])));
    let mut audit = log(&[("x", "1"), ("x", "2"), ("y", "3")]);
    audit.remove("y");
    registry.register("audit", Box::new(audit));
    assert_eq!(registry.to_string(), "sessions: memory, 2 keys\naudit: log, 1 keys\n");
}
