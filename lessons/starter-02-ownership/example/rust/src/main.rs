//! Samples for step 2 of the Rust starter path: moves, `Copy` and `Clone`,
//! ownership passed into and out of functions, and the order of `Drop`.
//! `cargo run` prints what the page shows (example/expected-output.txt);
//! `cargo test` checks the page's other claims.

/// An order owns its items: a `Vec` of `String`s, all on the heap.
/// It can be cloned, on request, but it is not `Copy`.
#[derive(Debug, Clone, PartialEq)]
struct Order {
    id: u32,
    items: Vec<String>,
}

/// A place on a shelf: two integers and nothing on the heap, so it can be `Copy`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Slot {
    aisle: u16,
    shelf: u16,
}

// Assignment moves an `Order` and copies a `Slot`.
fn assignment() {
    let first = Order { id: 1, items: vec![String::from("pen")] };
    let second = first; // a move: `first` is no longer usable
    println!("moved: order {} holds {:?}", second.id, second.items);

    let here = Slot { aisle: 3, shelf: 2 };
    let there = here; // a copy: both stay usable
    println!("copied: {here:?} and {there:?}");
}

// `clone` is the explicit, deep copy: a new heap buffer, new strings.
fn cloning() {
    let original = Order { id: 2, items: vec![String::from("ink")] };
    let mut copy = original.clone();
    copy.items.push(String::from("paper"));
    println!("original {:?}, clone {:?}", original.items, copy.items);
}

/// Takes the order, changes it, and gives it back.
fn add_item(mut order: Order, item: &str) -> Order {
    order.items.push(item.to_string());
    order
}

/// Takes the order and keeps it: the order is dropped when this function returns.
fn count_items(order: Order) -> usize {
    order.items.len()
}

// Ownership goes into a function with the argument and comes back with the result.
fn passing() {
    let order = Order { id: 3, items: Vec::new() };
    let order = add_item(order, "tape");
    let order = add_item(order, "glue");
    let n = count_items(order);
    println!("order 3 had {n} items and is gone");
}

/// Prints a line when it is dropped, so you can watch the order.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

/// Two fields: they are dropped in the order they are declared.
#[expect(dead_code, reason = "the fields are only ever dropped, never read")]
struct Pair {
    left: Noisy,
    right: Noisy,
}

/// Takes ownership of a `Noisy` and lets it go at its closing brace.
fn consume(value: Noisy) {
    println!("consume got {}", value.0);
}

// Where each value is dropped.
fn drop_order() {
    let _a = Noisy("a");
    let b = Noisy("b");
    let _pair = Pair { left: Noisy("pair.left"), right: Noisy("pair.right") };
    let _ = Noisy("underscore");
    {
        let _inner = Noisy("inner");
        println!("end of inner block");
    }
    consume(b);
    let c = Noisy("c");
    drop(c);
    println!("end of drop_order");
}

fn main() {
    assignment();
    cloning();
    passing();
    drop_order();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::size_of;

    // A Vec is three words (pointer, capacity, length), like a Go slice header.
    #[test]
    fn a_vec_is_three_words() {
        assert_eq!(size_of::<Vec<String>>(), 3 * size_of::<usize>());
    }

    // A move copies those three words; the heap buffer stays where it was.
    #[test]
    fn a_move_keeps_the_heap_buffer() {
        let first = vec![String::from("pen"), String::from("ink")];
        let buffer = first.as_ptr();
        let second = first;
        assert_eq!(second.as_ptr(), buffer);
    }

    // A clone allocates its own buffer, and changing it leaves the original alone.
    #[test]
    fn a_clone_is_independent() {
        let original = Order { id: 2, items: vec![String::from("ink")] };
        let mut copy = original.clone();
        assert_ne!(copy.items.as_ptr(), original.items.as_ptr());
        copy.items[0].push_str(" (blue)");
        copy.items.push(String::from("paper"));
        assert_eq!(original.items, vec![String::from("ink")]);
        assert_eq!(copy.items, vec![String::from("ink (blue)"), String::from("paper")]);
    }

    // A Copy type is duplicated on assignment and both values stay usable.
    #[test]
    fn a_copy_type_stays_usable() {
        let here = Slot { aisle: 3, shelf: 2 };
        let mut there = here;
        there.shelf = 5;
        assert_eq!(here, Slot { aisle: 3, shelf: 2 });
        assert_eq!(there, Slot { aisle: 3, shelf: 5 });
    }

    // Ownership goes in with the argument and comes back with the return value.
    #[test]
    fn ownership_round_trip() {
        let order = add_item(Order { id: 3, items: Vec::new() }, "tape");
        let order = add_item(order, "glue");
        assert_eq!(order.items, vec![String::from("tape"), String::from("glue")]);
        assert_eq!(count_items(order), 2);
    }
}
