package main

// FlatWindow holds the same state without a single pointer in it: samples
// are values in one ring buffer, and the map's keys and values are plain
// integers. The collector still counts these bytes toward the heap goal, but
// an object with no pointers is marked without being scanned: the ring is
// one object, not a million, and the map's storage is pointer-free too.
type FlatWindow struct {
	ring         []flatSample // ring[head] is the oldest sample once full
	head, n      int
	keys         map[uint64]KeyStats
	sum, evicted uint64
	freed        bool
}

type flatSample struct {
	key   uint64
	value uint32
}

// NewFlatWindow returns an empty window for the last capacity samples; the
// ring is allocated once, up front.
func NewFlatWindow(capacity int) (*FlatWindow, error) {
	if capacity <= 0 {
		return nil, ErrBadCapacity
	}
	return &FlatWindow{ring: make([]flatSample, capacity), keys: make(map[uint64]KeyStats)}, nil
}

func (w *FlatWindow) Add(keys []uint64, values []uint32) error {
	if w.freed {
		return errFreedGoWindow
	}
	if len(keys) != len(values) {
		return ErrUnpaired
	}
	for i, key := range keys {
		v := values[i]
		slot := w.head + w.n
		if w.n == len(w.ring) {
			w.evict(w.ring[w.head])
			slot = w.head
			w.head = (w.head + 1) % len(w.ring)
		} else {
			w.n++
			slot %= len(w.ring)
		}
		w.ring[slot] = flatSample{key: key, value: v}
		s := w.keys[key]
		s.Count++
		s.Sum += uint64(v)
		w.keys[key] = s
		w.sum += uint64(v)
	}
	return nil
}

func (w *FlatWindow) evict(old flatSample) {
	w.evicted++
	w.sum -= uint64(old.value)
	s := w.keys[old.key]
	s.Count--
	s.Sum -= uint64(old.value)
	if s.Count == 0 {
		delete(w.keys, old.key)
	} else {
		w.keys[old.key] = s
	}
}

func (w *FlatWindow) Stats(key uint64) (KeyStats, error) {
	if w.freed {
		return KeyStats{}, errFreedGoWindow
	}
	return w.keys[key], nil
}

func (w *FlatWindow) Summary() (Summary, error) {
	if w.freed {
		return Summary{}, errFreedGoWindow
	}
	return Summary{Samples: uint64(w.n), Keys: uint64(len(w.keys)), Sum: w.sum, Evicted: w.evicted}, nil
}

func (w *FlatWindow) Free() error {
	if w.freed {
		return errFreedGoWindow
	}
	*w = FlatWindow{freed: true}
	return nil
}
