//! The package's binary crate: it uses the library crate by its name, as any
//! other user would, so it sees only what the library makes `pub`.

use wordcount::top_words;

const TEXT: &str = "Go keeps the service. Rust takes the hot path; the boundary \
                    between them is where the service and the path meet.";

fn main() {
    println!("top 3 words of a {}-byte text:", TEXT.len());
    for entry in top_words(TEXT, 3) {
        println!("{:>3}  {}", entry.count, entry.word);
    }
    let total: u8 = 250;
    println!("250u8.checked_add(10) = {:?}", total.checked_add(10));
    println!("250u8.wrapping_add(10) = {}", total.wrapping_add(10));
}
