//! Samples for step 3 of the Rust starter path: `&` and `&mut`, the
//! one-writer-or-many-readers rule, slices, lifetimes, `String` and `&str`,
//! and three ways out of a borrow conflict.
//! `cargo run` prints what the page shows (example/expected-output.txt);
//! `cargo test` checks the page's other claims.

/// Reads through a shared borrow: the caller keeps its words.
fn total_len(words: &[String]) -> usize {
    let mut total = 0;
    for word in words {
        total += word.len();
    }
    total
}

/// Changes the caller's words through a mutable borrow.
fn add_suffix(words: &mut [String], suffix: &str) {
    for word in words.iter_mut() {
        word.push_str(suffix);
    }
}

fn lending() {
    let mut words = vec![String::from("pen"), String::from("ink")];
    let before = total_len(&words);
    add_suffix(&mut words, "s");
    println!("{before} bytes, then {} bytes: {words:?}", total_len(&words));
}

/// A shared borrow ends at its last use, so the push after it compiles.
fn read_then_push(names: &mut Vec<String>) -> usize {
    let first = &names[0];
    let first_len = first.len();
    names.push(String::from("grace"));
    first_len
}

fn rule() {
    let mut names = vec![String::from("ada")];
    let first_len = read_then_push(&mut names);
    println!("read {first_len} bytes, then pushed: {names:?}");
}

/// The first word of a line, as a slice of the line: nothing is copied.
fn first_word(line: &str) -> &str {
    match line.find(' ') {
        Some(end) => &line[..end],
        None => line,
    }
}

fn slicing() {
    let readings = [3, 5, 8, 13, 21];
    let middle: &[i32] = &readings[1..4];
    let line = String::from("GET /index.html HTTP/1.1");
    let method = first_word(&line);
    println!("middle {middle:?}, method {method}");
}

/// The longer of two strings, borrowed from whichever one it is.
fn longer<'a>(a: &'a str, b: &'a str) -> &'a str {
    if b.len() > a.len() { b } else { a }
}

/// Takes `&str`, so it accepts a literal, a `String` and a slice of either.
fn greet(name: &str) -> String {
    format!("hello, {name}")
}

fn strings() {
    let owned = String::from("margaret");
    println!("{} / {} / {}", greet("ada"), greet(&owned), greet(&owned[..3]));
    let host = String::from("example.com");
    let fallback = "localhost";
    println!("longer: {}", longer(&host, fallback));
}

/// Fix 1: clone the part you keep, so nothing borrows the Vec during the push.
fn report_with_clone(names: &mut Vec<String>, extra: &str) -> String {
    let first = names[0].clone();
    names.push(extra.to_string());
    format!("first is still {first}")
}

/// Fix 2: keep an index instead of a reference, and look it up after the push.
fn report_with_index(names: &mut Vec<String>, extra: &str) -> String {
    let first = 0;
    names.push(extra.to_string());
    format!("first is still {}", names[first])
}

/// Fix 3: restructure, so every read is done before the write starts.
fn report_before_push(names: &mut Vec<String>, extra: &str) -> String {
    let report = format!("first is still {}", names[0]);
    names.push(extra.to_string());
    report
}

fn fixes() {
    let mut names = vec![String::from("ada")];
    println!("{}", report_with_clone(&mut names, "grace"));
    println!("{}", report_with_index(&mut names, "linus"));
    println!("{}", report_before_push(&mut names, "rob"));
    println!("{names:?}");
}

fn main() {
    lending();
    rule();
    slicing();
    strings();
    fixes();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::size_of;

    /// True when `part` lies inside `whole`'s bytes: a slice of it, not a copy.
    fn points_into(whole: &str, part: &str) -> bool {
        let start = whole.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        at >= start && at + part.len() <= start + whole.len()
    }

    // A slice reference is two words, pointer and length: no capacity, unlike a Go slice.
    #[test]
    fn a_slice_reference_is_two_words() {
        assert_eq!(size_of::<&[i32]>(), 2 * size_of::<usize>());
        assert_eq!(size_of::<&str>(), 2 * size_of::<usize>());
        assert_eq!(size_of::<Vec<i32>>(), 3 * size_of::<usize>());
    }

    // A reference is never null: Option<&T> uses the null value for None.
    #[test]
    fn a_reference_is_never_null() {
        assert_eq!(size_of::<Option<&String>>(), size_of::<&String>());
    }

    // The callee changed the caller's Vec through `&mut`; the reader left it alone.
    #[test]
    fn a_mutable_borrow_changes_the_callers_value() {
        let mut words = vec![String::from("pen")];
        assert_eq!(total_len(&words), 3);
        add_suffix(&mut words, "s");
        assert_eq!(words, ["pens"]);
    }

    // The shared borrow ended before the push, so both happened.
    #[test]
    fn a_borrow_ends_at_its_last_use() {
        let mut names = vec![String::from("ada")];
        assert_eq!(read_then_push(&mut names), 3);
        assert_eq!(names, ["ada", "grace"]);
    }

    // first_word returns a piece of the line itself.
    #[test]
    fn first_word_borrows_from_the_line() {
        let line = String::from("GET /index.html HTTP/1.1");
        let word = first_word(&line);
        assert_eq!(word, "GET");
        assert_eq!(word.as_ptr(), line.as_ptr());
        assert_eq!(first_word("single"), "single");
    }

    // Slicing a str inside a UTF-8 character panics; Go would cut the bytes.
    #[test]
    #[should_panic(expected = "is not a char boundary")]
    fn slicing_inside_a_character_panics() {
        let word = String::from("été");
        let _ = &word[..1];
    }

    // longer returns one of its arguments, not a copy.
    #[test]
    fn longer_returns_one_of_its_inputs() {
        let host = String::from("example.com");
        let fallback = "localhost";
        assert!(points_into(&host, longer(&host, fallback)));
        assert!(points_into(fallback, longer("", fallback)));
        assert_eq!(longer("ab", "cd"), "ab");
    }

    // The same &str parameter accepts a literal, a &String and a slice.
    #[test]
    fn str_parameters_accept_every_kind_of_string() {
        let owned = String::from("margaret");
        assert_eq!(greet("ada"), "hello, ada");
        assert_eq!(greet(&owned), "hello, margaret");
        assert_eq!(greet(&owned[..3]), "hello, mar");
    }

    // The three fixes give the same answer and leave the same Vec.
    #[test]
    fn the_three_fixes_agree() {
        for fix in [report_with_clone, report_with_index, report_before_push] {
            let mut names = vec![String::from("ada")];
            assert_eq!(fix(&mut names, "grace"), "first is still ada");
            assert_eq!(names, ["ada", "grace"]);
        }
    }
}
