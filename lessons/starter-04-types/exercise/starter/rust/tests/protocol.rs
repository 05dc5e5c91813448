//! The lesson's tests of the cache's line protocol, one group per task.

use linecache::{Cache, Command, Reply};

fn set(key: &str, value: &str, ttl_secs: Option<u32>) -> Command {
    Command::Set { key: key.to_string(), value: value.to_string(), ttl_secs }
}

fn get(key: &str) -> Command {
    Command::Get { key: key.to_string() }
}

fn del(keys: &[&str]) -> Command {
    Command::Delete { keys: keys.iter().map(|key| key.to_string()).collect() }
}

fn incr(key: &str, by: i64) -> Command {
    Command::Incr { key: key.to_string(), by }
}

/// Parses a line and applies it: for Task 3, which needs Tasks 1 and 2 done.
fn run(cache: &mut Cache, line: &str) -> Reply {
    let command = Command::parse(line).unwrap_or_else(|| panic!("{line:?} should parse"));
    cache.apply(&command)
}

// task: 1
#[test]
fn parses_every_form_of_every_command() {
    let cases = [
        ("PING", Command::Ping),
        ("GET user:7", get("user:7")),
        ("SET user:7 ada", set("user:7", "ada", None)),
        ("SET session x9 EX 300", set("session", "x9", Some(300))),
        ("DEL a", del(&["a"])),
        ("DEL a b c", del(&["a", "b", "c"])),
        ("INCR hits", incr("hits", 1)),
        ("INCRBY hits -5", incr("hits", -5)),
        ("  GET   spaced  ", get("spaced")),
    ];
    for (line, expected) in cases {
        assert_eq!(Command::parse(line), Some(expected), "parsing {line:?}");
    }
}

// task: 1
// A line that is not exactly one of the forms is not a command: no guessing.
#[test]
fn refuses_lines_that_are_not_commands() {
    let lines = [
        "",
        "ping",
        "PING now",
        "GET",
        "GET a b",
        "SET a",
        "SET a b EX",
        "SET a b PX 10",
        "SET a b EX 10 more",
        "DEL",
        "INCR",
        "INCRBY hits",
        "INCRBY hits 1.5",
        "INCRBY hits 9223372036854775808",
        "FLUSHALL",
    ];
    for line in lines {
        assert_eq!(Command::parse(line), None, "{line:?} must not parse");
    }
}

// task: 1
// A TTL that is not a whole number from 1 to u32::MAX is an error, not "no TTL" and not 0.
#[test]
fn refuses_a_ttl_that_is_not_a_positive_whole_number() {
    for ttl in ["soon", "0", "-1", "1.5", "4294967296", ""] {
        let line = format!("SET a b EX {ttl}");
        assert_eq!(Command::parse(&line), None, "{line:?} must not parse");
    }
    assert_eq!(Command::parse("SET a b EX 4294967295"), Some(set("a", "b", Some(u32::MAX))));
}

// task: 2
#[test]
fn get_answers_what_set_stored_and_nil_for_a_missing_key() {
    let mut cache = Cache::new();
    assert_eq!(cache.apply(&Command::Ping), Reply::Pong);
    assert_eq!(cache.apply(&get("user:7")), Reply::Nil);
    assert_eq!(cache.apply(&set("user:7", "ada", None)), Reply::Stored);
    assert_eq!(cache.apply(&get("user:7")), Reply::Value("ada".to_string()));
    assert_eq!(cache.apply(&set("user:7", "grace", Some(60))), Reply::Stored);
    assert_eq!(cache.value("user:7"), Some("grace"));
}

// task: 2
// DEL answers how many keys it removed, not how many it was given.
#[test]
fn delete_counts_the_keys_it_removed() {
    let mut cache = Cache::new();
    cache.apply(&set("a", "1", None));
    cache.apply(&set("b", "2", None));
    assert_eq!(cache.apply(&del(&["a", "missing", "b"])), Reply::Integer(2));
    assert_eq!(cache.apply(&del(&["a"])), Reply::Integer(0));
    assert_eq!(cache.value("a"), None);
    assert_eq!(cache.value("b"), None);
}

// task: 2
#[test]
fn incr_adds_to_the_stored_number_and_starts_from_zero() {
    let mut cache = Cache::new();
    assert_eq!(cache.apply(&incr("hits", 1)), Reply::Integer(1));
    assert_eq!(cache.apply(&incr("hits", 41)), Reply::Integer(42));
    assert_eq!(cache.apply(&incr("hits", -50)), Reply::Integer(-8));
    assert_eq!(cache.value("hits"), Some("-8"));
}

// task: 2
// A value that is not a number is an error, and the value stays as it was.
#[test]
fn incr_refuses_a_value_that_is_not_an_integer() {
    let mut cache = Cache::new();
    cache.apply(&set("name", "ada", None));
    let reply = cache.apply(&incr("name", 1));
    assert!(matches!(reply, Reply::Error(_)), "INCR on \"ada\" answered {reply:?}");
    assert_eq!(cache.value("name"), Some("ada"));
}

// task: 2
// i64 arithmetic that overflows panics in a debug build and wraps in a release build:
// neither is an answer. The value stays as it was.
#[test]
fn incr_refuses_to_overflow() {
    let mut cache = Cache::new();
    cache.apply(&set("big", "9223372036854775806", None));
    assert_eq!(cache.apply(&incr("big", 1)), Reply::Integer(i64::MAX));
    let reply = cache.apply(&incr("big", 1));
    assert!(matches!(reply, Reply::Error(_)), "INCR past i64::MAX answered {reply:?}");
    assert_eq!(cache.value("big"), Some("9223372036854775807"));
}

// task: 3
#[test]
fn every_command_that_changes_the_cache_is_a_write() {
    for command in [set("a", "1", None), set("a", "1", Some(5)), del(&["a"]), incr("n", 1), incr("n", -2)] {
        assert!(command.is_write(), "{command:?} changes the cache");
    }
    for command in [Command::Ping, get("a")] {
        assert!(!command.is_write(), "{command:?} changes nothing");
    }
}

// task: 3
// What the replica replays must be what the client sent: every variant, every field.
#[test]
fn to_line_round_trips_through_parse() {
    let commands = [
        Command::Ping,
        get("k"),
        set("k", "v", None),
        set("k", "v", Some(90)),
        del(&["a", "b"]),
        incr("n", 1),
        incr("n", -3),
    ];
    for command in commands {
        let line = command.to_line();
        assert_eq!(Command::parse(&line), Some(command.clone()), "{command:?} was written as {line:?}");
    }
    assert_eq!(incr("n", 1).to_line(), "INCR n");
    assert_eq!(set("k", "v", Some(90)).to_line(), "SET k v EX 90");
}

// task: 3
// The replica log holds the writes that succeeded, in order, as the protocol spells them.
#[test]
fn the_replica_log_holds_every_successful_write() {
    let mut cache = Cache::new();
    for line in ["SET a 1 EX 30", "GET a", "INCR a", "PING", "SET s text", "INCR s", "INCRBY a 5", "DEL a s"] {
        run(&mut cache, line);
    }
    assert_eq!(cache.replica_log(), ["SET a 1 EX 30", "INCR a", "SET s text", "INCRBY a 5", "DEL a s"]);
}
