package main

// The Go side of the boundary: the declaration of the Rust entry point, and
// Dot, which hands Rust the data of two slices and turns its status codes
// into errors. Nothing outside this file uses package C.
//
// Task 2 is statusError and Dot. The tests are in batching_test.go.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lbatching -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// Same layout as BatchingResult in rust/src/lib.rs (#[repr(C)]).
typedef struct {
	float value;
	int32_t status;
} batching_result;

batching_result batching_dot(const float *a, const float *b, size_t len);
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// ErrLengthMismatch: the two slices given to Dot differ in length.
var ErrLengthMismatch = errors.New("slices differ in length")

// Errors the Rust side reports as status codes; they mirror the BATCHING_*
// constants in rust/src/lib.rs.
var (
	ErrNullPointer = errors.New("null pointer with a non-zero length")               // status 1
	ErrMisaligned  = errors.New("pointer not aligned for float32")                   // status 2
	ErrTooLong     = errors.New("length too large for one allocation")               // status 3
	ErrPanicked    = errors.New("the Rust kernel panicked (caught at the boundary)") // status 4
)

// statusError turns a status code from rust/src/lib.rs into an error that
// names op and wraps the matching sentinel, so callers can test it with
// errors.Is; nil for status 0. An unknown status is an error too, and
// matches no sentinel.
func statusError(op string, status int32) error {
	switch status {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s: %w", op, ErrNullPointer)
	case 2:
		return fmt.Errorf("%s: %w", op, ErrMisaligned)
	case 3:
		return fmt.Errorf("%s: %w", op, ErrTooLong)
	case 4:
		return fmt.Errorf("%s: %w", op, ErrPanicked)
	}
	return fmt.Errorf("%s: unknown status %d from the Rust side; are rust/src/lib.rs and batching.go out of step?", op, status)
}

// Dot returns the dot product of a and b, computed in Rust by one call that
// reads both slices where they are: no copy.
//
// Passing the slices' data to C is allowed by cgo's pointer-passing rules:
// a []float32 holds no Go pointers, and Rust does not keep the pointers
// after the call returns.
func Dot(a, b []float32) (float32, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("Dot: %w (%d and %d)", ErrLengthMismatch, len(a), len(b))
	}
	// unsafe.SliceData is nil for a nil slice and never panics, unlike &a[0]
	// on an empty one. Rust does not look at the pointer when len is 0.
	r := C.batching_dot(floatPtr(unsafe.SliceData(a)), floatPtr(unsafe.SliceData(b)), C.size_t(len(a)))
	if err := statusError("Dot", int32(r.status)); err != nil {
		return 0, err
	}
	return float32(r.value), nil
}

// dotRaw calls the Rust entry point with any pointers and length, and
// answers with its raw value and status. The tests use it to send what no
// slice would: a nil pointer with a length, a length no memory can hold.
func dotRaw(a, b *float32, n uint) (float32, int32) {
	r := C.batching_dot(floatPtr(a), floatPtr(b), C.size_t(n))
	return float32(r.value), int32(r.status)
}

func floatPtr(p *float32) *C.float {
	return (*C.float)(unsafe.Pointer(p))
}
