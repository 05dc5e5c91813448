//! The parser the boundary wraps: think of it as a dependency you did not
//! write and cannot fix today. It sums the values of `key=value` pairs
//! separated by `&`, like a query string: `a=1&b=22` is 23.
//!
//! The rules: a pair must have an `=`; a value is a decimal number from 0 to
//! 4,294,967,295, optionally with a leading `+`; an empty value (or a lone
//! `+`) counts as 0 (`a=&b=2` is 2); an empty input is 0. Anything else is a
//! `ParseError`.
//!
//! It has a bug: an empty value, which the rules allow, makes it panic (it
//! looks at the first byte before checking that there is one). The Go
//! fallback in `fallback.go` follows the rules.

use std::fmt;

/// Why an input is not valid, with the pair that broke a rule (counted from 1).
#[derive(Debug, PartialEq, Eq)]
pub struct ParseError {
    pub pair: usize,
    pub text: String,
    pub reason: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pair {} ({:?}): {}", self.pair, self.text, self.reason)
    }
}

/// The sum of the values of every pair in `input`.
pub fn sum_values(input: &str) -> Result<u64, ParseError> {
    if input.is_empty() {
        return Ok(0);
    }
    let mut sum = 0u64;
    for (i, pair) in input.split('&').enumerate() {
        let error = |reason| ParseError { pair: i + 1, text: pair.to_string(), reason };
        let Some(eq) = pair.find('=') else { return Err(error("no '=' in the pair")) };
        let value = &pair[eq + 1..];
        // The bug: `value.as_bytes()[0]` on an empty value is out of bounds.
        let digits = if value.as_bytes()[0] == b'+' { &value[1..] } else { value };
        if digits.is_empty() {
            continue;
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(error("the value is not a number"));
        }
        let Ok(n) = digits.parse::<u32>() else { return Err(error("the value is above 4294967295")) };
        sum += u64::from(n);
    }
    Ok(sum)
}
