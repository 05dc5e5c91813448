package main

import (
	"errors"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// newEach returns a fresh window of every variant, freed when the test ends.
func newEach(t *testing.T, capacity int) map[string]Window {
	t.Helper()
	windows := map[string]Window{}
	for _, v := range variants {
		w, err := v.new(capacity)
		if err != nil {
			t.Fatalf("%s: new(%d): %v", v.name, capacity, err)
		}
		windows[v.name] = w
		t.Cleanup(func() { _ = w.Free() })
	}
	return windows
}

func TestEveryVariantEvictsTheOldestSample(t *testing.T) {
	for name, w := range newEach(t, 3) {
		if err := w.Add([]uint64{1, 2, 3, 4}, []uint32{1, 2, 3, 4}); err != nil {
			t.Fatalf("%s: Add: %v", name, err)
		}
		if got, _ := w.Stats(1); got != (KeyStats{}) {
			t.Errorf("%s: key 1 should have left the window with its only sample, got %+v", name, got)
		}
		if got, _ := w.Summary(); got != (Summary{Samples: 3, Keys: 3, Sum: 9, Evicted: 1}) {
			t.Errorf("%s: summary %+v", name, got)
		}
		if err := w.Add([]uint64{4, 4, 4}, []uint32{10, 10, 10}); err != nil {
			t.Fatalf("%s: Add: %v", name, err)
		}
		if got, _ := w.Stats(4); got != (KeyStats{Count: 3, Sum: 30}) {
			t.Errorf("%s: key 4: %+v", name, got)
		}
		if got, _ := w.Summary(); got != (Summary{Samples: 3, Keys: 1, Sum: 30, Evicted: 4}) {
			t.Errorf("%s: summary %+v", name, got)
		}
	}
}

func TestVariantsAgreeOnTheWorkload(t *testing.T) {
	w := workload{Window: 5_000, Keys: 700, Batch: 64, Batches: 300, Seed: 7}
	want := map[uint64]KeyStats{}
	var first Summary
	for i, v := range variants {
		win, err := v.new(w.Window)
		if err != nil {
			t.Fatal(err)
		}
		reqs := newRequests(w)
		if err := fill(win, reqs); err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		if _, err := timeBatches(win, reqs); err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		sum, _ := win.Summary()
		for key := range uint64(w.Keys) {
			got, _ := win.Stats(mix(key))
			if i == 0 {
				want[key] = got
			} else if got != want[key] {
				t.Errorf("%s: key %d: %+v, go-pointers has %+v", v.name, key, got, want[key])
			}
		}
		if i == 0 {
			first = sum
		} else if sum != first {
			t.Errorf("%s: summary %+v, go-pointers has %+v", v.name, sum, first)
		}
		_ = win.Free()
	}
	if first.Samples != uint64(w.Window) || first.Evicted == 0 {
		t.Errorf("the workload should fill the window and evict: %+v", first)
	}
}

func TestMismatchedSlicesAreRefused(t *testing.T) {
	for name, w := range newEach(t, 4) {
		if err := w.Add([]uint64{1, 2}, []uint32{1}); !errors.Is(err, ErrUnpaired) {
			t.Errorf("%s: got %v, want ErrUnpaired", name, err)
		}
	}
}

func TestRustHandleMisuseIsAnError(t *testing.T) {
	if _, err := NewRustWindow(0); !errors.Is(err, ErrBadCapacity) {
		t.Errorf("capacity 0: got %v, want ErrBadCapacity", err)
	}
	var zero RustWindow // handle 0: never valid
	if _, err := zero.Summary(); !errors.Is(err, ErrBadHandle) {
		t.Errorf("zero handle: got %v, want ErrBadHandle", err)
	}
	w, err := NewRustWindow(8)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Add(nil, nil); err != nil {
		t.Errorf("an empty batch: %v", err)
	}
	if err := w.Free(); err != nil {
		t.Fatalf("first Free: %v", err)
	}
	if err := w.Free(); !errors.Is(err, ErrBadHandle) {
		t.Errorf("second Free: got %v, want ErrBadHandle", err)
	}
	if err := w.Add([]uint64{1}, []uint32{1}); !errors.Is(err, ErrBadHandle) {
		t.Errorf("Add after Free: got %v, want ErrBadHandle", err)
	}
	// A new window may reuse the freed slot; the old handle must stay dead.
	again, err := NewRustWindow(8)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Free()
	if _, err := w.Stats(1); !errors.Is(err, ErrBadHandle) {
		t.Errorf("old handle after a new window: got %v, want ErrBadHandle", err)
	}
	if _, err := again.Summary(); err != nil {
		t.Errorf("new window: %v", err)
	}
}

// heapAfterGC collects and then reads the scannable and live heap.
func heapAfterGC() (scan, live uint64) {
	runtime.GC()
	s := []metrics.Sample{{Name: mScan}, {Name: mLive}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// The lesson's central claim, read from the runtime: the pointer-rich window
// makes the collector scan every sample; the pointer-free one and the Rust
// one add (almost) nothing to scan, and the Rust one nothing to the Go heap.
func TestWhatTheCollectorSees(t *testing.T) {
	const n = 200_000
	keys, values := make([]uint64, n), make([]uint32, n)
	for i := range keys {
		keys[i], values[i] = mix(uint64(i%5000)), uint32(i)
	}
	grew := map[string][2]int64{}
	for _, v := range variants {
		scan0, live0 := heapAfterGC()
		win, err := v.new(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := win.Add(keys, values); err != nil {
			t.Fatal(err)
		}
		scan1, live1 := heapAfterGC()
		grew[v.name] = [2]int64{int64(scan1) - int64(scan0), int64(live1) - int64(live0)}
		runtime.KeepAlive(win)
		_ = win.Free()
	}
	t.Logf("scannable and live heap growth, bytes: %v", grew)
	// Each sample object is 24 bytes with two pointers: 16 of them scannable.
	if got := grew["go-pointers"][0]; got < n*16 {
		t.Errorf("go-pointers: scannable heap grew by %d bytes, want at least %d", got, n*16)
	}
	for _, name := range []string{"go-flat", "rust-handle"} {
		if got := grew[name][0]; got > 256<<10 {
			t.Errorf("%s: scannable heap grew by %d bytes, want almost nothing", name, got)
		}
	}
	if got := grew["go-flat"][1]; got < n*16 {
		t.Errorf("go-flat: live heap grew by %d bytes; its ring alone is %d", got, n*16)
	}
	if got := grew["rust-handle"][1]; got > 256<<10 {
		t.Errorf("rust-handle: live Go heap grew by %d bytes; the window should be in Rust's heap", got)
	}
}

func TestPercentileIsNearestRank(t *testing.T) {
	var times []time.Duration
	for _, x := range []time.Duration{5, 1, 4, 2, 3, 10, 9, 8, 7, 6} {
		times = append(times, x)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{10, 1}, {50, 5}, {90, 9}, {99, 10}, {100, 10}} {
		if got := percentile(times, c.p); got != c.want {
			t.Errorf("p%v = %v, want %v", c.p, got, c.want)
		}
	}
}
