//! Step 4 of the Rust starter path: structs with methods, an enum that
//! carries data, exhaustive `match`, and `Option` where Go would use nil.
//! `cargo run` prints what the page shows; `cargo test` checks its claims.

use std::collections::HashMap;

/// Where a worker listens. Fields are private to this module unless marked `pub`.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    retries: u32,
}

impl Endpoint {
    /// The convention for a constructor: an associated function named `new`.
    pub fn new(host: &str, port: u16) -> Endpoint {
        Endpoint { host: host.to_string(), port, retries: 3 }
    }

    /// `&self` reads the value, like a Go method with a value receiver,
    /// but nothing is copied: the method borrows it.
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// `&mut self` changes it in place, like a Go pointer receiver.
    pub fn use_retry(&mut self) -> bool {
        if self.retries == 0 {
            return false;
        }
        self.retries -= 1;
        true
    }

    /// `self` takes the value: the caller's variable is moved into the call.
    pub fn with_port(self, port: u16) -> Endpoint {
        Endpoint { port, ..self }
    }
}

/// The state of one job in a queue. Each variant carries its own fields.
#[derive(Debug, Clone, PartialEq)]
pub enum JobState {
    Queued,
    Running { worker: u32, attempt: u32 },
    Done { exit_code: i32 },
    Failed(String),
}

impl JobState {
    /// One `match`, one arm per variant; the compiler checks that none is missing.
    pub fn describe(&self) -> String {
        match self {
            JobState::Queued => "waiting for a worker".to_string(),
            JobState::Running { worker, attempt: 1 } => format!("running on worker {worker}"),
            JobState::Running { worker, attempt } => {
                format!("running on worker {worker}, attempt {attempt}")
            }
            JobState::Done { exit_code: 0 } => "done".to_string(),
            JobState::Done { exit_code } => format!("done, exit code {exit_code}"),
            JobState::Failed(reason) => format!("failed: {reason}"),
        }
    }

    /// Guards and `|` patterns: several shapes, one answer.
    pub fn needs_attention(&self) -> bool {
        match self {
            JobState::Failed(_) => true,
            JobState::Done { exit_code } if *exit_code != 0 => true,
            JobState::Running { attempt, .. } if *attempt > 3 => true,
            JobState::Queued | JobState::Running { .. } | JobState::Done { .. } => false,
        }
    }
}

/// Slice patterns match a list of words by shape: exact words, bindings, and `..` for the rest.
pub fn parse_state(line: &str) -> Option<JobState> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["queued"] => Some(JobState::Queued),
        ["running", worker, attempt] => {
            Some(JobState::Running { worker: worker.parse().ok()?, attempt: attempt.parse().ok()? })
        }
        ["done", code] => Some(JobState::Done { exit_code: code.parse().ok()? }),
        ["failed", reason @ ..] if !reason.is_empty() => Some(JobState::Failed(reason.join(" "))),
        _ => None,
    }
}

/// Go's `v, ok := m[key]` becomes an `Option`: `Some(value)` or `None`.
pub fn port_of(config: &HashMap<String, String>, key: &str) -> Option<u16> {
    let text = config.get(key)?;
    text.parse().ok()
}

/// `if let` runs a block for one pattern and ignores the rest.
pub fn greeting(name: Option<&str>) -> String {
    if let Some(name) = name { format!("hello, {name}") } else { "hello, whoever you are".to_string() }
}

/// `let else` binds the happy case and leaves the function on any other.
pub fn worker_of(state: &JobState) -> Result<u32, String> {
    let JobState::Running { worker, .. } = state else {
        return Err(format!("not running: {}", state.describe()));
    };
    Ok(*worker)
}

fn main() {
    let mut endpoint = Endpoint::new("10.0.0.7", 8080);
    println!("endpoint {}", endpoint.address());
    while endpoint.use_retry() {}
    println!("retries left after the loop: {}", endpoint.retries);
    let moved = endpoint.with_port(9090);
    println!("moved to {}", moved.address());

    let states = [
        JobState::Queued,
        JobState::Running { worker: 4, attempt: 1 },
        JobState::Running { worker: 2, attempt: 5 },
        JobState::Done { exit_code: 0 },
        JobState::Done { exit_code: 137 },
        JobState::Failed("image not found".to_string()),
    ];
    for state in &states {
        let flag = if state.needs_attention() { "!" } else { " " };
        println!("{flag} {}", state.describe());
    }

    for line in ["running 3 2", "failed disk full", "failed", "done x"] {
        println!("{line:?} -> {:?}", parse_state(line));
    }

    let config =
        HashMap::from([("port".to_string(), "8080".to_string()), ("admin_port".to_string(), "eighty".to_string())]);
    for key in ["port", "admin_port", "debug_port"] {
        match port_of(&config, key) {
            Some(port) => println!("{key}: {port}"),
            None => println!("{key}: not set or not a port"),
        }
    }

    println!("{}", greeting(Some("Ada")));
    println!("{}", greeting(None));
    println!("{:?}", worker_of(&states[1]));
    println!("{:?}", worker_of(&states[0]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::size_of;

    #[test]
    fn methods_borrow_mutate_or_take_the_value() {
        let mut endpoint = Endpoint::new("localhost", 80);
        assert_eq!(endpoint.address(), "localhost:80");
        assert!(endpoint.use_retry() && endpoint.use_retry() && endpoint.use_retry());
        assert!(!endpoint.use_retry(), "three retries, then none");
        let moved = endpoint.with_port(81);
        assert_eq!((moved.host.as_str(), moved.port, moved.retries), ("localhost", 81, 0));
    }

    #[test]
    fn literal_patterns_pick_the_special_case_first() {
        assert_eq!(JobState::Running { worker: 1, attempt: 1 }.describe(), "running on worker 1");
        assert_eq!(JobState::Running { worker: 1, attempt: 2 }.describe(), "running on worker 1, attempt 2");
        assert_eq!(JobState::Done { exit_code: 0 }.describe(), "done");
        assert_eq!(JobState::Done { exit_code: 2 }.describe(), "done, exit code 2");
    }

    #[test]
    fn guards_decide_which_states_need_attention() {
        assert!(!JobState::Queued.needs_attention());
        assert!(!JobState::Running { worker: 1, attempt: 3 }.needs_attention());
        assert!(JobState::Running { worker: 1, attempt: 4 }.needs_attention());
        assert!(!JobState::Done { exit_code: 0 }.needs_attention());
        assert!(JobState::Done { exit_code: 1 }.needs_attention());
        assert!(JobState::Failed(String::new()).needs_attention());
    }

    #[test]
    fn slice_patterns_parse_by_shape() {
        assert_eq!(parse_state("queued"), Some(JobState::Queued));
        assert_eq!(parse_state(" running  3 2 "), Some(JobState::Running { worker: 3, attempt: 2 }));
        assert_eq!(parse_state("done -1"), Some(JobState::Done { exit_code: -1 }));
        assert_eq!(parse_state("failed disk  full"), Some(JobState::Failed("disk full".to_string())));
        for line in ["", "queued now", "running 3", "running x 2", "done", "failed", "Queued"] {
            assert_eq!(parse_state(line), None, "{line:?}");
        }
    }

    #[test]
    fn a_missing_key_and_a_bad_value_are_both_none() {
        for line in ["running 3 2", "failed disk full", "failed", "done x"] {
            println!("{line:?} -> {:?}", parse_state(line));
        }

        let config = HashMap::from([("a".to_string(), "1".to_string()), ("b".to_string(), "x".to_string())]);
        assert_eq!(port_of(&config, "a"), Some(1));
        assert_eq!(port_of(&config, "b"), None);
        assert_eq!(port_of(&config, "c"), None);
        assert_eq!(port_of(&config, "A"), None, "keys are compared exactly");
    }

    #[test]
    fn let_else_returns_early_for_every_other_variant() {
        assert_eq!(worker_of(&JobState::Running { worker: 9, attempt: 1 }), Ok(9));
        assert_eq!(worker_of(&JobState::Queued), Err("not running: waiting for a worker".to_string()));
    }

    #[test]
    fn an_option_of_a_reference_costs_no_extra_space() {
        // Documented in std::option ("Representation"): None is the null pointer.
        assert_eq!(size_of::<Option<&u64>>(), size_of::<&u64>());
        assert_eq!(size_of::<Option<Box<JobState>>>(), size_of::<Box<JobState>>());
    }
}
