// Command starter-ffi computes Adler-32 checksums in Rust, called through
// cgo, and checks each against Go's own hash/adler32. It also shows two
// calls that are refused: one by Rust's checks, one by cgo's.
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .
//
// Its output is the same on every machine (example/expected-output.txt).
package main

import (
	"bytes"
	"fmt"
	"hash/adler32"
	"os"
	"strings"
)

func main() {
	failures := 0
	// report prints one answer and compares it with hash/adler32 of want.
	report := func(label string, got Checksum, err error, want []byte) {
		if err != nil {
			fmt.Printf("  %-26s error: %v\n", label, err)
			failures++
			return
		}
		same := got.Adler32 == adler32.Checksum(want) && got.Bytes == uint64(len(want))
		if !same {
			failures++
		}
		fmt.Printf("  %-26s %8d bytes  %08x  same as hash/adler32: %t\n", label, got.Bytes, got.Adler32, same)
	}

	fmt.Println("Sum: one buffer, one call")
	big := bytes.Repeat([]byte("abc"), 1<<20)
	for _, in := range []struct {
		label string
		data  []byte
	}{
		{`"Wikipedia"`, []byte("Wikipedia")},
		{`nil`, nil},
		{`[]byte{} (empty, not nil)`, []byte{}},
		{`"abc" x 1048576`, big},
	} {
		sum, err := Sum(in.data)
		report(in.label, sum, err, in.data)
	}

	fmt.Println("SumParts: several buffers, one call")
	for _, in := range []struct {
		label string
		parts [][]byte
	}{
		{`"Wiki" + "" + "pedia"`, [][]byte{[]byte("Wiki"), {}, []byte("pedia")}},
		{`no parts`, nil},
		{`"abc" x 1048576 in 3 parts`, [][]byte{big[:1], big[1 : 1<<20], big[1<<20:]}},
	} {
		sum, err := SumParts(in.parts)
		report(in.label, sum, err, bytes.Join(in.parts, nil))
	}

	fmt.Println("Refused calls")
	fmt.Printf("  %-26s %v\n", "null pointer, length 4:", sumNullWithLength(4))
	fmt.Printf("  %-26s %v\n", "unpinned Go pointers:", unpinnedPanic([][]byte{[]byte("Wiki"), []byte("pedia")}))

	if failures > 0 {
		fmt.Printf("check: FAILED, %d answers differ from hash/adler32\n", failures)
		os.Exit(1)
	}
	fmt.Println("check: ok, Rust and hash/adler32 agree on every input")
}

// unpinnedPanic calls sumPartsUnpinned and returns what cgo's check
// panicked with (it always does, unless GODEBUG=cgocheck=0).
func unpinnedPanic(parts [][]byte) (message string) {
	defer func() {
		if r := recover(); r != nil {
			message = strings.TrimSpace(fmt.Sprint(r))
		}
	}()
	_, err := sumPartsUnpinned(parts)
	return fmt.Sprintf("no panic (is GODEBUG=cgocheck=0 set?), error %v", err)
}
