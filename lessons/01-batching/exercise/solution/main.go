// Command batching-exercise puts the three tasks together: items arrive one
// by one, a Batcher groups them, and each batch crosses into Rust once.
//
// Check runs the tests (batching_test.go, batcher_test.go, rust/tests/);
// Run runs this program. Locally:
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .
package main

import (
	"fmt"
	"os"
	"time"
)

// pair is one element of a dot product: the service receives them one by one.
type pair struct{ a, b float32 }

func main() {
	a, b := make([]float32, 0, 64), make([]float32, 0, 64) // reused by every batch
	var total float32
	var batches, items int
	var failed error
	batcher := NewBatcher(64, 20*time.Millisecond, func(batch []pair) {
		a, b = a[:0], b[:0]
		for _, p := range batch {
			a, b = append(a, p.a), append(b, p.b)
		}
		sum, err := Dot(a, b)
		if err != nil && failed == nil {
			failed = err
		}
		total += sum
		batches++
		items += len(batch)
	})
	for i := range 1000 {
		batcher.Add(pair{float32(i%8) / 8, 2})
	}
	batcher.Close()
	if failed != nil {
		fmt.Fprintln(os.Stderr, "a batch failed:", failed)
		os.Exit(1)
	}
	// Each block of 8 items adds (0+1+...+7)/8*2 = 7.
	fmt.Printf("%d items in %d batches (cgo calls); dot product %.1f (want 875.0)\n", items, batches, total)
}
