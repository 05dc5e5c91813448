package main

// One interface, three ways to hold the same state. The driver feeds every
// variant the same samples and compares what the Go runtime reports.

import "errors"

// KeyStats are the totals of one key over the samples in a window.
type KeyStats struct {
	Count uint64 // samples of this key in the window
	Sum   uint64 // sum of their values
}

// Summary are the totals of a whole window.
type Summary struct {
	Samples uint64 // samples in the window (at most its capacity)
	Keys    uint64 // distinct keys among them
	Sum     uint64 // sum of their values
	Evicted uint64 // samples that have left the window
}

// Window keeps the last `capacity` samples (key, value) in arrival order,
// with running totals per key. When it is full, a new sample evicts the
// oldest one. Values are integers (say, microseconds), so every variant
// computes exactly the same totals.
type Window interface {
	// Add appends keys[i], values[i] for each i, in order.
	Add(keys []uint64, values []uint32) error
	// Stats returns the totals of one key; zero if it has no samples.
	Stats(key uint64) (KeyStats, error)
	// Summary returns the totals of the whole window.
	Summary() (Summary, error)
	// Free releases the window. Using it afterwards is an error.
	Free() error
}

// ErrUnpaired is returned by Add when keys and values differ in length.
var ErrUnpaired = errors.New("keys and values have different lengths")

// variant is one way of holding the window, as the driver names it.
type variant struct {
	name  string
	state string // how the state is held, for the table's legend
	new   func(capacity int) (Window, error)
}

var variants = []variant{
	{"go-pointers", "a linked list of *sample and a map[uint64]*series, in Go's heap", func(c int) (Window, error) { return NewPointerWindow(c) }},
	{"go-flat", "a ring []sample and a map[uint64]KeyStats, no pointers, in Go's heap", func(c int) (Window, error) { return NewFlatWindow(c) }},
	{"rust-handle", "a VecDeque and a HashMap in Rust, held by Go as a handle", func(c int) (Window, error) { return NewRustWindow(c) }},
}

func findVariant(name string) (variant, bool) {
	for _, v := range variants {
		if v.name == name {
			return v, true
		}
	}
	return variant{}, false
}
