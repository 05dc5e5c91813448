package main

// Task 3: a batcher that collects items one by one and hands them on in
// batches, so that a service pays one crossing per batch. The tests are in
// batcher_test.go.

import "time"

// Batcher collects items and calls flush with a batch when the batch holds
// size items, or when its oldest item has waited maxWait, whichever comes
// first. Close flushes what is left.
//
// flush is called from one goroutine at a time, with batches in the order
// the items were added, never with an empty batch. It must not keep the
// slice after it returns: the Batcher may reuse it for the next batch (the
// same rule cgo sets for memory passed to C).
//
// Add may be called from many goroutines. It may wait while a flush runs, so
// a slow consumer slows its producers down instead of letting batches pile
// up in memory. Add must not be called after Close.
type Batcher[T any] struct {
	// Task 3: the fields you need. One way: a channel of items and a
	// goroutine that owns the batch, a timer, and calls flush.
	size    int
	maxWait time.Duration
	flush   func([]T)
}

// NewBatcher returns a running Batcher. It panics if size < 1 or maxWait <= 0.
func NewBatcher[T any](size int, maxWait time.Duration, flush func([]T)) *Batcher[T] {
	if size < 1 || maxWait <= 0 {
		panic("NewBatcher: size must be at least 1 and maxWait positive")
	}
	// Task 3: start whatever runs the batches.
	return &Batcher[T]{size: size, maxWait: maxWait, flush: flush}
}

// Add puts item into the current batch.
func (b *Batcher[T]) Add(item T) {
	// Task 3: add the item to the batch. A full batch is flushed at once;
	// the first item of a batch starts its maxWait.
}

// Close flushes the items not yet flushed and returns when every flush
// call has returned.
func (b *Batcher[T]) Close() {
	// Task 3: flush what is left (never an empty batch), then return.
}
