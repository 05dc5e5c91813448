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
	// Task 2: map each BATCHING_* code to its sentinel above, wrapped so
	// that errors.Is finds it and the message starts with op.
	return nil
}

// Dot returns the dot product of a and b, computed in Rust by one call that
// reads both slices where they are: no copy.
func Dot(a, b []float32) (float32, error) {
	// Task 2: refuse slices of different lengths (ErrLengthMismatch), then
	// call C.batching_dot with each slice's data pointer and the length,
	// and turn its status into an error with statusError. Mind empty and
	// nil slices: they have no element 0. dotRaw below shows the C call.
	return 0, nil
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
