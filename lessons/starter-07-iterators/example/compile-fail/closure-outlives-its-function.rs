// expect-error: E0373
// Go would move `limit_ms` to the heap; Rust asks you to move it into the closure.

pub fn slower_than(limit_ms: u32) -> impl Fn(u32) -> bool {
    |ms| ms > limit_ms
}
