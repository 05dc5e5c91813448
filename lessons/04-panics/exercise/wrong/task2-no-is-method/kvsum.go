package main

// The Go side of the boundary: kv_sum's declaration, and Sum, which turns
// its status and message into a Go error (Task 2). Nothing else here uses
// package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lkvsum -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

int32_t kv_sum(const uint8_t *input, size_t len, uint64_t *out, uint8_t *msg, size_t msg_cap);
*/
import "C"

import (
	"bytes"
	"errors"
	"fmt"
	"unsafe"
)

// The kinds of failure the boundary reports, one per KV_* status in
// rust/src/lib.rs. Test for them with errors.Is.
var (
	ErrInvalidInput  = errors.New("invalid input")
	ErrPanicked      = errors.New("Rust panicked (caught at the boundary)")
	ErrUnknownStatus = errors.New("unknown status from Rust")
)

// Error is a failure of Sum: its kind (one of the Err* sentinels above)
// and the message Rust wrote.
type Error struct {
	Kind    error
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("kv_sum: %v: %s", e.Kind, e.Message) }

// Without an Is method, errors.Is compares the *Error itself with the
// sentinel, never its Kind: a mistake that still builds.

// messageCap is the size of the buffer Rust writes its message into; a
// longer message is cut (at a character boundary, by Rust).
const messageCap = 256

// Sum asks Rust for the sum of the key=value pairs in input. Its error is
// an *Error whose Kind says what the caller may do next.
//
// Task 2: call C.kv_sum with input's own memory, a uint64 for the sum and a
// messageCap-byte buffer for the message (Go memory without pointers, lent
// for the call), then turn the status into nil or an *Error.
func Sum(input []byte) (uint64, error) {
	var out C.uint64_t
	var msg [messageCap]byte
	status := C.kv_sum((*C.uint8_t)(unsafe.SliceData(input)), C.size_t(len(input)), &out,
		(*C.uint8_t)(unsafe.Pointer(&msg[0])), messageCap)
	text := string(msg[:max(0, bytes.IndexByte(msg[:], 0))])
	switch status {
	case 0:
		return uint64(out), nil
	case 1:
		return 0, &Error{ErrInvalidInput, text}
	case 3:
		return 0, &Error{ErrPanicked, text}
	default:
		return 0, &Error{ErrUnknownStatus, fmt.Sprintf("status %d: %s", int32(status), text)}
	}
}
