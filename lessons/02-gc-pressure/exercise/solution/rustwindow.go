package main

// The Go side of the boundary: the declarations of rust/src/lib.rs and a
// wrapper that holds a window's handle. Nothing else here uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lgcwindow -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// Same layouts as GcpStats and GcpSummary in rust/src/lib.rs (#[repr(C)]).
typedef struct { uint64_t count; uint64_t sum; } gcp_stats;
typedef struct { uint64_t samples; uint64_t keys; uint64_t sum; uint64_t evicted; } gcp_summary;

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

// Errors the Rust side reports, one per GCP_* status in rust/src/lib.rs
// (GCP_BAD_CAPACITY is ErrBadCapacity, in window.go).
var (
	ErrNullPointer = errors.New("null pointer passed to Rust")
	ErrBadHandle   = errors.New("no such window: the handle is 0, unknown, or already freed")
	ErrPanicked    = errors.New("Rust panicked (caught at the boundary); the window was dropped")
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

// RustWindow holds a window that lives in Rust's heap. Go keeps its handle,
// one integer: the collector has nothing of the window to scan.
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

// Add passes both slices to Rust without copying: they hold no Go
// pointers, and Rust reads them only during the call, as cgo's rules ask.
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
	var out C.gcp_summary
	if err := statusError(C.gcp_window_summary(w.handle, &out)); err != nil {
		return Summary{}, err
	}
	return Summary{Samples: uint64(out.samples), Keys: uint64(out.keys), Sum: uint64(out.sum), Evicted: uint64(out.evicted)}, nil
}

// Free releases the window's memory in Rust. A second Free, or any use
// afterwards, returns ErrBadHandle.
func (w *RustWindow) Free() error {
	return statusError(C.gcp_window_free(w.handle))
}
