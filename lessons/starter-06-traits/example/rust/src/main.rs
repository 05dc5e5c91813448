//! Step 6 of the Rust starter path: traits and generics. Two encoders behind
//! one trait, called through a generic function and through `dyn`, the std
//! traits a Go engineer meets first, and an iterator written by hand.
//! `cargo run` prints what the page shows; `cargo test` checks its claims.

use std::fmt;

/// Turns fields into a request body. A type has this trait only if it says so.
pub trait Encoder {
    /// The value of the Content-Type header.
    fn content_type(&self) -> &'static str;

    /// The body for these fields, in their order.
    fn encode(&self, fields: &[(&str, &str)]) -> String;

    /// A default method: every implementation gets it, and may replace it.
    fn describe(&self) -> String {
        format!("encoder for {}", self.content_type())
    }
}

/// A JSON object with string values.
pub struct Json;

/// An HTML form body: `key=value&key=value`, percent-encoded.
pub struct Form;

impl Encoder for Json {
    fn content_type(&self) -> &'static str {
        "application/json"
    }

    fn encode(&self, fields: &[(&str, &str)]) -> String {
        let members: Vec<String> =
            fields.iter().map(|(key, value)| format!("{}:{}", json_string(key), json_string(value))).collect();
        format!("{{{}}}", members.join(","))
    }
}

impl Encoder for Form {
    fn content_type(&self) -> &'static str {
        "application/x-www-form-urlencoded"
    }

    fn encode(&self, fields: &[(&str, &str)]) -> String {
        let pairs: Vec<String> =
            fields.iter().map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value))).collect();
        pairs.join("&")
    }

    fn describe(&self) -> String {
        "form encoder (keys and values percent-encoded)".to_string()
    }
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Static dispatch: the compiler writes one copy of this function per encoder type it is called with.
/// `?Sized` lets `E` be `dyn Encoder` too, so a `&dyn Encoder` can be passed.
pub fn request<E: Encoder + ?Sized>(encoder: &E, fields: &[(&str, &str)]) -> String {
    format!("Content-Type: {}\n{}", encoder.content_type(), encoder.encode(fields))
}

/// Dynamic dispatch: which type is inside the box is decided at run time.
pub fn encoder_for(accept: &str) -> Box<dyn Encoder> {
    if accept.contains("json") { Box::new(Json) } else { Box::new(Form) }
}

/// A bound names what T must be able to do, as a Go constraint does.
pub fn largest<T: PartialOrd + Copy>(items: &[T]) -> Option<T> {
    let mut best = *items.first()?;
    for &item in items {
        if item > best {
            best = item;
        }
    }
    Some(best)
}

/// A size in bytes: a newtype, with the std traits it needs, derived or written by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Bytes(pub u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KIB: u64 = 1024;
        match self.0 {
            n if n < KIB => write!(f, "{n} B"),
            n if n < KIB * KIB => write!(f, "{:.1} KiB", n as f64 / KIB as f64),
            n => write!(f, "{:.1} MiB", n as f64 / (KIB * KIB) as f64),
        }
    }
}

impl From<u64> for Bytes {
    fn from(n: u64) -> Self {
        Bytes(n)
    }
}

/// Limits with a Default: the zero value Go gives every struct, asked for by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Limits {
    pub max_body: Bytes,
    pub max_headers: u32,
    pub allow_chunked: bool,
}

/// Your own trait on a type you did not write: Go allows methods only on types of your package.
pub trait Human {
    fn human(&self) -> String;
}

impl Human for u64 {
    fn human(&self) -> String {
        Bytes(*self).to_string()
    }
}

/// Retry delays that double up to a cap. Write `next`; `take`, `map`, `sum` and the rest come free.
pub struct Backoff {
    next_ms: u64,
    max_ms: u64,
}

impl Backoff {
    pub fn new(first_ms: u64, max_ms: u64) -> Backoff {
        Backoff { next_ms: first_ms, max_ms }
    }
}

impl Iterator for Backoff {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        let current = self.next_ms;
        self.next_ms = self.next_ms.saturating_mul(2).min(self.max_ms);
        Some(current)
    }
}

fn main() {
    let fields = [("user", "ada"), ("note", "a&b \"c\"")];
    println!("{}", request(&Json, &fields));
    println!("{}", request(&Form, &fields));

    let encoders: Vec<Box<dyn Encoder>> = vec![encoder_for("application/json"), encoder_for("text/html")];
    for encoder in &encoders {
        println!("{}", encoder.describe());
    }
    println!("{}", request(encoders[1].as_ref(), &[("q", "rust traits")]));

    println!("largest {:?} {:?} {:?}", largest(&[3, 9, 2]), largest(&[0.5, -1.0]), largest::<u8>(&[]));
    println!("largest {:?}", largest(&[Bytes(10), Bytes(4096)]));

    let body = Bytes::from(1_572_864);
    println!("{body} / {body:?} / {}", 1536u64.human());
    let limits = Limits { max_headers: 100, ..Default::default() };
    println!("{limits:?}");
    println!("copied and equal: {}", limits.clone() == limits);

    let delays: Vec<u64> = Backoff::new(100, 1000).take(6).collect();
    println!("backoff {delays:?}");
    let total: u64 = Backoff::new(100, 1000).take(6).sum();
    println!("total wait {total} ms");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::size_of;

    #[test]
    fn each_encoder_writes_its_format() {
        let fields = [("a b", "x=1&y"), ("q", "\"hi\"\n")];
        assert_eq!(Json.encode(&fields), r#"{"a b":"x=1&y","q":"\"hi\"\u000a"}"#);
        assert_eq!(Form.encode(&fields), "a%20b=x%3D1%26y&q=%22hi%22%0A");
        assert_eq!(Json.encode(&[]), "{}");
    }

    #[test]
    fn a_default_method_can_be_kept_or_replaced() {
        assert_eq!(Json.describe(), "encoder for application/json");
        assert_eq!(Form.describe(), "form encoder (keys and values percent-encoded)");
    }

    #[test]
    fn generic_and_dyn_calls_give_the_same_answer() {
        let fields = [("k", "v")];
        assert_eq!(request(&Json, &fields), request(encoder_for("json").as_ref(), &fields));
    }

    #[test]
    fn a_dyn_reference_is_two_words_and_a_plain_one_is_one() {
        assert_eq!(size_of::<&Json>(), size_of::<usize>());
        assert_eq!(size_of::<&dyn Encoder>(), 2 * size_of::<usize>());
        assert_eq!(size_of::<Box<dyn Encoder>>(), 2 * size_of::<usize>());
        assert_eq!(size_of::<Json>(), 0, "a struct with no fields takes no space");
    }

    #[test]
    fn largest_works_for_any_type_that_meets_the_bound() {
        assert_eq!(largest(&[3, 9, 2]), Some(9));
        assert_eq!(largest(&["b", "c", "a"]), Some("c"));
        assert_eq!(largest(&[Bytes(10), Bytes(4096)]), Some(Bytes(4096)));
        assert_eq!(largest::<i32>(&[]), None);
    }

    #[test]
    fn std_traits_do_what_the_page_says() {
        assert_eq!(Bytes(512).to_string(), "512 B");
        assert_eq!(Bytes(1536).to_string(), "1.5 KiB");
        assert_eq!(Bytes::from(3 * 1024 * 1024).to_string(), "3.0 MiB");
        let from_into: Bytes = 7u64.into();
        assert_eq!(from_into, Bytes(7), "From gives Into for free");
        assert_eq!(Limits::default(), Limits { max_body: Bytes(0), max_headers: 0, allow_chunked: false });
        assert_eq!(4096u64.human(), "4.0 KiB");
    }

    #[test]
    fn backoff_doubles_to_its_cap() {
        assert_eq!(Backoff::new(100, 1000).take(6).collect::<Vec<_>>(), [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(Backoff::new(1, u64::MAX).nth(70), Some(u64::MAX), "saturates instead of overflowing");
    }
}
