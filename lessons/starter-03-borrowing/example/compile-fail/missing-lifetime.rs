// expect-error: E0106
// Two reference parameters: the compiler cannot tell which one the result borrows from.

pub fn longer(a: &str, b: &str) -> &str {
    if b.len() > a.len() { b } else { a }
}
