package main

// The two windows of this exercise, one in Go (flatwindow.go, Task 3) and
// one in Rust behind a handle (rustwindow.go, Tasks 1 and 2), answer the
// same questions and must agree to the last microsecond.

import "errors"

// KeyStats are the totals of one key over the samples in a window.
type KeyStats struct {
	Count uint64 // samples of this key in the window
	Sum   uint64 // sum of their values
}

// Summary are the totals of a whole window.
type Summary struct {
	Samples uint64 // samples in the window: at most its capacity
	Keys    uint64 // distinct keys among them
	Sum     uint64 // sum of their values
	Evicted uint64 // samples that have left the window
}

// Window keeps the last `capacity` samples (key, value) in arrival order,
// with totals per key. At a full window, a new sample evicts the oldest.
type Window interface {
	// Add appends (keys[i], values[i]) for each i, in order.
	Add(keys []uint64, values []uint32) error
	// Stats returns the totals of one key: zero if it has no samples.
	Stats(key uint64) (KeyStats, error)
	// Summary returns the totals of the whole window.
	Summary() (Summary, error)
	// Free releases the window. Using it afterwards is an error.
	Free() error
}

var (
	// ErrUnpaired is returned by Add when keys and values differ in length.
	ErrUnpaired = errors.New("keys and values have different lengths")
	// ErrBadCapacity is returned for a window of capacity below 1.
	ErrBadCapacity = errors.New("a window needs a capacity of at least 1")
	// ErrFreed is returned by a Go window used after Free.
	ErrFreed = errors.New("the window has been freed")
)
