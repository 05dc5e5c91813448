//! Orders, parcels and a loading dock. Each function says whether it takes
//! ownership, gives it back, or keeps a copy, and the tests count what it did:
//! how many lines were cloned, and which parcels were released, in what order.

use std::cell::{Cell, RefCell};

// Per-thread counters, so tests running side by side do not see each other's.
thread_local! {
    static LINE_CLONES: Cell<usize> = const { Cell::new(0) };
    static RELEASED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// How many `Line`s this thread has cloned so far.
pub fn line_clones() -> usize {
    LINE_CLONES.with(Cell::get)
}

/// The order ids of the parcels this thread has released (dropped), oldest first.
pub fn released_parcels() -> Vec<u32> {
    RELEASED.with(|log| log.borrow().clone())
}

/// Records that the parcel of order `order_id` was released. `Parcel`'s `Drop` calls it.
pub fn record_release(order_id: u32) {
    RELEASED.with(|log| log.borrow_mut().push(order_id));
}

/// One line of an order: a product code and a quantity.
#[derive(Debug, PartialEq)]
pub struct Line {
    pub sku: String,
    pub qty: u32,
}

impl Line {
    pub fn new(sku: &str, qty: u32) -> Line {
        Line { sku: sku.to_string(), qty }
    }
}

/// Cloning a line copies its `String` to a new heap buffer. This clone also counts itself.
impl Clone for Line {
    fn clone(&self) -> Line {
        LINE_CLONES.with(|n| n.set(n.get() + 1));
        Line { sku: self.sku.clone(), qty: self.qty }
    }
}

/// An order: an id and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: u32,
    pub lines: Vec<Line>,
}

/// A packed order, waiting at the dock.
#[derive(Debug, PartialEq)]
pub struct Parcel {
    pub order_id: u32,
    pub lines: Vec<Line>,
}

// Task 1: take the order, add the line, hand the same order back. No clone.
/// Adds `line` at the end of `order` and returns the order.
pub fn add_line(mut order: Order, line: Line) -> Order {
    order.lines.push(line);
    order
}

// Task 1: the order is used up; its lines move into the parcel. No clone.
/// Packs `order` into a parcel holding the order's id and its lines.
pub fn pack(order: Order) -> Parcel {
    Parcel { order_id: order.id, lines: order.lines }
}

// Task 2: two orders come out, so the lines are copied exactly once.
/// Returns `order` unchanged and a copy of it under the id `new_id`.
pub fn repeat(order: Order, new_id: u32) -> (Order, Order) {
    let copy = Order { id: new_id, lines: order.lines.clone() };
    (order.clone(), copy)
}

// Task 3: a parcel records its release when it is dropped.
impl Drop for Parcel {
    fn drop(&mut self) {
        record_release(self.order_id);
    }
}

// Task 3: the last parcel in is the first one out.
/// Releases every parcel, the most recent arrival (the last in `parcels`) first.
pub fn close_dock(mut parcels: Vec<Parcel>) {
    while let Some(parcel) = parcels.pop() {
        drop(parcel);
    }
}
