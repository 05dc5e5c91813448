package main

// The fallback: the parser's rules (rust/src/parse.rs) in Go, without its
// bug. Slower than Rust on large inputs, and right on all of them.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sumGo sums the key=value pairs of input by the parser's rules. A broken
// rule is an *Error of kind ErrInvalidInput with the same message Rust
// gives.
func sumGo(input []byte) (uint64, error) {
	if len(input) == 0 {
		return 0, nil
	}
	if !utf8.Valid(input) {
		return 0, &Error{ErrInvalidInput, "the input is not UTF-8"}
	}
	var sum uint64
	for i, pair := range strings.Split(string(input), "&") {
		fail := func(reason string) error {
			return &Error{ErrInvalidInput, fmt.Sprintf("pair %d (%q): %s", i+1, pair, reason)}
		}
		_, value, ok := strings.Cut(pair, "=")
		if !ok {
			return 0, fail("no '=' in the pair")
		}
		digits := strings.TrimPrefix(value, "+")
		if digits == "" {
			continue
		}
		if strings.TrimLeft(digits, "0123456789") != "" {
			return 0, fail("the value is not a number")
		}
		n, err := strconv.ParseUint(digits, 10, 32)
		if err != nil {
			return 0, fail("the value is above 4294967295")
		}
		sum += n
	}
	return sum, nil
}
