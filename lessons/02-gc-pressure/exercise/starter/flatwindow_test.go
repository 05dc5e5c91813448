package main

// Task 3: FlatWindow keeps the same totals as before, and the collector
// has (almost) nothing of it to scan.

import (
	"errors"
	"testing"
)

// task: 3
func TestFlatWindowSlides(t *testing.T) {
	w, err := NewFlatWindow(3)
	if err != nil {
		t.Fatal(err)
	}
	// (1, 10) and (2, 20) leave; (1, 30), (3, 40), (1, 50) stay.
	if err := w.Add([]uint64{1, 2, 1, 3, 1}, []uint32{10, 20, 30, 40, 50}); err != nil {
		t.Fatal(err)
	}
	if s, _ := w.Summary(); s != (Summary{Samples: 3, Keys: 2, Sum: 120, Evicted: 2}) {
		t.Errorf("Summary = %+v, want {3 2 120 2}", s)
	}
	for key, want := range map[uint64]KeyStats{1: {2, 80}, 2: {}, 3: {1, 40}} {
		if got, _ := w.Stats(key); got != want {
			t.Errorf("Stats(%d) = %+v, want %+v", key, got, want)
		}
	}
	if err := w.Add([]uint64{1}, nil); !errors.Is(err, ErrUnpaired) {
		t.Errorf("Add with unpaired slices: got %v, want ErrUnpaired", err)
	}
	if _, err := NewFlatWindow(0); !errors.Is(err, ErrBadCapacity) {
		t.Errorf("NewFlatWindow(0): got %v, want ErrBadCapacity", err)
	}
}

// task: 3
// Totals recomputed from the last samples after every batch of a long run.
func TestFlatWindowMatchesRecomputedTotals(t *testing.T) {
	const capacity, keys = 500, 23
	w, _ := NewFlatWindow(capacity)
	var allKeys []uint64
	var allValues []uint32
	state := uint64(7)
	for batch := range 40 {
		n := 1 + batch*7%90
		k, v := make([]uint64, n), make([]uint32, n)
		for i := range n {
			state = state*6364136223846793005 + 1442695040888963407
			k[i], v[i] = (state>>33)%keys, uint32(state>>50)
		}
		if err := w.Add(k, v); err != nil {
			t.Fatal(err)
		}
		allKeys, allValues = append(allKeys, k...), append(allValues, v...)
		from := max(0, len(allKeys)-capacity)
		want := Summary{Samples: uint64(len(allKeys) - from), Evicted: uint64(from)}
		for key := range uint64(keys) {
			var ks KeyStats
			for i := from; i < len(allKeys); i++ {
				if allKeys[i] == key {
					ks.Count++
					ks.Sum += uint64(allValues[i])
				}
			}
			if got, _ := w.Stats(key); got != ks {
				t.Fatalf("after batch %d: Stats(%d) = %+v, want %+v", batch, key, got, ks)
			}
			if ks.Count > 0 {
				want.Keys++
			}
			want.Sum += ks.Sum
		}
		if got, _ := w.Summary(); got != want {
			t.Fatalf("after batch %d: Summary = %+v, want %+v", batch, got, want)
		}
	}
}

// task: 3
// The budget: a full window of 200,000 samples may add at most 64 KiB of
// scannable heap and 1,000 heap objects, read from runtime/metrics after a
// full collection.
func TestFlatWindowGivesTheCollectorLittleToScan(t *testing.T) {
	const capacity, keys = 200_000, 1_000
	const scanBudget, objectBudget = 64 << 10, 1_000
	scan0, objects0 := heapAfterGC()
	w, err := NewFlatWindow(capacity)
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(w, 2*capacity, keys); err != nil { // twice over: eviction runs too
		t.Fatal(err)
	}
	scan1, objects1 := heapAfterGC()
	if s, _ := w.Summary(); s.Samples != capacity || s.Keys != keys {
		t.Fatalf("Summary = %+v, want a full window (%d samples) over %d keys", s, capacity, keys)
	}
	scan, objects := int64(scan1)-int64(scan0), int64(objects1)-int64(objects0)
	t.Logf("a full window of %d samples: scannable heap %+d bytes, heap objects %+d", capacity, scan, objects)
	if scan > scanBudget {
		t.Errorf("scannable heap grew by %d bytes (%.1f per sample), budget %d: some of the window's memory holds pointers", scan, float64(scan)/capacity, scanBudget)
	}
	if objects > objectBudget {
		t.Errorf("heap objects grew by %d, budget %d: the window allocates per sample or per key", objects, objectBudget)
	}
}
