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
	size    int
	maxWait time.Duration
	flush   func([]T)
	items   chan T
	done    chan struct{}
}

// NewBatcher returns a running Batcher. It panics if size < 1 or maxWait <= 0.
func NewBatcher[T any](size int, maxWait time.Duration, flush func([]T)) *Batcher[T] {
	if size < 1 || maxWait <= 0 {
		panic("NewBatcher: size must be at least 1 and maxWait positive")
	}
	b := &Batcher[T]{
		size:    size,
		maxWait: maxWait,
		flush:   flush,
		items:   make(chan T),
		done:    make(chan struct{}),
	}
	go b.run()
	return b
}

// Add puts item into the current batch.
func (b *Batcher[T]) Add(item T) {
	b.items <- item
}

// Close flushes the items not yet flushed and returns when every flush
// call has returned.
func (b *Batcher[T]) Close() {
	close(b.items)
	<-b.done
}

// run owns the batch: only this goroutine touches it and calls flush.
func (b *Batcher[T]) run() {
	defer close(b.done)
	batch := make([]T, 0, b.size)
	// The timer runs only while the batch holds items, from the moment its
	// first (oldest) item arrived. With go 1.23 or later in go.mod, Stop and
	// Reset leave no stale tick in timer.C.
	timer := time.NewTimer(b.maxWait)
	timer.Stop()
	var expired <-chan time.Time // nil while the batch is empty: never ready
	send := func() {
		timer.Stop()
		expired = nil
		b.flush(batch)
		batch = batch[:0]
	}
	for {
		select {
		case item, open := <-b.items:
			if !open {
				if len(batch) > 0 {
					send()
				}
				return
			}
			batch = append(batch, item)
			if len(batch) == 1 {
				timer.Reset(b.maxWait)
				expired = timer.C
			}
			if len(batch) == b.size {
				send()
			}
		case <-expired:
			send()
		}
	}
}
