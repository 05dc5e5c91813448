//! Hybrid Lab's browser kernels: the lessons' plain-Rust cores plus the small
//! wasm-bindgen layer JavaScript calls.
//!
//! The cores live beside each lesson's Go + Rust example (one source of truth)
//! and are pulled in here by path, so the demo in the page runs exactly the
//! code the lesson's cgo program links.

use wasm_bindgen::prelude::*;

#[path = "../../lessons/01-batching/example/rust/src/kernel.rs"]
pub mod batching;

#[path = "../../lessons/02-gc-pressure/example/rust/src/window.rs"]
pub mod gc_window;

#[path = "../../lessons/03-zero-copy/example/rust/src/kernel.rs"]
pub mod zero_copy;

#[path = "../../lessons/04-panics/example/rust/src/parse.rs"]
pub mod order_batches;

/// Per-element entry point: one JS → wasm call per element.
#[wasm_bindgen]
pub fn dot_step(acc: f32, a: f32, b: f32) -> f32 {
    batching::dot_step(acc, a, b)
}

/// Cosine similarity of two arrays, copied into wasm memory by the glue code.
#[wasm_bindgen]
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    batching::cosine(a, b)
}

/// Panics on purpose, to show how a Rust panic reaches JavaScript.
///
/// With panic=abort in wasm32-unknown-unknown it is the `unreachable` trap:
/// a `RuntimeError` in JS. Destructors did not run, so the page should drop
/// this instance and instantiate the module again.
#[wasm_bindgen]
pub fn panic_on_purpose() {
    panic!("panic_on_purpose was called");
}

thread_local! {
    /// The message of the last panic on this thread (the instance's only one
    /// in wasm), kept by the panic hook that `OrderLedger::new` installs. The
    /// hook runs before a panic aborts or unwinds, so JavaScript can read it
    /// even after the `unreachable` trap.
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Lesson 04's order batches in the browser: running totals that a page
/// feeds batch by batch, summed by the lesson's own parser (with its bug:
/// a line with a discount panics).
///
/// Like a lane of the lesson's cgo accelerator, the ledger counts each line
/// as soon as the parser reads it, and takes the counts back when a later
/// line is refused. A panic skips that: the lines before it stay counted
/// for a batch that was never accepted.
#[wasm_bindgen]
pub struct OrderLedger {
    amounts: Vec<i64>,
    batches: u32,
    lines_accepted: u32,
    lines_counted: u32,
}

#[wasm_bindgen]
impl OrderLedger {
    /// An empty ledger; the first one also installs the panic hook that
    /// keeps messages for `last_panic_message`.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> OrderLedger {
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let message = info.payload_as_str().unwrap_or("(a panic without a text message)");
                LAST_PANIC.with(|last| {
                    if let Ok(mut last) = last.try_borrow_mut() {
                        *last = message.to_string();
                    }
                });
                previous(info);
            }));
        });
        OrderLedger { amounts: Vec::new(), batches: 0, lines_accepted: 0, lines_counted: 0 }
    }

    /// Adds one batch (`order_id,qty,unit_cents[,discount_pct]` lines) and
    /// returns its number of lines; throws the parser's message for a batch
    /// it refuses, with the counts as they were.
    pub fn add_batch(&mut self, batch: &str) -> Result<u32, JsError> {
        self.add(batch).map_err(|message| JsError::new(&message))
    }

    /// Batches accepted so far.
    pub fn batches(&self) -> u32 {
        self.batches
    }

    /// Lines in the accepted batches.
    pub fn lines_accepted(&self) -> u32 {
        self.lines_accepted
    }

    /// Lines counted as the parser read them: equal to `lines_accepted`
    /// unless a panic cut a batch short.
    pub fn lines_counted(&self) -> u32 {
        self.lines_counted
    }
}

impl OrderLedger {
    /// `add_batch` without the JavaScript error type, for native tests.
    fn add(&mut self, batch: &str) -> Result<u32, String> {
        let before = self.lines_counted;
        let counted = &mut self.lines_counted;
        match order_batches::summarize(batch.as_bytes(), &mut self.amounts, |_| *counted += 1) {
            Ok(summary) => {
                let lines = u32::try_from(summary.records).unwrap_or(u32::MAX);
                self.batches += 1;
                self.lines_accepted += lines;
                Ok(lines)
            }
            Err(refused) => {
                self.lines_counted = before;
                Err(refused.0)
            }
        }
    }
}

/// The message of the last panic in this instance ("" when none).
#[wasm_bindgen]
pub fn last_panic_message() -> String {
    LAST_PANIC.with(|last| last.borrow().clone())
}

/// Two f32 arrays owned by Rust and living in wasm linear memory.
///
/// JavaScript fills and reads them through `Float32Array` views over
/// `memory.buffer` at `a_ptr()` / `b_ptr()`: no copy crosses the boundary,
/// which is what makes one call per batch cheap.
#[wasm_bindgen]
pub struct Samples {
    a: Vec<f32>,
    b: Vec<f32>,
}

#[wasm_bindgen]
impl Samples {
    /// Allocates two zeroed arrays of `len` elements.
    #[wasm_bindgen(constructor)]
    pub fn new(len: usize) -> Samples {
        Samples { a: vec![0.0; len], b: vec![0.0; len] }
    }

    /// Number of elements in each array.
    pub fn len(&self) -> usize {
        self.a.len()
    }

    /// True when the arrays hold no elements.
    pub fn is_empty(&self) -> bool {
        self.a.is_empty()
    }

    /// Byte offset of the first array in wasm memory.
    pub fn a_ptr(&self) -> *const f32 {
        self.a.as_ptr()
    }

    /// Byte offset of the second array in wasm memory.
    pub fn b_ptr(&self) -> *const f32 {
        self.b.as_ptr()
    }

    /// Per-batch entry point: dot product of `a[start..start+len]` and the
    /// same range of `b`, clamped to the arrays' bounds.
    pub fn dot_range(&self, start: usize, len: usize) -> f32 {
        let (lo, hi) = clamp_range(start, len, self.a.len());
        batching::dot(&self.a[lo..hi], &self.b[lo..hi])
    }

    /// Fills both arrays with values in [-1, 1) from a small deterministic
    /// generator, so every run of a demo computes on the same data.
    pub fn fill_pseudo_random(&mut self, seed: u32) {
        let mut state = seed.max(1);
        for x in self.a.iter_mut().chain(self.b.iter_mut()) {
            state = xorshift32(state);
            *x = (state >> 8) as f32 / (1u32 << 23) as f32 - 1.0;
        }
    }
}

/// Lesson 02's sliding window, held in wasm linear memory.
///
/// The same `Window` the lesson's cgo program keeps behind its handle: the
/// samples and per-key totals live in Rust's heap inside `memory.buffer`,
/// where the JavaScript engine's garbage collector never looks. JavaScript
/// holds one small wrapper object.
#[wasm_bindgen]
pub struct WasmWindow {
    window: gc_window::Window,
}

#[wasm_bindgen]
impl WasmWindow {
    /// An empty window that keeps the last `capacity` samples; throws for 0.
    #[wasm_bindgen(constructor)]
    pub fn new(capacity: usize) -> Result<WasmWindow, JsError> {
        gc_window::Window::new(capacity)
            .map(|window| WasmWindow { window })
            .ok_or_else(|| JsError::new("WasmWindow: the capacity must be at least 1 sample, got 0."))
    }

    /// How many samples the window keeps.
    pub fn capacity(&self) -> usize {
        self.window.capacity()
    }

    /// Adds `keys[i], values[i]` for every `i`, in order (a `BigUint64Array`
    /// and a `Uint32Array` from JavaScript, copied into wasm memory for the
    /// call). Throws, instead of trapping, when the lengths differ.
    pub fn add_batch(&mut self, keys: &[u64], values: &[u32]) -> Result<(), JsError> {
        if keys.len() != values.len() {
            return Err(JsError::new(&format!(
                "WasmWindow.add_batch: {} keys but {} values; pass one value per key.",
                keys.len(),
                values.len()
            )));
        }
        self.window.extend(keys, values);
        Ok(())
    }

    /// Totals of `key` in the window; zero when it has no samples there.
    pub fn stats(&self, key: u64) -> WindowKeyStats {
        let stats = self.window.stats(key);
        WindowKeyStats { count: stats.count, sum: stats.sum }
    }

    /// Totals of the whole window.
    pub fn summary(&self) -> WindowSummary {
        let summary = self.window.summary();
        WindowSummary { samples: summary.samples, keys: summary.keys, sum: summary.sum, evicted: summary.evicted }
    }

    /// Bytes the window has reserved in Rust's heap (an estimate from its
    /// containers' capacities), all of it inside wasm memory.
    pub fn heap_bytes(&self) -> usize {
        self.window.heap_bytes()
    }
}

/// Totals of one key, as `WasmWindow.stats` returns them (BigInts in JS).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowKeyStats {
    /// Samples of this key in the window.
    pub count: u64,
    /// Sum of their values.
    pub sum: u64,
}

/// Totals of the whole window, as `WasmWindow.summary` returns them (BigInts in JS).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowSummary {
    /// Samples in the window (at most its capacity).
    pub samples: u64,
    /// Distinct keys among them.
    pub keys: u64,
    /// Sum of their values.
    pub sum: u64,
    /// Samples that have left the window since it was created.
    pub evicted: u64,
}

/// Lesson 03's kernel on a `Float32Array` that lives in JavaScript's heap.
///
/// For a `&mut [f32]` argument the generated glue allocates room in wasm
/// memory, copies the array in, calls this function and copies the result
/// back into the JavaScript array: two copies and an allocation per call,
/// around the same kernel `WasmVector::normalize` runs with none. Returns
/// the norm the vector had.
#[wasm_bindgen]
pub fn normalize_copied(values: &mut [f32]) -> f64 {
    zero_copy::normalize(values)
}

/// A vector of `f32` that Rust allocated and owns, in wasm linear memory.
///
/// JavaScript writes and reads it through a `Float32Array` view over
/// `memory.buffer` at `ptr()`, `len()` elements long, and `normalize` runs
/// lesson 03's kernel on it in place: nothing is copied across the boundary.
/// Any call that allocates in Rust may grow the memory, which detaches the
/// old `memory.buffer` and every view made over it; make the view again after
/// such a call.
#[wasm_bindgen]
pub struct WasmVector {
    values: Vec<f32>,
}

#[wasm_bindgen]
impl WasmVector {
    /// Allocates `len` zeroed elements.
    #[wasm_bindgen(constructor)]
    pub fn new(len: usize) -> WasmVector {
        WasmVector { values: vec![0.0; len] }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when the vector holds no elements.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Byte offset of the first element in wasm memory.
    pub fn ptr(&self) -> *const f32 {
        self.values.as_ptr()
    }

    /// Scales the vector to unit length in place (lesson 03's kernel) and
    /// returns the norm it had.
    pub fn normalize(&mut self) -> f64 {
        zero_copy::normalize(&mut self.values)
    }
}

fn clamp_range(start: usize, len: usize, total: usize) -> (usize, usize) {
    let lo = start.min(total);
    (lo, lo.saturating_add(len).min(total))
}

fn xorshift32(mut x: u32) -> u32 {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_ledger_counts_accepted_batches_and_takes_back_refused_ones() {
        let mut ledger = OrderLedger::new();
        assert_eq!(ledger.add("a,2,100\nb,1,50\n"), Ok(2));
        let refused = ledger.add("c,1,100\nd,0,100\n").unwrap_err();
        assert!(refused.starts_with("line 2: "), "{refused}");
        assert_eq!((ledger.batches(), ledger.lines_accepted(), ledger.lines_counted()), (1, 2, 2));
    }

    #[test]
    fn a_panic_in_the_order_parser_leaves_the_running_count_ahead_and_its_message_kept() {
        let mut ledger = OrderLedger::new();
        ledger.add("a,2,100\n").unwrap();
        // The third line has a discount: lesson 04's parser panics on it (natively this unwinds).
        let caught =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ledger.add("b,1,1\nc,1,1\nd,1,100,10\n")));
        assert!(caught.is_err(), "the discount line should panic");
        assert_eq!((ledger.batches(), ledger.lines_accepted(), ledger.lines_counted()), (1, 1, 3));
        assert_eq!(last_panic_message(), "index out of bounds: the len is 4 but the index is 4");
    }

    #[test]
    fn dot_range_covers_the_whole_array_in_any_batch_size() {
        let mut s = Samples::new(1000);
        s.fill_pseudo_random(7);
        let whole = f64::from(s.dot_range(0, 1000));
        for batch in [1, 3, 8, 100, 999, 1000, 4096] {
            let total: f64 = (0..1000).step_by(batch).map(|i| f64::from(s.dot_range(i, batch))).sum();
            assert!((total - whole).abs() < 1e-3, "batch {batch}: {total} vs {whole}");
        }
    }

    #[test]
    fn out_of_range_requests_are_clamped_not_panics() {
        let s = Samples::new(10);
        assert_eq!(s.dot_range(20, 5), 0.0);
        assert_eq!(s.dot_range(5, usize::MAX), 0.0);
        assert_eq!(clamp_range(8, 5, 10), (8, 10));
    }

    #[test]
    fn empty_samples_are_valid() {
        let s = Samples::new(0);
        assert!(s.is_empty());
        assert_eq!(s.dot_range(0, 1), 0.0);
    }

    #[test]
    fn pseudo_random_fill_is_deterministic_and_in_range() {
        let (mut s, mut t) = (Samples::new(257), Samples::new(257));
        s.fill_pseudo_random(42);
        t.fill_pseudo_random(42);
        assert_eq!(s.a, t.a);
        assert!(s.a.iter().chain(&s.b).all(|x| (-1.0..1.0).contains(x)));
        assert!(s.a.iter().any(|x| *x != s.a[0]), "values vary");
    }

    #[test]
    fn wasm_window_keeps_the_cores_totals() {
        let mut w = WasmWindow::new(3).expect("capacity 3 is valid");
        assert_eq!(w.capacity(), 3);
        assert!(w.add_batch(&[1, 2, 1, 4], &[10, 20, 30, 40]).is_ok());
        assert_eq!(w.stats(1), WindowKeyStats { count: 1, sum: 30 });
        assert_eq!(w.stats(9), WindowKeyStats { count: 0, sum: 0 });
        assert_eq!(w.summary(), WindowSummary { samples: 3, keys: 3, sum: 90, evicted: 1 });
        assert!(w.heap_bytes() > 0);
    }

    #[test]
    fn both_ways_of_lesson_03_run_the_same_kernel_to_the_bit() {
        let input: Vec<f32> = (0..1003).map(|i| ((i * 37 % 101) as f32 - 50.0) * 0.125).collect();
        let mut copied = input.clone();
        let copied_norm = normalize_copied(&mut copied);
        let mut owned = WasmVector::new(input.len());
        assert_eq!(owned.len(), input.len());
        assert!(!owned.ptr().is_null());
        owned.values.copy_from_slice(&input);
        let owned_norm = owned.normalize();
        assert_eq!(copied_norm.to_bits(), owned_norm.to_bits());
        assert!(copied.iter().zip(&owned.values).all(|(a, b)| a.to_bits() == b.to_bits()));
        let mut core = input;
        assert_eq!(zero_copy::normalize(&mut core).to_bits(), owned_norm.to_bits());
        assert_eq!(core, owned.values);
    }

    #[test]
    fn an_empty_wasm_vector_is_valid() {
        let mut v = WasmVector::new(0);
        assert!(v.is_empty());
        assert_eq!(v.normalize(), 0.0);
    }

    #[test]
    fn per_element_export_matches_the_core() {
        assert_eq!(dot_step(1.0, 2.0, 3.0), 7.0);
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
    }
}
