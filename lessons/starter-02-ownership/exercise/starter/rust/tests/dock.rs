//! The tests count what your functions did: `line_clones()` goes up by one
//! for every `Line` cloned, and `released_parcels()` lists the parcels dropped,
//! in the order they were dropped. Each test runs on its own thread (and, in
//! the runner, in its own process), so it starts from zero.

use dock::*;

fn order(id: u32, skus: &[&str]) -> Order {
    Order { id, lines: skus.iter().map(|sku| Line::new(sku, 1)).collect() }
}

// task: 1
#[test]
fn add_line_appends_without_cloning() {
    let before = line_clones();
    let updated = add_line(order(7, &["pen", "ink"]), Line::new("tape", 3));
    assert_eq!(updated.id, 7);
    assert_eq!(updated.lines, vec![Line::new("pen", 1), Line::new("ink", 1), Line::new("tape", 3)]);
    assert_eq!(line_clones() - before, 0, "add_line owns the order: push onto its lines, do not copy them");
}

// task: 1
#[test]
fn add_line_keeps_the_same_buffer_when_it_has_room() {
    let mut lines = Vec::with_capacity(4);
    lines.push(Line::new("pen", 1));
    let buffer = lines.as_ptr();
    let updated = add_line(Order { id: 8, lines }, Line::new("ink", 2));
    assert_eq!(updated.lines.as_ptr(), buffer, "the returned order should hold the same Vec, moved, not a new one");
    assert_eq!(updated.lines.len(), 2);
}

// task: 1
#[test]
fn pack_moves_the_lines_into_the_parcel() {
    let original = order(9, &["pen", "ink", "tape"]);
    let buffer = original.lines.as_ptr();
    let before = line_clones();
    let parcel = pack(original);
    assert_eq!(parcel.order_id, 9);
    assert_eq!(parcel.lines, vec![Line::new("pen", 1), Line::new("ink", 1), Line::new("tape", 1)]);
    assert_eq!(line_clones() - before, 0, "pack takes the order: move its lines, do not clone them");
    assert_eq!(parcel.lines.as_ptr(), buffer, "the parcel should hold the order's own Vec");
}

// task: 2
#[test]
fn repeat_returns_the_original_and_an_equal_copy() {
    let (original, copy) = repeat(order(10, &["pen", "ink"]), 11);
    assert_eq!(original, order(10, &["pen", "ink"]));
    assert_eq!(copy, order(11, &["pen", "ink"]));
}

// task: 2
#[test]
fn repeat_clones_each_line_once() {
    let before = line_clones();
    let (_original, _copy) = repeat(order(12, &["pen", "ink", "tape"]), 13);
    assert_eq!(line_clones() - before, 3, "two orders need one copy of the lines: 3 clones for 3 lines");
}

// task: 3
#[test]
fn a_parcel_is_released_when_its_owner_is_done_with_it() {
    {
        let _parcel = pack(order(20, &["pen"]));
        assert_eq!(released_parcels(), Vec::<u32>::new(), "nothing is released while the parcel is still owned");
    }
    assert_eq!(released_parcels(), vec![20]);
}

// task: 3
#[test]
fn a_moved_parcel_is_released_once_by_its_new_owner() {
    let parcel = pack(order(21, &["pen"]));
    let shelf = vec![parcel];
    assert_eq!(released_parcels(), Vec::<u32>::new(), "moving a parcel does not release it");
    drop(shelf);
    assert_eq!(released_parcels(), vec![21]);
}

// task: 3
#[test]
fn close_dock_releases_the_last_arrival_first() {
    let parcels = vec![pack(order(31, &["pen"])), pack(order(32, &["ink"])), pack(order(33, &["tape"]))];
    close_dock(parcels);
    assert_eq!(released_parcels(), vec![33, 32, 31]);
}
