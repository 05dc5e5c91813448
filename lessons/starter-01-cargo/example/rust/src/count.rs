//! Counting: the public part of the library.

use std::collections::BTreeMap;

use crate::normalize::words;

/// One word and how many times it occurs.
#[derive(Debug, PartialEq, Eq)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
}

/// The `n` most frequent words of `text`, most frequent first; words with
/// the same count in alphabetical order, so the answer is always the same.
pub fn top_words(text: &str, n: usize) -> Vec<WordCount> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for word in words(text) {
        *counts.entry(word).or_insert(0) += 1;
    }
    let mut ranked: Vec<WordCount> = counts.into_iter().map(|(word, count)| WordCount { word, count }).collect();
    ranked.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    ranked.truncate(n);
    ranked
}
