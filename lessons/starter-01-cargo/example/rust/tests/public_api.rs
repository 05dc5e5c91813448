//! An integration test: a crate of its own that links the library, like a
//! `package wordcount_test` file in Go. It can use only what is `pub`.

use wordcount::count::WordCount;
use wordcount::top_words;

#[test]
fn top_words_ranks_by_count_then_alphabetically() {
    let top = top_words("b a c b a b", 2);
    assert_eq!(top, [WordCount { word: "b".to_string(), count: 3 }, WordCount { word: "a".to_string(), count: 2 }]);
}

#[test]
fn the_root_re_export_is_the_same_function() {
    assert_eq!(wordcount::top_words("x", 1), wordcount::count::top_words("x", 1));
}

// cargo test builds with the test profile, which inherits the dev profile:
// overflow checks are on, so this addition panics instead of wrapping.
#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "attempt to add with overflow")]
fn a_debug_build_panics_on_integer_overflow() {
    let total: u8 = std::hint::black_box(250);
    let _ = total + std::hint::black_box(10);
}

#[test]
fn checked_and_wrapping_say_what_you_mean_in_every_profile() {
    let total: u8 = std::hint::black_box(250);
    assert_eq!(total.checked_add(10), None);
    assert_eq!(total.wrapping_add(10), 4);
}
