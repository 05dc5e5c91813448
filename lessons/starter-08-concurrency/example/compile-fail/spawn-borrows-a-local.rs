// expect-error: E0373
// thread::spawn may outlive this function, so its closure may not borrow `latencies`.

use std::thread;

pub fn sum_in_background(latencies: Vec<u32>) -> u32 {
    let handle = thread::spawn(|| latencies.iter().sum::<u32>());
    handle.join().unwrap()
}
