//! Step 5 exercise: a parser for a small service config. It returns a typed
//! error that says which line went wrong and keeps the error that caused it,
//! and a lenient caller that decides what to do per kind of error.
//!
//! The format: one `key = value` per line; blank lines and lines starting with
//! `#` are skipped; the keys are `name` (text), `workers` (a u32) and `port`
//! (a u16, optional). Lines are numbered from 1 and every line counts,
//! blank and comment lines included, so a number points at the line an editor shows.

use std::error::Error;
use std::fmt;
use std::num::ParseIntError;

/// A parsed config. `port` is `None` when the text does not set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub name: String,
    pub workers: u32,
    pub port: Option<u16>,
}

/// Why a config could not be read.
#[derive(Debug)]
pub enum ConfigError {
    /// A line that is neither blank nor a comment, and has no `=`.
    MissingEquals { line: usize },
    /// A key this format does not know.
    UnknownKey { line: usize, key: String },
    /// A value that should be a number and is not one that fits.
    BadNumber { line: usize, key: String, source: ParseIntError },
    /// A required key that no line sets.
    Missing { key: &'static str },
}

impl ConfigError {
    /// The line the error points at; `None` for an error about the whole text.
    pub fn line(&self) -> Option<usize> {
        match self {
            ConfigError::MissingEquals { line }
            | ConfigError::UnknownKey { line, .. }
            | ConfigError::BadNumber { line, .. } => Some(*line),
            ConfigError::Missing { .. } => None,
        }
    }
}

// Task 1: the messages, and the error that caused this one.

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::MissingEquals { line } => write!(f, "line {line}: expected \"key = value\""),
            ConfigError::UnknownKey { line, key } => write!(f, "line {line}: unknown key \"{key}\""),
            ConfigError::BadNumber { line, key, source } => write!(f, "line {line}: bad value for {key}: {source}"),
            ConfigError::Missing { key } => write!(f, "missing required key \"{key}\""),
        }
    }
}

// The cause's text is already in the message, as `fmt.Errorf("...: %v", err)` would put it.
impl Error for ConfigError {}

/// The message of `err` and of every error in its source chain, outermost
/// first, joined by ": ".
pub fn report(err: &dyn Error) -> String {
    let mut text = err.to_string();
    let mut next = err.source();
    while let Some(cause) = next {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        next = cause.source();
    }
    text
}

/// One setting, read from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    Name(String),
    Workers(u32),
    Port(u16),
}

// Task 2: read one line, then a whole text.

/// Reads the line numbered `line` (from 1). A blank line or a comment is `Ok(None)`.
pub fn parse_line(line: usize, text: &str) -> Result<Option<Setting>, ConfigError> {
    let text = text.trim();
    if text.is_empty() || text.starts_with('#') {
        return Ok(None);
    }
    let Some((key, value)) = text.split_once('=') else {
        return Err(ConfigError::MissingEquals { line });
    };
    let key = key.trim();
    let value = value.trim();
    let bad_number = |source| ConfigError::BadNumber { line, key: key.to_string(), source };
    let setting = match key {
        "name" => Setting::Name(value.to_string()),
        "workers" => Setting::Workers(value.parse().map_err(bad_number)?),
        "port" => Setting::Port(value.parse().map_err(bad_number)?),
        _ => return Err(ConfigError::UnknownKey { line, key: key.to_string() }),
    };
    Ok(Some(setting))
}

/// Reads a whole config; the first bad line stops it.
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let mut settings = Settings::default();
    for (index, line_text) in text.lines().enumerate() {
        if let Some(setting) = parse_line(index + 1, line_text)? {
            settings.apply(setting);
        }
    }
    settings.finish()
}

/// The settings seen so far. A key set twice keeps its last value.
#[derive(Debug, Default)]
pub struct Settings {
    name: Option<String>,
    workers: Option<u32>,
    port: Option<u16>,
}

impl Settings {
    pub fn apply(&mut self, setting: Setting) {
        match setting {
            Setting::Name(name) => self.name = Some(name),
            Setting::Workers(workers) => self.workers = Some(workers),
            Setting::Port(port) => self.port = Some(port),
        }
    }

    /// The config, or the first required key that is missing.
    pub fn finish(self) -> Result<Config, ConfigError> {
        let name = self.name.ok_or(ConfigError::Missing { key: "name" })?;
        let workers = self.workers.ok_or(ConfigError::Missing { key: "workers" })?;
        Ok(Config { name, workers, port: self.port })
    }
}

// Task 3: a caller that decides per kind of error.

/// Like `parse_config`, but a line with an unknown key is skipped and its
/// error kept as a warning, in line order. Any other error still stops the
/// parse and is the answer.
pub fn parse_config_lenient(text: &str) -> Result<(Config, Vec<ConfigError>), ConfigError> {
    let mut settings = Settings::default();
    let mut warnings = Vec::new();
    for (index, line_text) in text.lines().enumerate() {
        match parse_line(index + 1, line_text) {
            Ok(Some(setting)) => settings.apply(setting),
            Ok(None) => {}
            Err(err @ ConfigError::UnknownKey { .. }) => warnings.push(err),
            Err(err) => return Err(err),
        }
    }
    Ok((settings.finish()?, warnings))
}
