package main

// Task 3: a Go window that gives the collector nothing to trace per sample.
//
// Every sample lives in one ring of plain values, and the totals in a map
// whose keys and values hold no pointers. The ring is one allocation made
// when the window is created, and the collector skips memory without
// pointers, so a million samples cost a cycle no more marking work than
// ten do.

// sample is a value in the ring: no pointers.
type sample struct {
	key   uint64
	value uint32
}

// FlatWindow is the window in Go's heap, pointer-free.
type FlatWindow struct {
	ring    []sample // len == capacity; ring[start] is the oldest sample
	start   int
	n       int // samples in the window
	keys    map[uint64]KeyStats
	sum     uint64
	evicted uint64
	freed   bool
}

// NewFlatWindow returns an empty window for the last capacity samples.
func NewFlatWindow(capacity int) (*FlatWindow, error) {
	if capacity <= 0 {
		return nil, ErrBadCapacity
	}
	return &FlatWindow{ring: make([]sample, capacity), keys: make(map[uint64]KeyStats)}, nil
}

func (w *FlatWindow) Add(keys []uint64, values []uint32) error {
	if w.freed {
		return ErrFreed
	}
	if len(keys) != len(values) {
		return ErrUnpaired
	}
	for i, key := range keys {
		w.push(sample{key, values[i]})
	}
	return nil
}

func (w *FlatWindow) push(s sample) {
	end := (w.start + w.n) % len(w.ring)
	if w.n == len(w.ring) {
		w.evict(w.ring[w.start])
		w.start = (w.start + 1) % len(w.ring)
		w.n--
	}
	w.ring[end] = s
	w.n++
	stats := w.keys[s.key]
	stats.Count++
	stats.Sum += uint64(s.value)
	w.keys[s.key] = stats
	w.sum += uint64(s.value)
}

func (w *FlatWindow) evict(old sample) {
	w.sum -= uint64(old.value)
	w.evicted++
	stats := w.keys[old.key]
	if stats.Count <= 1 {
		delete(w.keys, old.key)
		return
	}
	stats.Count--
	stats.Sum -= uint64(old.value)
	w.keys[old.key] = stats
}

func (w *FlatWindow) Stats(key uint64) (KeyStats, error) {
	if w.freed {
		return KeyStats{}, ErrFreed
	}
	return w.keys[key], nil
}

func (w *FlatWindow) Summary() (Summary, error) {
	if w.freed {
		return Summary{}, ErrFreed
	}
	return Summary{Samples: uint64(w.n), Keys: uint64(len(w.keys)), Sum: w.sum, Evicted: w.evicted}, nil
}

// Free drops the window's memory for the collector to reclaim.
func (w *FlatWindow) Free() error {
	if w.freed {
		return ErrFreed
	}
	*w = FlatWindow{freed: true}
	return nil
}
