// Command gcpressure-exercise feeds the same samples to the Go window
// (Task 3) and the Rust one (Tasks 1 and 2), checks that they agree, and
// prints what each left in Go's heap for the collector to trace.
//
// Check runs the tests (rust/tests/, *_test.go); Run runs this program.
// Locally:
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
)

const (
	// The bytes of heap objects that contain pointers: what a cycle may
	// have to scan.
	metricScannable = "/gc/scan/heap:bytes"
	// Live and not-yet-swept heap objects.
	metricObjects = "/gc/heap/objects:objects"
)

// heapAfterGC runs a full collection, then reads the scannable heap and the
// number of heap objects: after runtime.GC(), what is left is what is live.
func heapAfterGC() (scannable, objects uint64) {
	runtime.GC()
	s := []metrics.Sample{{Name: metricScannable}, {Name: metricObjects}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64()
}

// fill adds n samples over `keys` distinct keys, in batches of 512, the
// same samples for every window.
func fill(w Window, n, keys int) error {
	batchKeys, batchValues := make([]uint64, 512), make([]uint32, 512)
	state := uint64(0x2545F4914F6CDD1D)
	for done := 0; done < n; done += len(batchKeys) {
		batch := min(len(batchKeys), n-done)
		for i := range batch {
			// xorshift64: cheap, and the same samples every run.
			state ^= state << 13
			state ^= state >> 7
			state ^= state << 17
			batchKeys[i], batchValues[i] = state%uint64(keys), uint32(state>>40)%10_000
		}
		if err := w.Add(batchKeys[:batch], batchValues[:batch]); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	capacity := flag.Int("window", 200_000, "samples the windows keep")
	samples := flag.Int("samples", 1_000_000, "samples to feed each window")
	keys := flag.Int("keys", 1_000, "distinct keys")
	flag.Parse()
	fmt.Printf("window: %d samples over %d keys, fed %d samples in batches of 512\n\n", *capacity, *keys, *samples)
	fmt.Printf("%-6s %9s %6s %12s %9s %16s %14s\n", "window", "samples", "keys", "sum", "evicted", "scannable heap +", "heap objects +")

	var summaries []Summary
	for _, name := range []string{"go", "rust"} {
		scan0, objects0 := heapAfterGC()
		var w Window
		var err error
		if name == "go" {
			w, err = NewFlatWindow(*capacity)
		} else {
			w, err = NewRustWindow(*capacity)
		}
		if err == nil {
			err = fill(w, *samples, *keys)
		}
		var s Summary
		if err == nil {
			s, err = w.Summary()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s window: %v\n", name, err)
			os.Exit(1)
		}
		scan1, objects1 := heapAfterGC()
		fmt.Printf("%-6s %9d %6d %12d %9d %14d B %14d\n", name, s.Samples, s.Keys, s.Sum, s.Evicted,
			int64(scan1)-int64(scan0), int64(objects1)-int64(objects0))
		summaries = append(summaries, s)
		if err := w.Free(); err != nil {
			fmt.Fprintf(os.Stderr, "%s window: free: %v\n", name, err)
			os.Exit(1)
		}
	}
	if summaries[0] != summaries[1] {
		fmt.Println("\ncheck: the windows disagree: see the tests of Task 1 and Task 3")
		os.Exit(1)
	}
	fmt.Println("\ncheck: ok, both windows hold the same totals")
}
