package main

import "errors"

// PointerWindow is the window as Go code often first holds such state: one
// heap object per sample, linked in arrival order, and one object per key,
// found through a map of pointers. Every sample is a separate allocation
// that holds pointers, so the collector must find and scan each one on
// every cycle, for as long as it stays in the window.
type PointerWindow struct {
	capacity       int
	n              int
	oldest, newest *sample
	series         map[uint64]*series
	sum, evicted   uint64
	freed          bool
}

// sample is one sample in the window: 24 bytes, two of them pointers.
type sample struct {
	series *series // the totals this sample counts toward
	next   *sample // the next newer sample; nil for the newest
	value  uint32
}

// series holds the totals of one key.
type series struct {
	key uint64
	KeyStats
}

// errFreedGoWindow is what a Go variant returns after Free, to mirror the
// Rust handle's ErrBadHandle.
var errFreedGoWindow = errors.New("window used after Free")

// NewPointerWindow returns an empty window for the last capacity samples.
func NewPointerWindow(capacity int) (*PointerWindow, error) {
	if capacity <= 0 {
		return nil, ErrBadCapacity
	}
	return &PointerWindow{capacity: capacity, series: make(map[uint64]*series)}, nil
}

func (w *PointerWindow) Add(keys []uint64, values []uint32) error {
	if w.freed {
		return errFreedGoWindow
	}
	if len(keys) != len(values) {
		return ErrUnpaired
	}
	for i, key := range keys {
		if w.n == w.capacity {
			w.evictOldest()
		}
		s := w.series[key]
		if s == nil {
			s = &series{key: key}
			w.series[key] = s
		}
		v := values[i]
		s.Count++
		s.Sum += uint64(v)
		w.sum += uint64(v)
		node := &sample{series: s, value: v}
		if w.newest == nil {
			w.oldest = node
		} else {
			w.newest.next = node
		}
		w.newest = node
		w.n++
	}
	return nil
}

func (w *PointerWindow) evictOldest() {
	old := w.oldest
	w.oldest = old.next
	if w.oldest == nil {
		w.newest = nil
	}
	w.n--
	w.evicted++
	w.sum -= uint64(old.value)
	s := old.series
	s.Count--
	s.Sum -= uint64(old.value)
	if s.Count == 0 {
		delete(w.series, s.key)
	}
}

func (w *PointerWindow) Stats(key uint64) (KeyStats, error) {
	if w.freed {
		return KeyStats{}, errFreedGoWindow
	}
	if s := w.series[key]; s != nil {
		return s.KeyStats, nil
	}
	return KeyStats{}, nil
}

func (w *PointerWindow) Summary() (Summary, error) {
	if w.freed {
		return Summary{}, errFreedGoWindow
	}
	return Summary{Samples: uint64(w.n), Keys: uint64(len(w.series)), Sum: w.sum, Evicted: w.evicted}, nil
}

// Free drops the window's references; the collector reclaims the objects.
func (w *PointerWindow) Free() error {
	if w.freed {
		return errFreedGoWindow
	}
	*w = PointerWindow{freed: true}
	return nil
}
