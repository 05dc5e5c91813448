// expect-error: E0594
// `call_each` promises its callers it only needs `Fn`: a closure that only reads.

pub fn call_each(latencies: &[u32], on_sample: impl Fn(u32)) {
    for ms in latencies {
        on_sample(*ms);
    }
}

pub fn count_slow(latencies: &[u32]) -> u32 {
    let mut slow = 0;
    call_each(latencies, |ms| {
        if ms > 100 {
            slow += 1;
        }
    });
    slow
}
