//! The counting code, owned by another team: safe Rust that knows nothing
//! about C or Go. Leave this file as it is: it has a known bug (below), and
//! the tests use it to check the boundary you write in lib.rs.

/// What `count` found in a text, the three numbers `wc` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Line ends: `\n`, `\r\n` (one line end) or a lone `\r`.
    pub lines: u64,
    /// Runs of bytes that are not ASCII whitespace.
    pub words: u64,
    pub bytes: u64,
}

/// Counts the lines, words and bytes of `text`.
///
/// Known bug (reported, not fixed yet): when the last byte of `text` is
/// `\r`, this reads one byte past the end to look for a `\n` after it, and
/// panics with "index out of bounds".
pub fn count(text: &[u8]) -> Counts {
    let mut counts = Counts { bytes: text.len() as u64, ..Counts::default() };
    let mut in_word = false;
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        if byte == b'\r' {
            counts.lines += 1;
            if text[i + 1] == b'\n' {
                i += 1; // \r\n ends one line, not two
            }
        } else if byte == b'\n' {
            counts.lines += 1;
        }
        if byte.is_ascii_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            counts.words += 1;
        }
        i += 1;
    }
    counts
}
