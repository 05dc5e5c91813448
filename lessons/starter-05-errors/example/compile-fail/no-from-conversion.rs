// expect-error: E0277
// `?` returns a ParseIntError from a function whose error type is ConfigError,
// and nothing says how to turn one into the other: there is no From impl.

use std::num::ParseIntError;

#[derive(Debug)]
pub enum ConfigError {
    MissingKey(String),
    BadNumber { key: String, source: ParseIntError },
}

pub fn workers(value: &str) -> Result<u32, ConfigError> {
    let count = value.parse::<u32>()?;
    Ok(count)
}
