//! Turns raw text into the words the counter compares.

/// The words of `text`, lower-cased, split on anything that is not a letter,
/// a digit or an apostrophe. Visible to the whole crate, not outside it.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(trim_quotes)
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Drops quotes around a word ("'tis" keeps its apostrophe, "'go'" does not).
/// Private: only this module and its child `tests` can call it.
fn trim_quotes(word: &str) -> &str {
    if word.len() >= 2 && word.starts_with('\'') && word.ends_with('\'') { &word[1..word.len() - 1] } else { word }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_module_may_call_a_private_function() {
        assert_eq!(trim_quotes("'go'"), "go");
        assert_eq!(trim_quotes("'tis"), "'tis");
    }

    #[test]
    fn words_are_lower_cased_and_split_on_punctuation() {
        assert_eq!(words("Go, go; GO!"), ["go", "go", "go"]);
        assert_eq!(words("don't panic"), ["don't", "panic"]);
    }
}
