//! Tests for the three tasks. Several check where a result lives, not only
//! what it says: a token or a field must be a slice of the text it came from
//! (`points_into`), and a normalised field must keep its heap buffer.

// The same file checks the starter, whose functions return `String`, and the
// solution, whose return `&str`: a borrow that one needs is needless in the other.
#![allow(clippy::needless_borrow)]

use fields::*;

/// True when `part` lies inside `whole`'s bytes: a slice of it, not a copy.
fn points_into(whole: &str, part: &str) -> bool {
    let start = whole.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    at >= start && at + part.len() <= start + whole.len()
}

// task: 1
#[test]
fn splits_on_runs_of_whitespace() {
    assert_eq!(tokens("GET /index.html  200\t512"), ["GET", "/index.html", "200", "512"]);
    assert_eq!(tokens("  padded  "), ["padded"]);
    assert!(tokens(" \t ").is_empty(), "a blank line has no tokens");
}

// task: 1
#[test]
fn a_quoted_token_keeps_its_spaces_but_not_its_quotes() {
    assert_eq!(tokens(r#"GET "/my file.txt" 404"#), ["GET", "/my file.txt", "404"]);
    assert_eq!(tokens(r#"user="" "no end quote"#), ["user=\"\"", "no end quote"]);
    assert_eq!(tokens(r#"a "" b"#), ["a", "", "b"], "\"\" is an empty token");
}

// task: 1
// Built at run time, so the line is a String on the heap, like a line read from a file.
#[test]
fn tokens_are_slices_of_the_line() {
    let line = format!("{} \"crème brûlée\" {}", "naïve", 42);
    let found = tokens(&line);
    assert_eq!(found, ["naïve", "crème brûlée", "42"]);
    for token in &found {
        assert!(
            points_into(&line, token),
            "token {token:?} was copied: return a slice of the line (&line[a..b]), not a new String"
        );
    }
}

// task: 2
#[test]
fn picks_the_longest_trimmed_field() {
    assert_eq!(longest_field(" id , customer name ,zip", "-"), "customer name");
    assert_eq!(longest_field("single", "-"), "single");
}

// task: 2
// Length is counted in characters: "café" is 4 characters but 5 bytes.
#[test]
fn counts_characters_not_bytes() {
    assert_eq!(longest_field("café,tarte", "-"), "tarte");
    assert_eq!(longest_field("ab,é", "-"), "ab");
}

// task: 2
#[test]
fn on_a_tie_the_earlier_field_wins() {
    assert_eq!(longest_field("abc, xyz ,def", "-"), "abc");
}

// task: 2
#[test]
fn the_result_is_a_slice_of_the_record() {
    let record = String::from("cpu, memory ,disk");
    let found = longest_field(&record, "none");
    assert_eq!(found, "memory");
    assert!(points_into(&record, &found), "the field was copied: return a slice of the record");
}

// task: 2
#[test]
fn with_no_field_the_fallback_itself_is_returned() {
    let fallback = String::from("unknown");
    for record in ["", " , ,", "\t"] {
        let found = longest_field(record, &fallback);
        assert_eq!(found, "unknown");
        assert_eq!(found.as_ptr(), fallback.as_ptr(), "return `fallback` itself, not a copy of it");
    }
}

// task: 3
#[test]
fn trims_and_lowercases() {
    let mut field = String::from("  Content-Type  ");
    normalise(&mut field);
    assert_eq!(field, "content-type");
}

// task: 3
#[test]
fn trims_every_kind_of_whitespace() {
    let mut field = String::from("\tAccept\r\n");
    normalise(&mut field);
    assert_eq!(field, "accept");
    let mut blank = String::from(" \t\n ");
    normalise(&mut blank);
    assert_eq!(blank, "");
}

// task: 3
// Only ASCII letters change: lowercasing other letters can change the byte length.
#[test]
fn leaves_non_ascii_letters_as_they_are() {
    let mut field = String::from(" ÉCOLE Straße ");
    normalise(&mut field);
    assert_eq!(field, "École straße");
}

// task: 3
#[test]
fn keeps_the_same_heap_buffer() {
    let mut field = String::with_capacity(32);
    field.push_str("   Host: Example.COM  ");
    let buffer = field.as_ptr();
    let capacity = field.capacity();
    normalise(&mut field);
    assert_eq!(field, "host: example.com");
    assert_eq!(field.as_ptr(), buffer, "normalise built a new String: change the one you were lent");
    assert_eq!(field.capacity(), capacity);
}

// task: 3
#[test]
fn normalises_every_field_of_a_vec_in_place() {
    let mut headers = vec![String::from(" Accept "), String::from("X-Trace-ID\t")];
    for header in headers.iter_mut() {
        normalise(header);
    }
    assert_eq!(headers, ["accept", "x-trace-id"]);
}
