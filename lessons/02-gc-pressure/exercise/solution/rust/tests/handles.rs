//! Task 2: the handle table in src/lib.rs. A handle names one window for
//! as long as that window lives, and nothing afterwards. (rustwindow_test.go
//! drives the same rules from Go, through cgo.)

use gcwindow::Handles;
use gcwindow::window::Window;

fn window() -> Window {
    Window::new(4).unwrap()
}

// task: 2
#[test]
fn a_handle_is_never_zero_and_never_repeats() {
    let mut table = Handles::new();
    let mut seen = Vec::new();
    for _ in 0..50 {
        let handle = table.insert(window());
        assert_ne!(handle, 0, "0 is what Go's zero value holds: it must never name a window");
        assert!(!seen.contains(&handle), "handle {handle:#x} was handed out before");
        seen.push(handle);
        assert!(table.remove(handle).is_some());
    }
}

// task: 2
#[test]
fn an_old_handle_does_not_reach_the_window_now_in_its_slot() {
    let mut table = Handles::new();
    let old = table.insert(window());
    assert!(table.remove(old).is_some(), "the first free works");
    let new = table.insert(window());
    assert!(
        table.get_mut(old).is_none(),
        "handle {old:#x} was freed; it must not name the window created after it ({new:#x})"
    );
    assert!(table.remove(old).is_none(), "a second free of {old:#x} must change nothing");
    assert!(table.get_mut(new).is_some(), "the new window is still there");
}
