// expect-error: E0603
// A private function called from outside its module: the parent module cannot
// see it, just as another Go package cannot call a lower-case function.

mod normalize {
    pub fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().map(trim_quotes).collect()
    }

    fn trim_quotes(word: &str) -> &str {
        word.trim_matches('\'')
    }
}

pub fn first_word(text: &str) -> Option<&str> {
    let first = normalize::words(text).into_iter().next()?;
    Some(normalize::trim_quotes(first))
}
