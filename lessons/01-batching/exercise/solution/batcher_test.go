package main

// Tests of the Batcher. Every wait has a deadline, so a Batcher that never
// flushes fails with a message instead of hanging. The deadlines are far
// longer than a correct Batcher needs, so a busy machine does not fail it.

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// patience is how long a test waits for something that should happen at once.
const patience = 2 * time.Second

// flushed records the batches a Batcher flushes, as copies (flush must not
// keep the slice it is given), with the time each arrived.
type flushed struct {
	batches chan []int
	at      chan time.Time
}

func newFlushed() *flushed {
	return &flushed{batches: make(chan []int, 1000), at: make(chan time.Time, 1000)}
}

func (f *flushed) flush(batch []int) {
	f.at <- time.Now()
	f.batches <- slices.Clone(batch)
}

// next waits up to d for the next batch.
func (f *flushed) next(t *testing.T, d time.Duration, what string) ([]int, time.Time) {
	t.Helper()
	select {
	case batch := <-f.batches:
		return batch, <-f.at
	case <-time.After(d):
		t.Fatalf("no batch within %v: %s", d, what)
		return nil, time.Time{}
	}
}

// none checks that no batch arrives within d.
func (f *flushed) none(t *testing.T, d time.Duration, why string) {
	t.Helper()
	select {
	case batch := <-f.batches:
		t.Fatalf("unexpected batch %v: %s", batch, why)
	case <-time.After(d):
	}
}

// within runs fn and fails the test if it has not returned after d.
func within(t *testing.T, d time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v", what, d)
	}
}

// task: 3
// A batch is flushed as soon as it holds `size` items, without waiting.
func TestFlushWhenFull(t *testing.T) {
	f := newFlushed()
	b := NewBatcher(3, time.Hour, f.flush)
	within(t, patience, "Add", func() {
		for i := range 7 {
			b.Add(i)
		}
	})
	for _, want := range [][]int{{0, 1, 2}, {3, 4, 5}} {
		got, _ := f.next(t, patience, fmt.Sprintf("after 7 Adds with size 3, batch %v should be flushed", want))
		if !slices.Equal(got, want) {
			t.Fatalf("flushed %v; want %v", got, want)
		}
	}
	f.none(t, 100*time.Millisecond, "item 6 is alone in its batch and maxWait is an hour")
	within(t, patience, "Close", b.Close)
}

// task: 3
// A batch that does not fill up is flushed once its oldest item has waited
// maxWait, not before.
func TestFlushAfterMaxWait(t *testing.T) {
	const maxWait = 100 * time.Millisecond
	f := newFlushed()
	b := NewBatcher(1000, maxWait, f.flush)
	defer within(t, patience, "Close", b.Close)
	for round := range 2 {
		start := time.Now()
		within(t, patience, "Add", func() {
			b.Add(round*10 + 1)
			b.Add(round*10 + 2)
		})
		got, at := f.next(t, patience, fmt.Sprintf("round %d: 2 items waited, size 1000, maxWait %v", round+1, maxWait))
		if want := []int{round*10 + 1, round*10 + 2}; !slices.Equal(got, want) {
			t.Fatalf("round %d: flushed %v; want %v", round+1, got, want)
		}
		if waited := at.Sub(start); waited < maxWait {
			t.Fatalf("round %d: flushed %v after %v; the oldest item should wait maxWait (%v) first", round+1, got, waited, maxWait)
		}
	}
}

// task: 3
// maxWait counts from the oldest item of the batch: items that keep coming
// do not postpone the flush, and a full batch's timer does not flush the
// next batch early.
func TestMaxWaitCountsFromTheOldestItem(t *testing.T) {
	const maxWait = 200 * time.Millisecond
	f := newFlushed()
	b := NewBatcher(1000, maxWait, f.flush)
	start := time.Now()
	b.Add(0)
	// One item every 25 ms; the first batch is due about 200 ms after item 0.
	ticker := time.NewTicker(25 * time.Millisecond)
	defer ticker.Stop()
	deadline := time.After(patience)
	for i := 1; ; i++ {
		select {
		case <-ticker.C:
			within(t, patience, "Add", func() { b.Add(i) })
			continue
		case <-deadline:
			t.Fatalf("no batch %v after the first item, although items kept coming; does each Add restart the wait? maxWait (%v) counts from the oldest item", patience, maxWait)
		case first := <-f.batches:
			at := <-f.at
			if len(first) == 0 || first[0] != 0 {
				t.Fatalf("first batch %v; want it to start with item 0", first)
			}
			if waited := at.Sub(start); waited < maxWait {
				t.Fatalf("first batch after %v; the oldest item should wait maxWait (%v) first", waited, maxWait)
			}
		}
		break
	}
	within(t, patience, "Close", b.Close)

	// Size 2: a full batch goes at once; the item after it starts a new wait.
	g := newFlushed()
	c := NewBatcher(2, maxWait, g.flush)
	defer within(t, patience, "Close", c.Close)
	c.Add(1)
	c.Add(2)
	if got, _ := g.next(t, patience, "2 items with size 2"); !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("flushed %v; want [1 2]", got)
	}
	time.Sleep(maxWait * 3 / 4)
	added := time.Now()
	c.Add(3)
	got, at := g.next(t, patience, "item 3 waited maxWait")
	if !slices.Equal(got, []int{3}) {
		t.Fatalf("flushed %v; want [3]", got)
	}
	if waited := at.Sub(added); waited < maxWait {
		t.Fatalf("[3] flushed after %v, before maxWait (%v); did the timer of the full batch [1 2] keep running?", waited, maxWait)
	}
}

// task: 3
// Close flushes the items not yet flushed, and returns after that flush.
// A Batcher with nothing left flushes nothing: never an empty batch.
func TestCloseFlushesTheRest(t *testing.T) {
	f := newFlushed()
	b := NewBatcher(10, time.Hour, f.flush)
	within(t, patience, "Add", func() {
		for i := range 3 {
			b.Add(i)
		}
	})
	within(t, patience, "Close", b.Close)
	select {
	case got := <-f.batches:
		if !slices.Equal(got, []int{0, 1, 2}) {
			t.Fatalf("Close flushed %v; want [0 1 2]", got)
		}
	default:
		t.Fatalf("Close returned, but [0 1 2] was not flushed before it did")
	}

	e := newFlushed()
	empty := NewBatcher(10, time.Hour, e.flush)
	within(t, patience, "Close", empty.Close)
	within(t, patience, "Add and Close", func() {
		full := NewBatcher(2, time.Hour, e.flush)
		full.Add(1)
		full.Add(2)
		full.Close()
	})
	if got, _ := e.next(t, patience, "a full batch [1 2]"); !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("flushed %v; want [1 2]", got)
	}
	e.none(t, 50*time.Millisecond, "Close has nothing left to flush; flush must never get an empty batch")
}

// task: 3
// Many goroutines add at once: every item is flushed exactly once, batches
// never exceed `size`, each goroutine's items keep their order, and flush
// never runs twice at the same time.
func TestBatchesKeepOrderAndNeverExceedSize(t *testing.T) {
	const producers, perProducer, size = 4, 250, 16
	var (
		mu      sync.Mutex
		batches [][]int
		running atomic.Int32
		overlap atomic.Bool
	)
	b := NewBatcher(size, 5*time.Millisecond, func(batch []int) {
		if running.Add(1) > 1 {
			overlap.Store(true)
		}
		defer running.Add(-1)
		mu.Lock()
		batches = append(batches, slices.Clone(batch))
		mu.Unlock()
	})
	within(t, 4*patience, "the producers' Adds and Close", func() {
		var wg sync.WaitGroup
		for p := range producers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range perProducer {
					b.Add(p*1000 + i)
					if i%50 == 0 {
						time.Sleep(time.Millisecond) // let the timer fire now and then
					}
				}
			}()
		}
		wg.Wait()
		b.Close()
	})
	if overlap.Load() {
		t.Errorf("flush ran in two goroutines at the same time")
	}
	mu.Lock()
	defer mu.Unlock()
	next := make([]int, producers) // next item expected from each producer
	count := 0
	for _, batch := range batches {
		if len(batch) == 0 || len(batch) > size {
			t.Fatalf("a batch of %d items; want 1 to %d", len(batch), size)
		}
		for _, item := range batch {
			p, i := item/1000, item%1000
			if p < 0 || p >= producers || i != next[p] {
				t.Fatalf("item %d flushed out of order or twice; producer %d's next item should be %d", item, p, next[min(max(p, 0), producers-1)])
			}
			next[p]++
			count++
		}
	}
	if count != producers*perProducer {
		t.Fatalf("%d items flushed; want %d", count, producers*perProducer)
	}
}
