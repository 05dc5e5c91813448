package main

// The Go side of the boundary: the Rust functions' declarations and a
// wrapper that holds a window's handle. Nothing else in the program uses
// package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lgcpressure -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// Same layouts as GcpStats and GcpSummary in rust/src/lib.rs (#[repr(C)]).
typedef struct { uint64_t count; uint64_t sum; } gcp_stats;
typedef struct {
	uint64_t samples;
	uint64_t keys;
	uint64_t sum;
	uint64_t evicted;
	uint64_t rust_bytes;
} gcp_summary;

int32_t gcp_window_new(size_t capacity, uint64_t *out);
int32_t gcp_window_free(uint64_t handle);
int32_t gcp_window_add(uint64_t handle, const uint64_t *keys, const uint32_t *values, size_t len);
int32_t gcp_window_stats(uint64_t handle, uint64_t key, gcp_stats *out);
int32_t gcp_window_summary(uint64_t handle, gcp_summary *out);
*/
import "C"

import (
	"errors"
	"fmt"
)

// Errors the Rust side reports, one per GCP_* status code in rust/src/lib.rs.
var (
	ErrNullPointer = errors.New("null pointer passed to Rust")
	ErrBadHandle   = errors.New("no such window: the handle is 0, unknown, or already freed")
	ErrBadCapacity = errors.New("a window needs a capacity of at least 1")
	ErrPanicked    = errors.New("Rust panicked (caught at the boundary); free this window")
)

var statusErrors = [...]error{1: ErrNullPointer, 2: ErrBadHandle, 3: ErrBadCapacity, 4: ErrPanicked}

func statusError(status C.int32_t) error {
	if status == 0 {
		return nil
	}
	if int(status) < len(statusErrors) && statusErrors[status] != nil {
		return statusErrors[status]
	}
	return fmt.Errorf("unknown status %d from Rust", int32(status))
}

// RustWindow holds a window that lives in Rust's heap. Go keeps only its
// handle, a uint64: to Go's collector the whole window is one integer field.
type RustWindow struct {
	handle C.uint64_t
}

// NewRustWindow creates a window in Rust. Call Free when done: Go's
// collector cannot free memory it does not know about.
func NewRustWindow(capacity int) (*RustWindow, error) {
	if capacity <= 0 {
		return nil, ErrBadCapacity
	}
	var handle C.uint64_t
	if err := statusError(C.gcp_window_new(C.size_t(capacity), &handle)); err != nil {
		return nil, err
	}
	return &RustWindow{handle: handle}, nil
}

// Add passes the two slices to Rust without copying them. cgo's rules allow
// it: the memory holds no Go pointers, and Rust reads it only during the
// call.
func (w *RustWindow) Add(keys []uint64, values []uint32) error {
	if len(keys) != len(values) {
		return ErrUnpaired
	}
	if len(keys) == 0 {
		return statusError(C.gcp_window_add(w.handle, nil, nil, 0))
	}
	return statusError(C.gcp_window_add(w.handle, (*C.uint64_t)(&keys[0]), (*C.uint32_t)(&values[0]), C.size_t(len(keys))))
}

func (w *RustWindow) Stats(key uint64) (KeyStats, error) {
	var out C.gcp_stats
	if err := statusError(C.gcp_window_stats(w.handle, C.uint64_t(key), &out)); err != nil {
		return KeyStats{}, err
	}
	return KeyStats{Count: uint64(out.count), Sum: uint64(out.sum)}, nil
}

func (w *RustWindow) Summary() (Summary, error) {
	s, err := w.summary()
	return Summary{Samples: uint64(s.samples), Keys: uint64(s.keys), Sum: uint64(s.sum), Evicted: uint64(s.evicted)}, err
}

// RustBytes is the heap memory the window holds in Rust: memory that Go's
// heap profile, its heap goal and GOMEMLIMIT do not count.
func (w *RustWindow) RustBytes() (uint64, error) {
	s, err := w.summary()
	return uint64(s.rust_bytes), err
}

func (w *RustWindow) summary() (C.gcp_summary, error) {
	var out C.gcp_summary
	err := statusError(C.gcp_window_summary(w.handle, &out))
	return out, err
}

// Free releases the window's memory in Rust. A second Free, or any use
// afterwards, returns ErrBadHandle: the handle names nothing any more.
func (w *RustWindow) Free() error {
	return statusError(C.gcp_window_free(w.handle))
}
