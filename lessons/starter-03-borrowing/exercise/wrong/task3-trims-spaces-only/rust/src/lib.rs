//! Text fields without copies: every function here either returns pieces of
//! the text it was given or changes that text where it is.

/// Splits `line` into tokens, left to right, and returns them as slices of `line`.
///
/// Tokens are separated by whitespace (`char::is_whitespace`). A token that
/// starts with `"` runs to the next `"`, may hold whitespace, and is returned
/// without its quotes; with no closing quote it runs to the end of the line.
pub fn tokens(line: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = line;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return found;
        }
        if let Some(quoted) = rest.strip_prefix('"') {
            match quoted.find('"') {
                Some(end) => {
                    found.push(&quoted[..end]);
                    rest = &quoted[end + 1..];
                }
                None => {
                    found.push(quoted);
                    rest = "";
                }
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            found.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
}

/// Returns the longest field of `record`, or `fallback` when every field is empty.
///
/// Fields are separated by `,` and trimmed of surrounding whitespace. Length
/// is counted in characters; on a tie the earlier field wins. The result is a
/// slice of `record` or `fallback` itself, never a copy.
pub fn longest_field<'a>(record: &'a str, fallback: &'a str) -> &'a str {
    let mut longest = "";
    let mut longest_chars = 0;
    for field in record.split(',') {
        let field = field.trim();
        let chars = field.chars().count();
        if chars > longest_chars {
            longest = field;
            longest_chars = chars;
        }
    }
    if longest_chars == 0 { fallback } else { longest }
}

/// Normalises `field` where it is: removes leading and trailing whitespace
/// (`char::is_whitespace`) and lowercases ASCII letters. Other characters are
/// left as they are. The string keeps its heap buffer.
pub fn normalise(field: &mut String) {
    let end = field.trim_end_matches(' ').len();
    field.truncate(end);
    let start = field.len() - field.trim_start_matches(' ').len();
    field.drain(..start);
    field.make_ascii_lowercase();
}
