package main

// The Go side of the boundary: the Rust functions' declarations, the error
// taxonomy as Go errors, and a thin Accelerator type around a handle.
// Nothing else in the program uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lordersum -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// The statuses, the same numbers as OSUM_* in rust/src/lib.rs.
#define OSUM_OK 0
#define OSUM_INVALID_INPUT 1
#define OSUM_BUSY 2
#define OSUM_PANICKED 3
#define OSUM_POISONED 4

// Rust's Accelerator, seen from C as an opaque type: only pointers to it.
typedef struct osum_accelerator osum_accelerator;

// Same layouts as Summary (rust/src/parse.rs) and Stats (rust/src/lib.rs),
// both #[repr(C)].
typedef struct {
	uint64_t records;
	int64_t total_cents;
	int64_t max_cents;
	int64_t median_cents;
} osum_summary;
typedef struct {
	uint32_t lanes;
	uint32_t poisoned;
	uint64_t batches;
	uint64_t records;
	int64_t cents;
} osum_handle_stats;

int32_t osum_new(uint32_t lanes, osum_accelerator **out, char *msg, size_t msg_cap);
void osum_free(osum_accelerator *acc);
int32_t osum_summarize(const osum_accelerator *acc, const uint8_t *data, size_t len,
                       osum_summary *out, char *msg, size_t msg_cap);
int32_t osum_summarize_unguarded(const osum_accelerator *acc, const uint8_t *data, size_t len,
                                 osum_summary *out, char *msg, size_t msg_cap);
int32_t osum_stats(const osum_accelerator *acc, osum_handle_stats *out);
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// The taxonomy: one error per status Rust can answer, for errors.Is. What
// each one means for the caller is in service.go (decide).
var (
	// ErrInvalidInput: the call's arguments are wrong (a bad batch, a null
	// pointer). The same call gets the same answer.
	ErrInvalidInput = errors.New("invalid input")
	// ErrBusy: every lane of the handle was in use; Rust refused the call
	// before doing anything.
	ErrBusy = errors.New("busy")
	// ErrPanicked: the call panicked in Rust, a bug, caught at the boundary.
	// The handle is poisoned from then on.
	ErrPanicked = errors.New("Rust panicked (caught at the boundary)")
	// ErrPoisoned: an earlier call on this handle panicked; this one was
	// refused without running.
	ErrPoisoned = errors.New("handle poisoned")
	// ErrUnknownStatus: a status this file does not know: rust.go and
	// rust/src/lib.rs disagree about the taxonomy.
	ErrUnknownStatus = errors.New("status unknown to the Go side")
	// ErrClosed: the Accelerator was closed (freed) before this call, on
	// the Go side; Rust never saw it.
	ErrClosed = errors.New("accelerator closed")
)

// statusKinds maps each status but OK to its error.
var statusKinds = map[int32]error{
	C.OSUM_INVALID_INPUT: ErrInvalidInput,
	C.OSUM_BUSY:          ErrBusy,
	C.OSUM_PANICKED:      ErrPanicked,
	C.OSUM_POISONED:      ErrPoisoned,
}

// Error is an answer other than OK: its kind (one of the Err* values above,
// which errors.Is finds through Unwrap) and the message for the log.
type Error struct {
	Kind    error
	Message string
}

func (e *Error) Error() string { return e.Kind.Error() + ": " + e.Message }
func (e *Error) Unwrap() error { return e.Kind }

// msgCap is the size of the message buffer Go lends Rust on each call. A
// longer message arrives cut at a character boundary.
const msgCap = 256

// maxLanes is the most lanes a handle may have: MAX_LANES in lib.rs.
const maxLanes = 64

// answer turns a status and the message Rust wrote into an error (nil for
// OK).
func answer(status C.int32_t, msg *[msgCap]C.char) error {
	return statusError(int32(status), C.GoString(&msg[0]))
}

// statusError is the error for a status and its message: nil for OK, an
// *Error otherwise.
func statusError(status int32, message string) error {
	if status == C.OSUM_OK {
		return nil
	}
	kind, known := statusKinds[status]
	if !known {
		kind, message = ErrUnknownStatus, fmt.Sprintf("status %d (message %q)", status, message)
	}
	return &Error{Kind: kind, Message: message}
}

// Summary is what a batch adds up to (see rust/src/parse.rs).
type Summary struct {
	Records     int64
	TotalCents  int64
	MaxCents    int64
	MedianCents int64
}

// Stats are a handle's own counts (Stats in rust/src/lib.rs).
type Stats struct {
	Lanes    int
	Poisoned bool
	Batches  int64 // batches answered OK
	Records  int64 // lines counted as they were parsed, answered or not
	Cents    int64
}

// Accelerator holds a Rust handle. Its methods may be called from several
// goroutines at once, except Close: no call may be in flight on the handle
// when it is freed (service.go's RWMutex sees to that).
type Accelerator struct {
	c *C.osum_accelerator
}

// NewAccelerator creates a handle with lanes lanes (1 to 64): it runs that
// many calls at once and answers one more with ErrBusy. Close it when done:
// it lives in Rust's heap, out of reach of Go's collector.
func NewAccelerator(lanes int) (*Accelerator, error) {
	if lanes < 1 || lanes > maxLanes {
		return nil, &Error{Kind: ErrInvalidInput, Message: fmt.Sprintf("lanes must be from 1 to %d, not %d", maxLanes, lanes)}
	}
	var msg [msgCap]C.char
	var h *C.osum_accelerator
	// &h is Go memory that will hold a C pointer: cgo allows it (it holds
	// no Go pointer).
	if err := answer(C.osum_new(C.uint32_t(lanes), &h, &msg[0], msgCap), &msg); err != nil {
		return nil, err
	}
	return &Accelerator{c: h}, nil
}

// Close frees the handle; later calls answer ErrClosed. Closing twice, or a
// nil Accelerator, does nothing.
func (a *Accelerator) Close() {
	if a == nil || a.c == nil {
		return
	}
	C.osum_free(a.c)
	a.c = nil
}

// Summarize sums a batch in Rust. The batch is passed without a copy; Rust
// reads it during the call only (cgo's rules: it holds no Go pointers).
func (a *Accelerator) Summarize(batch []byte) (Summary, error) {
	return a.summarize(batch, false)
}

// SummarizeUnguarded is Summarize through the entry point without
// catch_unwind: a panic in it ends the process (-mode abort).
func (a *Accelerator) SummarizeUnguarded(batch []byte) (Summary, error) {
	return a.summarize(batch, true)
}

func (a *Accelerator) summarize(batch []byte, unguarded bool) (Summary, error) {
	if a == nil || a.c == nil {
		return Summary{}, ErrClosed
	}
	var out C.osum_summary
	// The message buffer: Go's, lent to Rust for this call only. Rust
	// writes at most msgCap-1 bytes and a NUL; there is nothing to free.
	var msg [msgCap]C.char
	data := (*C.uint8_t)(unsafe.SliceData(batch))
	n := C.size_t(len(batch))
	var status C.int32_t
	if unguarded {
		status = C.osum_summarize_unguarded(a.c, data, n, &out, &msg[0], msgCap)
	} else {
		status = C.osum_summarize(a.c, data, n, &out, &msg[0], msgCap)
	}
	if err := answer(status, &msg); err != nil {
		return Summary{}, err
	}
	return Summary{
		Records:     int64(out.records),
		TotalCents:  int64(out.total_cents),
		MaxCents:    int64(out.max_cents),
		MedianCents: int64(out.median_cents),
	}, nil
}

// Stats reads the handle's counts; it works on a poisoned handle too.
func (a *Accelerator) Stats() (Stats, error) {
	if a == nil || a.c == nil {
		return Stats{}, ErrClosed
	}
	var out C.osum_handle_stats
	if status := C.osum_stats(a.c, &out); status != C.OSUM_OK {
		var none [msgCap]C.char // osum_stats writes no message
		return Stats{}, answer(status, &none)
	}
	return Stats{
		Lanes:    int(out.lanes),
		Poisoned: out.poisoned != 0,
		Batches:  int64(out.batches),
		Records:  int64(out.records),
		Cents:    int64(out.cents),
	}, nil
}
