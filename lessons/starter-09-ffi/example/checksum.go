package main

// The Go side of the boundary: the C declarations of what rust/src/lib.rs
// exports, and Go functions that call them by cgo's rules. Nothing else in
// the program uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lchecksum -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// The statuses: the same numbers as CK_* in rust/src/lib.rs.
#define CK_OK 0
#define CK_BAD_POINTER 1
#define CK_PANICKED 2

// The same layouts as the #[repr(C)] structs Checksum and CkPart.
typedef struct {
	uint32_t adler32;
	uint64_t bytes;
} ck_checksum;
typedef struct {
	const uint8_t *data;
	size_t len;
} ck_part;

int32_t ck_sum(const uint8_t *data, size_t len, ck_checksum *out);
int32_t ck_sum_parts(const ck_part *parts, size_t n, ck_checksum *out);
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"
)

// The failures Rust reports, for errors.Is.
var (
	ErrBadPointer = errors.New("checksum: Rust refused a null or misaligned pointer")
	ErrPanicked   = errors.New("checksum: Rust panicked (caught at the boundary)")
)

// Checksum is the Go copy of Rust's answer.
type Checksum struct {
	Adler32 uint32
	Bytes   uint64
}

// statusError turns a status from Rust into nil or an error.
func statusError(status int32) error {
	switch status {
	case C.CK_OK:
		return nil
	case C.CK_BAD_POINTER:
		return ErrBadPointer
	case C.CK_PANICKED:
		return ErrPanicked
	default:
		return fmt.Errorf("checksum: status %d, which this Go code does not know", status)
	}
}

// Sum computes the Adler-32 of data in Rust. Rust reads data during the
// call only, without a copy.
func Sum(data []byte) (Checksum, error) {
	// &data[0] panics on an empty slice: an empty input crosses as a null
	// pointer and a length of 0, which Rust accepts.
	var ptr *C.uint8_t
	if len(data) > 0 {
		ptr = (*C.uint8_t)(unsafe.Pointer(&data[0]))
	}
	var out C.ck_checksum
	if err := statusError(int32(C.ck_sum(ptr, C.size_t(len(data)), &out))); err != nil {
		return Checksum{}, err
	}
	return Checksum{Adler32: uint32(out.adler32), Bytes: uint64(out.bytes)}, nil
}

// SumParts computes the Adler-32 of parts taken in order as one input, in
// one call. The array of ck_part is Go memory that holds Go pointers (each
// part's data), so each part is pinned for the call.
func SumParts(parts [][]byte) (Checksum, error) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	cparts := make([]C.ck_part, len(parts))
	for i, part := range parts {
		if len(part) == 0 {
			continue // the zero ck_part: a null pointer, length 0
		}
		pinner.Pin(&part[0])
		cparts[i] = C.ck_part{data: (*C.uint8_t)(unsafe.Pointer(&part[0])), len: C.size_t(len(part))}
	}
	var first *C.ck_part // nil when there are no parts, as for Sum
	if len(cparts) > 0 {
		first = &cparts[0]
	}
	var out C.ck_checksum
	if err := statusError(int32(C.ck_sum_parts(first, C.size_t(len(cparts)), &out))); err != nil {
		return Checksum{}, err
	}
	return Checksum{Adler32: uint32(out.adler32), Bytes: uint64(out.bytes)}, nil
}

// sumPartsUnpinned is SumParts without the pinner: it breaks cgo's rule on
// purpose, and cgo's check stops the call with a panic before Rust runs.
func sumPartsUnpinned(parts [][]byte) (Checksum, error) {
	cparts := make([]C.ck_part, len(parts))
	for i, part := range parts {
		if len(part) > 0 {
			cparts[i] = C.ck_part{data: (*C.uint8_t)(unsafe.Pointer(&part[0])), len: C.size_t(len(part))}
		}
	}
	var first *C.ck_part // nil when there are no parts, as for Sum
	if len(cparts) > 0 {
		first = &cparts[0]
	}
	var out C.ck_checksum
	if err := statusError(int32(C.ck_sum_parts(first, C.size_t(len(cparts)), &out))); err != nil {
		return Checksum{}, err
	}
	return Checksum{Adler32: uint32(out.adler32), Bytes: uint64(out.bytes)}, nil
}

// sumNullWithLength calls ck_sum with a null pointer and a length of n, a
// call no Go slice produces, to show what Rust answers.
func sumNullWithLength(n int) error {
	var out C.ck_checksum
	return statusError(int32(C.ck_sum(nil, C.size_t(n), &out)))
}
