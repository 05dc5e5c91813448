// expect-error: E0433
// A module that no `mod` line declares does not exist, whatever files sit in
// the folder: Cargo compiles the module tree, not the directory.

pub fn count(text: &str) -> usize {
    normalize::words(text).len()
}
