package main

// Task 3, the Go side: the histogram is read in Rust's memory and given
// back, every time, exactly once.

import (
	"errors"
	"slices"
	"testing"
	"unsafe"
)

// task: 3
func TestHistogramIsReadInRustMemory(t *testing.T) {
	counts, err := Histogram([]float32{0.5, 1.5, 1.6, 3.9, -7, 99}, 0, 4, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer counts.Free()
	view := counts.View()
	if want := []uint64{2, 2, 0, 2}; !slices.Equal(view, want) {
		t.Fatalf("View() = %v, want %v", view, want)
	}
	if got, want := uintptr(unsafe.Pointer(unsafe.SliceData(view))), uintptr(unsafe.Pointer(counts.c.ptr)); got != want {
		t.Errorf("View() is at %#x, Rust's buffer at %#x: View must read Rust's memory, not a copy", got, want)
	}
}

// task: 3
func TestFreeGivesEveryBufferBack(t *testing.T) {
	before := liveCounts()
	src := ramp(4096)
	for range 1000 {
		counts, err := Histogram(src, -9, 9, 16)
		if err != nil {
			t.Fatal(err)
		}
		var total uint64
		for _, c := range counts.View() {
			total += c
		}
		if total != uint64(len(src)) {
			t.Fatalf("the counts add up to %d, want %d", total, len(src))
		}
		counts.Free()
	}
	if leaked := liveCounts() - before; leaked != 0 {
		t.Errorf("%d of 1000 Rust buffers were not given back: Free must hand each one to zc_counts_free", leaked)
	}
}

// task: 3
func TestFreeTwiceAndViewAfterFreeAreSafe(t *testing.T) {
	before := liveCounts()
	counts, err := Histogram(ramp(10), -9, 9, 3)
	if err != nil {
		t.Fatal(err)
	}
	counts.Free()
	counts.Free()
	if v := counts.View(); v != nil {
		t.Errorf("View() after Free = %v, want nil: the memory is Rust's again", v)
	}
	if got := liveCounts() - before; got != 0 {
		t.Errorf("%d buffers live after Free, Free: want 0", got)
	}
	if _, err := Histogram(ramp(10), 0, 1, 0); !errors.Is(err, ErrNoBins) {
		t.Errorf("0 bins: got %v, want ErrNoBins", err)
	}
}
