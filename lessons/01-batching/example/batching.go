package main

// The Go side of the boundary: declarations of the Rust functions, and
// wrappers that turn slices into (pointer, length) and status codes into
// errors. Nothing outside this file uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lbatching -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// Same layout as BatchingResult in rust/src/lib.rs (#[repr(C)]).
typedef struct {
	float value;
	int32_t status;
} batching_result;

float batching_dot_step(float acc, float a, float b);
batching_result batching_dot(const float *a, const float *b, size_t len);
batching_result batching_cosine(const float *a, const float *b, size_t len);
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Errors the Rust side can report; they mirror the BATCHING_* status codes
// in rust/src/lib.rs, in the same order. statusErrors maps a code to its
// error; code 0 (success) has none.
var (
	ErrNullPointer = errors.New("null pointer with a non-zero length")
	ErrMisaligned  = errors.New("pointer not aligned for float32")
	ErrTooLong     = errors.New("length too large for one allocation")
	ErrPanicked    = errors.New("the Rust kernel panicked (caught at the boundary)")
)

var statusErrors = [...]error{1: ErrNullPointer, 2: ErrMisaligned, 3: ErrTooLong, 4: ErrPanicked}

// DotStep returns acc + a*b, computed in Rust: one cgo call for one element.
func DotStep(acc, a, b float32) float32 {
	return float32(C.batching_dot_step(C.float(acc), C.float(a), C.float(b)))
}

// Dot returns the dot product of a and b, computed in Rust with one cgo call
// however long the slices are. Rust reads the slices' memory in place.
func Dot(a, b []float32) (float32, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("Dot: slices differ in length (%d and %d); pass equal lengths", len(a), len(b))
	}
	return dotRaw(unsafe.SliceData(a), unsafe.SliceData(b), len(a))
}

// dotRaw is Dot without the slice: the test uses it to hand Rust the
// pointers no slice would produce (nil with a non-zero length).
//
// Passing a and b to C is allowed by cgo's pointer-passing rules because
// float32 memory holds no Go pointers, and Rust does not keep the pointers
// after the call returns. The whole backing array of each slice counts as
// the memory passed, and no goroutine may write to it until Dot returns.
func dotRaw(a, b *float32, n int) (float32, error) {
	return result("Dot", C.batching_dot(floatPtr(a), floatPtr(b), C.size_t(n)))
}

// floatPtr converts a Go *float32 to the *C.float that cgo's declarations
// take. Both are 4-byte IEEE floats, so this is a type change, not a copy.
func floatPtr(p *float32) *C.float {
	return (*C.float)(unsafe.Pointer(p))
}

// result turns what a batch entry returned into Go's (value, error): the
// value for status 0, otherwise an error that names the operation and wraps
// the sentinel matching the status, so callers can test it with errors.Is.
func result(op string, r C.batching_result) (float32, error) {
	status := int(r.status)
	if status == 0 {
		return float32(r.value), nil
	}
	if status > 0 && status < len(statusErrors) {
		return 0, fmt.Errorf("%s: %w", op, statusErrors[status])
	}
	return 0, fmt.Errorf("%s: unknown status %d from the Rust side; are rust/src/lib.rs and batching.go out of step?", op, status)
}

// Cosine returns the cosine similarity of a and b, computed in Rust with one
// cgo call; 0 when either vector is all zeros or empty.
func Cosine(a, b []float32) (float32, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("Cosine: slices differ in length (%d and %d); pass equal lengths", len(a), len(b))
	}
	r := C.batching_cosine(floatPtr(unsafe.SliceData(a)), floatPtr(unsafe.SliceData(b)), C.size_t(len(a)))
	return result("Cosine", r)
}
