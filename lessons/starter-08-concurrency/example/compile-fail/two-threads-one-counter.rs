// expect-error: E0499
// Go's classic race, `total++` in two goroutines, does not compile.

use std::thread;

pub fn count_twice(requests: &[u32]) -> u32 {
    let mut total = 0;
    thread::scope(|scope| {
        scope.spawn(|| total += requests.len() as u32);
        scope.spawn(|| total += requests.len() as u32);
    });
    total
}
