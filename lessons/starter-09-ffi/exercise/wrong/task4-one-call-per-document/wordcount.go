package main

// The Go side of the boundary: the C declarations of what rust/src/lib.rs
// exports, and the Go functions the rest of the program calls. Nothing
// else uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lwordcount -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// The same layouts as the #[repr(C)] structs WcCounts and WcDoc.
typedef struct {
	uint64_t lines;
	uint64_t words;
	uint64_t bytes;
} wc_counts;
typedef struct {
	const uint8_t *data;
	size_t len;
} wc_doc;

int32_t wc_count(const uint8_t *data, size_t len, wc_counts *out);
int32_t wc_count_many(const wc_doc *docs, size_t n, wc_counts *out);
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// The failures Rust reports, one per status other than 0 (WC_* in
// rust/src/lib.rs). Test for them with errors.Is.
var (
	ErrNullPointer = errors.New("wordcount: Rust was given a null pointer with a length")
	ErrPanicked    = errors.New("wordcount: the Rust counter panicked (caught at the boundary)")
)

// Counts are what a text holds: its lines, words and bytes, as wc counts them.
type Counts struct {
	Lines, Words, Bytes uint64
}

// fromC copies Rust's answer into a Go value.
func fromC(out C.wc_counts) Counts {
	return Counts{Lines: uint64(out.lines), Words: uint64(out.words), Bytes: uint64(out.bytes)}
}

// statusError turns a status from wc_count or wc_count_many into nil (0),
// ErrNullPointer (1), ErrPanicked (2), or for any other number an error of
// its own that says the number.
//
// Task 3.
func statusError(status int32) error {
	switch status {
	case 0:
		return nil
	case 1:
		return ErrNullPointer
	case 2:
		return ErrPanicked
	default:
		return fmt.Errorf("wordcount: unknown status %d from Rust", status)
	}
}

// Count counts text in Rust, without copying it: Rust reads text during
// the call only.
//
// Task 3: an empty text (nil or not) crosses as a null pointer and 0.
func Count(text []byte) (Counts, error) {
	var data *C.uint8_t
	if len(text) > 0 {
		data = (*C.uint8_t)(unsafe.Pointer(&text[0]))
	}
	var out C.wc_counts
	if err := statusError(int32(C.wc_count(data, C.size_t(len(text)), &out))); err != nil {
		return Counts{}, err
	}
	return fromC(out), nil
}

// CountMany counts every document in one call to Rust and returns the
// totals.
//
// Task 4: the []C.wc_doc is Go memory, and each wc_doc holds a Go pointer
// (a document's bytes), so each of those must be pinned for the call. An
// empty document is a null pointer and 0; no documents at all, a null
// pointer and 0.
func CountMany(docs [][]byte) (Counts, error) {
	// Count already passes a slice safely: reuse it, no pinning needed.
	var total Counts
	for _, doc := range docs {
		counts, err := Count(doc)
		if err != nil {
			return Counts{}, err
		}
		total.Lines += counts.Lines
		total.Words += counts.Words
		total.Bytes += counts.Bytes
	}
	return total, nil
}
