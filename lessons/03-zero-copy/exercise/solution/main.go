// Command zerocopy-exercise normalises a vector in Go's memory through
// Rust, then asks Rust for its histogram in Rust's memory, reads it there
// and gives it back.
//
// Check runs the tests (rust/tests/, *_test.go). Locally:
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .
package main

import (
	"fmt"
	"os"
	"strings"
	"unsafe"
)

func main() {
	const n = 1 << 20
	src := make([]float32, n)
	for i := range src {
		src[i] = float32(i%1000) - 499.5 // -499.5 .. 499.5, the same every run
	}
	dst := make([]float32, n)
	if err := NormalizeInto(dst, src); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	copied := lastInput() != uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	fmt.Printf("normalised %d floats in Go's memory; Rust read Go's own slice: %v\n", n, !copied)

	counts, err := Histogram(dst, -0.002, 0.002, 8)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	view := counts.View()
	var total uint64
	bars := make([]string, len(view))
	for i, c := range view {
		total += c
		bars[i] = fmt.Sprint(c)
	}
	fmt.Printf("histogram in Rust's memory (%d bins): %s (total %d)\n", len(view), strings.Join(bars, " "), total)
	counts.Free()
	fmt.Printf("after Free: %d Rust buffers still held by Go\n", liveCounts())
	if copied || total != n || liveCounts() != 0 {
		fmt.Println("check: not yet: see the tests of Tasks 2 and 3")
		os.Exit(1)
	}
	fmt.Println("check: ok, no copy of Go's memory and nothing left to free")
}
