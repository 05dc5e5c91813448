// expect-error: E0382
// Sending on a channel moves the value to the receiver.

use std::sync::mpsc::Sender;

pub fn report(results: &Sender<Vec<u32>>) {
    let latencies = vec![45, 130, 12];
    results.send(latencies).unwrap();
    println!("sent {} latencies", latencies.len());
}
