package main

// Task 2, driven from Go through cgo: a handle names one window for as
// long as it lives and nothing afterwards, whatever order windows are
// created and freed in.

import (
	"errors"
	"math/rand/v2"
	"testing"
)

func newRust(t *testing.T, capacity int) *RustWindow {
	t.Helper()
	w, err := NewRustWindow(capacity)
	if err != nil {
		t.Fatalf("NewRustWindow(%d): %v", capacity, err)
	}
	return w
}

// task: 2
// The zero value of RustWindow holds handle 0, which names nothing.
func TestTheZeroHandleNamesNoWindow(t *testing.T) {
	live := newRust(t, 4) // a window exists, so slot 0 of the table is taken
	var zero RustWindow
	if _, err := zero.Summary(); !errors.Is(err, ErrBadHandle) {
		t.Errorf("Summary on handle 0: got %v, want ErrBadHandle", err)
	}
	if err := zero.Free(); !errors.Is(err, ErrBadHandle) {
		t.Errorf("Free on handle 0: got %v, want ErrBadHandle", err)
	}
	if _, err := live.Summary(); err != nil {
		t.Errorf("the live window after the calls on handle 0: %v", err)
	}
}

// task: 2
func TestFreeingTwiceIsAnError(t *testing.T) {
	w := newRust(t, 4)
	if err := w.Free(); err != nil {
		t.Fatalf("first Free: %v", err)
	}
	if err := w.Free(); !errors.Is(err, ErrBadHandle) {
		t.Errorf("second Free: got %v, want ErrBadHandle", err)
	}
	if err := w.Add([]uint64{1}, []uint32{1}); !errors.Is(err, ErrBadHandle) {
		t.Errorf("Add after Free: got %v, want ErrBadHandle", err)
	}
}

// task: 2
// A freed handle stays dead when the table reuses its slot: it must not
// name the window created after it.
func TestAFreedHandleDoesNotReachTheNextWindow(t *testing.T) {
	old := newRust(t, 4)
	if err := old.Free(); err != nil {
		t.Fatalf("Free: %v", err)
	}
	next := newRust(t, 4)
	if err := next.Add([]uint64{7}, []uint32{70}); err != nil {
		t.Fatalf("Add to the new window: %v", err)
	}
	if old.handle == next.handle {
		t.Errorf("the new window got handle %#x, the same number as the freed one", uint64(next.handle))
	}
	if s, err := old.Stats(7); !errors.Is(err, ErrBadHandle) {
		t.Errorf("Stats through the freed handle: got %+v, %v; want ErrBadHandle", s, err)
	}
	if err := old.Free(); !errors.Is(err, ErrBadHandle) {
		t.Errorf("Free through the freed handle: got %v, want ErrBadHandle", err)
	}
	if s, err := next.Stats(7); err != nil || s != (KeyStats{Count: 1, Sum: 70}) {
		t.Errorf("the new window after the calls through the old handle: got %+v, %v; want {1 70}", s, err)
	}
}

// task: 2
// Thousands of creates and frees in a random order: every live window
// keeps its own samples, and every freed handle stays dead.
func TestRandomCreateFreeSequences(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	type entry struct {
		w   *RustWindow
		key uint64
	}
	var live, dead []entry
	seen := map[uint64]bool{}
	for step := range 3000 {
		switch op := rng.IntN(10); {
		case op < 5 || len(live) == 0: // create, and mark it with its own key
			e := entry{newRust(t, 8), uint64(step)}
			if seen[uint64(e.w.handle)] {
				t.Fatalf("step %d: handle %#x was handed out before", step, uint64(e.w.handle))
			}
			seen[uint64(e.w.handle)] = true
			if err := e.w.Add([]uint64{e.key}, []uint32{uint32(step)}); err != nil {
				t.Fatalf("step %d: Add: %v", step, err)
			}
			live = append(live, e)
		case op < 8: // free one
			i := rng.IntN(len(live))
			if err := live[i].w.Free(); err != nil {
				t.Fatalf("step %d: Free of a live window: %v", step, err)
			}
			dead = append(dead, live[i])
			live = append(live[:i], live[i+1:]...)
		default: // use a dead one
			if len(dead) == 0 {
				continue
			}
			e := dead[rng.IntN(len(dead))]
			if _, err := e.w.Summary(); !errors.Is(err, ErrBadHandle) {
				t.Fatalf("step %d: Summary through freed handle %#x: got %v, want ErrBadHandle", step, uint64(e.w.handle), err)
			}
		}
	}
	for _, e := range live {
		s, err := e.w.Stats(e.key)
		if err != nil || s.Count != 1 || s.Sum != e.key {
			t.Errorf("window %#x: Stats(%d) = %+v, %v; want its own sample {1 %d}", uint64(e.w.handle), e.key, s, err, e.key)
		}
		if sum, err := e.w.Summary(); err != nil || sum.Samples != 1 {
			t.Errorf("window %#x: Summary = %+v, %v; want its one sample", uint64(e.w.handle), sum, err)
		}
	}
	t.Logf("%d windows still live, %d freed", len(live), len(dead))
}
