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
    /// The starter knows three of the forms.
    pub fn parse(line: &str) -> Option<Command> {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["PING"] => Some(Command::Ping),
            ["GET", key] => Some(Command::Get { key: key.to_string() }),
            ["SET", key, value] => {
                Some(Command::Set { key: key.to_string(), value: value.to_string(), ttl_secs: None })
            }
            _ => None,
        }
    }

    /// Task 3: whether the command changes the cache, so the replica must see it.
    pub fn is_write(&self) -> bool {
        match self {
            Command::Set { .. } | Command::Delete { .. } => true,
            _ => false,
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
            other => format!("{other:?}"),
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
            Command::Delete { .. } | Command::Incr { .. } => Reply::Error("not implemented yet".to_string()),
        };
        if command.is_write() {
            self.replica_log.push(command.to_line());
        }
        reply
    }
}
