//! A small in-memory cache and its line protocol. One request is one line of
//! words separated by spaces; keys and values are single words.
//!
//! ```text
//! PING
//! GET <key>
//! SET <key> <value>
//! SET <key> <value> EX <seconds>     seconds: a whole number from 1 to 4294967295
//! DEL <key> [<key> ...]              at least one key
//! INCR <key>                         the same as INCRBY <key> 1
//! INCRBY <key> <n>                   n: a whole number that fits in an i64
//! ```
//!
//! Command words are upper case; any other line is not a command.

use std::collections::HashMap;

/// One request of the protocol.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Ping,
    Get { key: String },
    Set { key: String, value: String, ttl_secs: Option<u32> },
    Delete { keys: Vec<String> },
    Incr { key: String, by: i64 },
}

/// The cache's answer to one command.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Pong,
    Value(String),
    Nil,
    Stored,
    Integer(i64),
    Error(String),
}

impl Command {
    /// Task 1: reads one line of the protocol; `None` if it is not a command.
    pub fn parse(line: &str) -> Option<Command> {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["PING"] => Some(Command::Ping),
            ["GET", key] => Some(Command::Get { key: key.to_string() }),
            ["SET", key, value] => {
                Some(Command::Set { key: key.to_string(), value: value.to_string(), ttl_secs: None })
            }
            ["SET", key, value, "EX", seconds] => {
                let Ok(seconds) = seconds.parse::<u32>() else {
                    return None;
                };
                if seconds == 0 {
                    return None;
                }
                Some(Command::Set { key: key.to_string(), value: value.to_string(), ttl_secs: Some(seconds) })
            }
            ["DEL", keys @ ..] if !keys.is_empty() => {
                Some(Command::Delete { keys: keys.iter().map(|key| key.to_string()).collect() })
            }
            ["INCR", key] => Some(Command::Incr { key: key.to_string(), by: 1 }),
            ["INCRBY", key, by] => {
                let by = by.parse::<i64>().ok()?;
                Some(Command::Incr { key: key.to_string(), by })
            }
            _ => None,
        }
    }

    /// Task 3: whether the command changes the cache, so the replica must see it.
    pub fn is_write(&self) -> bool {
        match self {
            Command::Set { .. } | Command::Delete { .. } | Command::Incr { .. } => true,
            Command::Ping | Command::Get { .. } => false,
        }
    }

    /// Task 3: the command as one line of the protocol; `Command::parse` reads it back.
    pub fn to_line(&self) -> String {
        match self {
            Command::Ping => "PING".to_string(),
            Command::Get { key } => format!("GET {key}"),
            Command::Set { key, value, ttl_secs: None } => format!("SET {key} {value}"),
            Command::Set { key, value, ttl_secs: Some(seconds) } => {
                format!("SET {key} {value} EX {seconds}")
            }
            Command::Delete { keys } => format!("DEL {}", keys.join(" ")),
            Command::Incr { key, by: 1 } => format!("INCR {key}"),
            Command::Incr { key, by } => format!("INCRBY {key} {by}"),
        }
    }
}

/// The cache: its entries, and the lines a replica must replay to catch up.
#[derive(Debug, Default)]
pub struct Cache {
    entries: HashMap<String, String>,
    replica_log: Vec<String>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The value stored under `key`, if any.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(|value| value.as_str())
    }

    /// The write commands applied so far, as protocol lines, oldest first.
    pub fn replica_log(&self) -> &[String] {
        &self.replica_log
    }

    /// Task 2: runs one command against the cache and answers it.
    /// (This cache keeps no clock: a TTL only travels to the replica log.)
    pub fn apply(&mut self, command: &Command) -> Reply {
        let reply = match command {
            Command::Ping => Reply::Pong,
            Command::Get { key } => match self.entries.get(key) {
                Some(value) => Reply::Value(value.clone()),
                None => Reply::Nil,
            },
            Command::Set { key, value, .. } => {
                self.entries.insert(key.clone(), value.clone());
                Reply::Stored
            }
            Command::Delete { keys } => {
                let removed = keys.iter().filter(|key| self.entries.remove(*key).is_some()).count();
                Reply::Integer(removed as i64)
            }
            Command::Incr { key, by } => {
                let current = match self.entries.get(key) {
                    None => 0,
                    Some(text) => match text.parse::<i64>() {
                        Ok(number) => number,
                        Err(_) => return Reply::Error(format!("the value of {key} is not an integer")),
                    },
                };
                let Some(next) = current.checked_add(*by) else {
                    return Reply::Error(format!("incrementing {key} by {by} would overflow"));
                };
                self.entries.insert(key.clone(), next.to_string());
                Reply::Integer(next)
            }
        };
        if command.is_write() {
            self.replica_log.push(command.to_line());
        }
        reply
    }
}
