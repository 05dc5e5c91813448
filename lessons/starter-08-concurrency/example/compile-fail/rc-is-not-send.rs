// expect-error: E0277
// Rc counts its owners with a plain integer; two threads could update it at once.

use std::rc::Rc;
use std::thread;

pub fn log_in_background(service: Rc<String>) -> thread::JoinHandle<()> {
    let name = Rc::clone(&service);
    thread::spawn(move || println!("{name} started"))
}
