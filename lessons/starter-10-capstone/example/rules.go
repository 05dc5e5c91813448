package main

// The Go side of the boundary: the C declarations of what rust/src/lib.rs
// exports, and the Go functions that ask Rust. Go's own answers to the same
// questions are beside them, so the program can print both.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lrules -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>

// The statuses: the same numbers as RULES_* in rust/src/lib.rs.
#define RULES_OK 0
#define RULES_REFUSED 1

int32_t rules_parse_u64(const uint8_t *data, size_t len, int32_t std_rule, uint64_t *out);
int64_t rules_count_fields(const uint8_t *data, size_t len, int32_t rule);
*/
import "C"

import (
	"fmt"
	"strconv"
	"strings"
	"unsafe"
)

// bytesOf is a pointer to s's bytes for one call (nil for an empty string:
// Rust accepts null with length 0), and their length.
func bytesOf(s string) (*C.uint8_t, C.size_t) {
	if s == "" {
		return nil, 0
	}
	return (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

// rustParse asks Rust whether text is a number: by `parse::<u64>()` when
// stdRule is true, else by the format's digits-only rule.
func rustParse(text string, stdRule bool) (uint64, bool) {
	data, n := bytesOf(text)
	rule := C.int32_t(0)
	if stdRule {
		rule = 1
	}
	var out C.uint64_t
	switch status := C.rules_parse_u64(data, n, rule, &out); status {
	case C.RULES_OK:
		return uint64(out), true
	case C.RULES_REFUSED:
		return 0, false
	default:
		panic(fmt.Sprintf("rules_parse_u64(%q): status %d", text, int32(status)))
	}
}

// Field rules of rules_count_fields, by number.
const (
	splitWhitespace      = 0
	splitASCIIWhitespace = 1
	splitSpace           = 2
)

// rustFields asks Rust how many fields text has by one of the rules above.
func rustFields(text string, rule int) int {
	data, n := bytesOf(text)
	count := int64(C.rules_count_fields(data, n, C.int32_t(rule)))
	if count < 0 {
		panic(fmt.Sprintf("rules_count_fields(%q, %d): status %d", text, rule, -count))
	}
	return int(count)
}

// goParse is Go's answer: strconv.ParseUint in base 10.
func goParse(text string) (uint64, bool) {
	v, err := strconv.ParseUint(text, 10, 64)
	return v, err == nil
}

// goFieldsSpace is the format's rule in Go: split on ' ', drop empty pieces.
func goFieldsSpace(text string) int {
	n := 0
	for _, field := range strings.Split(text, " ") {
		if field != "" {
			n++
		}
	}
	return n
}
