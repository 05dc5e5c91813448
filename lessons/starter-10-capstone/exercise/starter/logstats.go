package main

// The Go side of the boundary: log_summarize's declaration, and
// summarizeRust, which makes one call per request body and turns the
// status, the C struct and the message into Go values (Task 3). Nothing
// else here uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -llogstats -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// The same fields, in the same order, as LogSummary in rust/src/lib.rs.
typedef struct {
	uint64_t lines;
	uint64_t bad;
	uint64_t first_bad_line;
	uint64_t levels[4]; // debug, info, warn, error
	uint32_t p50_ms;
	uint32_t p99_ms;
	uint32_t max_ms;
} LogSummary;

int32_t log_summarize(const uint8_t *body, size_t len, LogSummary *out, uint8_t *msg, size_t msg_cap);
*/
import "C"

import "errors"

// messageCap is the size of the buffer Rust writes its message into; a
// longer message is cut (at a character boundary, by Rust).
const messageCap = 256

// summarizeRust asks Rust to summarize body, in one cgo call. Its error is
// an *Error whose Kind says what the caller may do next.
//
// Task 3: call C.log_summarize with body's own memory (no copy), a
// C.LogSummary and a messageCap-byte buffer, both Go memory without
// pointers, lent for the call; then turn the status into a Summary or an
// *Error.
func summarizeRust(body []byte) (Summary, error) {
	return Summary{}, errors.New("summarizeRust: not written yet (Task 3)")
}
