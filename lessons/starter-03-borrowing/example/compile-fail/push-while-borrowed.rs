// expect-error: E0502
// Go's bug: keep a pointer to an element, append, then read through the old pointer.
// In Rust the push needs `&mut names` while `first` still borrows it.

pub fn add_and_report(names: &mut Vec<String>, extra: &str) -> String {
    let first = &names[0];
    names.push(extra.to_string());
    format!("first is still {first}")
}
