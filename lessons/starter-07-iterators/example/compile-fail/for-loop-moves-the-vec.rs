// expect-error: E0382
// `for ms in latencies` calls `latencies.into_iter()`: the loop takes the Vec.

pub fn total_ms(latencies: Vec<u32>) -> u32 {
    let mut total = 0;
    for ms in latencies {
        total += ms;
    }
    println!("{} samples", latencies.len());
    total
}
