package main

// The Go side of the boundary. Go's memory crosses as it is (NormalizeInto,
// Task 2); Rust's memory is read where it is and given back (Counts,
// Task 3). Nothing else in the program uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lzcbuffers -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// Same layout as ZcCounts in rust/src/lib.rs (#[repr(C)]).
typedef struct { uint64_t *ptr; size_t len; size_t cap; } zc_counts;

int32_t zc_normalize_into(const float *input, size_t len, float *out, size_t out_len);
size_t zc_last_input(void);
int32_t zc_histogram(const float *input, size_t len, float min, float max, size_t bins, zc_counts *out);
void zc_counts_free(zc_counts *counts);
size_t zc_live_counts(void);
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Errors the Rust side reports, one per ZC_* status in rust/src/lib.rs.
var (
	ErrNullPointer = errors.New("null pointer passed to Rust")
	ErrShortOutput = errors.New("the output is shorter than the input")
	ErrOverlap     = errors.New("the output overlaps the input")
	ErrNoBins      = errors.New("a histogram needs at least one bin")
	ErrPanicked    = errors.New("Rust panicked (caught at the boundary)")
)

var statusErrors = [...]error{1: ErrNullPointer, 2: ErrShortOutput, 3: ErrOverlap, 4: ErrNoBins, 5: ErrPanicked}

// statusError names the operation and wraps the sentinel, so errors.Is works.
func statusError(op string, status C.int32_t) error {
	if status == 0 {
		return nil
	}
	if int(status) < len(statusErrors) && statusErrors[status] != nil {
		return fmt.Errorf("%s: %w", op, statusErrors[status])
	}
	return fmt.Errorf("%s: unknown status %d from Rust", op, int32(status))
}

// NormalizeInto writes src scaled to unit length into dst[:len(src)],
// without copying either slice: Rust reads and writes Go's memory during
// the call. dst must be at least as long as src and must not overlap it.
//
// Task 2: pass each slice's own memory (cgo allows it: []float32 holds no
// Go pointers, and Rust keeps nothing after the call).
func NormalizeInto(dst, src []float32) error {
	// Task 2: as written, both slices are copied into fresh Go memory "to be
	// safe", the copies cross, and the result is copied back: two
	// allocations and two copies per call, and a status returned as a bare
	// number that errors.Is cannot match. Pass the slices themselves, and
	// turn the status into an error with statusError.
	in := append([]float32(nil), src...)
	out := make([]float32, len(dst))
	status := C.zc_normalize_into(
		(*C.float)(unsafe.SliceData(in)), C.size_t(len(in)),
		(*C.float)(unsafe.SliceData(out)), C.size_t(len(out)))
	copy(dst, out)
	if status != 0 {
		return fmt.Errorf("normalize: status %d", int32(status))
	}
	return nil
}

// Normalize returns src scaled to unit length in a new slice: one
// allocation, the result's.
func Normalize(src []float32) ([]float32, error) {
	dst := make([]float32, len(src))
	if err := NormalizeInto(dst, src); err != nil {
		return nil, err
	}
	return dst, nil
}

// Counts is a histogram in memory Rust allocated. Read it with View, then
// Free it: Go's collector cannot free memory Rust allocated.
type Counts struct {
	c C.zc_counts
}

// Histogram counts src over bins equal bins from min to max (outside values
// in the end bins, NaN not counted), in a buffer Rust allocates.
func Histogram(src []float32, min, max float32, bins int) (*Counts, error) {
	if bins < 1 {
		return nil, fmt.Errorf("histogram: %w", ErrNoBins)
	}
	counts := &Counts{}
	status := C.zc_histogram((*C.float)(unsafe.SliceData(src)), C.size_t(len(src)), C.float(min), C.float(max), C.size_t(bins), &counts.c)
	if err := statusError("histogram", status); err != nil {
		return nil, err
	}
	return counts, nil
}

// View is the counts where they are, in Rust's memory: no copy. The slice
// is valid until Free; after Free it is nil.
//
// Task 3: a Go slice over Rust's buffer.
func (c *Counts) View() []uint64 {
	return nil
}

// Free gives the buffer back to Rust's allocator. Calling it again does
// nothing: Rust zeroes the struct it freed.
//
// Task 3: hand the struct back to zc_counts_free.
func (c *Counts) Free() {
}

// liveCounts is how many buffers Rust has handed out and not had back.
func liveCounts() int { return int(C.zc_live_counts()) }

// lastInput is the address of the input the last NormalizeInto passed.
func lastInput() uintptr { return uintptr(C.zc_last_input()) }
