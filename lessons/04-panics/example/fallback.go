package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// The limits of a batch and its fields: the same as rust/src/parse.rs.
const (
	maxBatchBytes = 1 << 20
	maxQty        = 10_000
	maxUnitCents  = 10_000_000
)

// SummarizeGo is the accelerator's work in pure Go, line for line the same
// as rust/src/parse.rs: the same Summary for a good batch, and for a bad
// one an *Error of kind ErrInvalidInput with the same message. It has no
// panic in it: it reads a discount from the fourth field, where the Rust
// parser reads one past the end.
//
// The service falls back to it when Rust panics, and the run checks every
// answer against it. It is slower than Rust (it allocates per line), which
// is the reason to have the accelerator, not a reason to trust it less.
func SummarizeGo(batch []byte) (Summary, error) {
	if len(batch) > maxBatchBytes {
		return Summary{}, invalid(fmt.Sprintf("the batch has %d bytes, more than the %d one call takes", len(batch), maxBatchBytes))
	}
	body := bytes.TrimSuffix(batch, []byte("\n"))
	var amounts []int64
	if len(body) > 0 {
		for i, line := range bytes.Split(body, []byte("\n")) {
			cents, bad := lineCents(line)
			if bad != "" {
				return Summary{}, invalid(fmt.Sprintf("line %d: %s", i+1, bad))
			}
			amounts = append(amounts, cents)
		}
	}
	var s Summary
	s.Records = int64(len(amounts))
	for _, c := range amounts {
		s.TotalCents += c
		s.MaxCents = max(s.MaxCents, c)
	}
	if len(amounts) > 0 {
		slices.Sort(amounts)
		s.MedianCents = amounts[(len(amounts)-1)/2]
	}
	return s, nil
}

func invalid(message string) error {
	return &Error{Kind: ErrInvalidInput, Message: message}
}

// lineCents is one line's amount, or what is wrong with the line.
func lineCents(line []byte) (int64, string) {
	if len(line) == 0 {
		return 0, "empty line"
	}
	fields := bytes.Split(line, []byte(","))
	if len(fields) > 4 {
		return 0, "more than 4 fields (order_id,qty,unit_cents[,discount_pct])"
	}
	if len(fields) < 3 {
		return 0, fmt.Sprintf("%d fields, expected 3 or 4 (order_id,qty,unit_cents[,discount_pct])", len(fields))
	}
	if len(fields[0]) == 0 {
		return 0, "empty order_id"
	}
	qty, bad := number(fields[1], "qty", 1, maxQty)
	if bad != "" {
		return 0, bad
	}
	unitCents, bad := number(fields[2], "unit_cents", 0, maxUnitCents)
	if bad != "" {
		return 0, bad
	}
	gross := qty * unitCents
	var pct int64
	if len(fields) == 4 {
		if pct, bad = number(fields[3], "discount_pct", 0, 100); bad != "" {
			return 0, bad
		}
	}
	return gross - gross*pct/100, ""
}

// number reads a field holding a whole number from lo to hi (digits only).
func number(field []byte, name string, lo, hi int64) (int64, string) {
	digits := len(field) > 0 && len(field) <= 12
	for _, b := range field {
		digits = digits && '0' <= b && b <= '9'
	}
	if !digits {
		return 0, fmt.Sprintf("%s \"%s\" is not a whole number", name, escapeASCII(field))
	}
	var v int64
	for _, b := range field {
		v = v*10 + int64(b-'0')
	}
	if v < lo || v > hi {
		return 0, fmt.Sprintf("%s %d is not between %d and %d", name, v, lo, hi)
	}
	return v, ""
}

// escapeASCII quotes a field the way Rust's <[u8]>::escape_ascii does:
// printable ASCII as it is, \t \r \n \\ \' \" escaped, any other byte as
// \xNN. So a message is text whatever the batch holds, and the same in
// both parsers.
func escapeASCII(field []byte) string {
	var b strings.Builder
	for _, c := range field {
		switch c {
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '\\', '\'', '"':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			if c >= 0x20 && c < 0x7f {
				b.WriteByte(c)
			} else {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		}
	}
	return b.String()
}
