// Command zerocopy hands the same float32 vectors from Go to one Rust kernel
// (normalise to unit length) in four ways and measures each at sizes from
// 16 bytes to 16 MiB: time per call, throughput, and what each call
// allocates on the Go heap, read from runtime/metrics. Every way's result is
// checked, to the bit, against a pure-Go copy of the kernel.
//
//	cargo build --release --manifest-path rust/Cargo.toml   # library and server
//	go run .                        # every way, every size
//	go run . -quick                 # fewer sizes, shorter repetitions
//	go run . -mode go-pointers      # a cgo rule broken, caught (panics)
//	go run . -mode leak-pinner      # a Pinner never unpinned, caught (panics)
//	go run . -mode keep-pointer     # Rust keeps a Go pointer: caught by nothing
//	go test -bench . -benchmem      # #cgo noescape/nocallback, with and without
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	os.Exit(run())
}

func run() int {
	mode := flag.String("mode", "measure", "measure (the default); or show a broken ownership rule and exit non-zero: go-pointers, leak-pinner, keep-pointer")
	quick := flag.Bool("quick", false, "sizes 16 B, 4 KiB, 64 KiB and 1 MiB, 5 shorter repetitions")
	sizesFlag := flag.String("sizes", "", "vector sizes in bytes, comma-separated, each a multiple of 4 (K and M suffixes: 4K = 4096); default 16,256,4K,64K,1M,16M")
	reps := flag.Int("reps", 0, "timed repetitions per way and size; the report gives their median (default 7; 5 with -quick)")
	server := flag.String("server", defaultServer, "the Rust RPC server binary")
	flag.Parse()

	switch *mode {
	case "measure":
	case "go-pointers":
		return showGoPointers()
	case "leak-pinner":
		return showLeakedPinner()
	case "keep-pointer":
		return showKeptPointer()
	default:
		return fail(fmt.Errorf("unknown -mode %q: use measure, go-pointers, leak-pinner or keep-pointer", *mode))
	}

	// The defaults fit the runner's default limits for a run
	// (sandbox-runner/src/config.ts: 10 s of wall time, 10 CPU seconds per
	// process, 512 MiB for the program and its server together): a full run
	// takes about 2 s and peaks near 250 MB. 32 MiB vectors would double
	// both; -sizes takes up to 64 MiB outside the runner.
	s := settings{Reps: 7, PerRep: 2 * time.Millisecond, Warmup: 5 * time.Millisecond}
	sizes := []int{16, 256, 4 << 10, 64 << 10, 1 << 20, 16 << 20}
	if *quick {
		s = settings{Reps: 5, PerRep: 500 * time.Microsecond, Warmup: 2 * time.Millisecond}
		sizes = []int{16, 4 << 10, 64 << 10, 1 << 20}
	}
	if *reps != 0 {
		if *reps < 1 || *reps > 1000 {
			return fail(fmt.Errorf("-reps must be between 1 and 1000, got %d", *reps))
		}
		s.Reps = *reps
	}
	if *sizesFlag != "" {
		var err error
		if sizes, err = parseSizes(*sizesFlag); err != nil {
			return fail(err)
		}
	}

	srv, err := startServer(*server)
	if err != nil {
		return fail(err)
	}
	defer srv.Close()
	all := ways(srv)
	cells, refs, err := sweep(all, sizes, s)
	if err != nil {
		return fail(err)
	}
	printReport(os.Stdout, all, sizes, s, srv, cells, refs)
	if !agree(cells) {
		return 1
	}
	return 0
}

// maxBytes is the largest size -sizes takes: the server's body limit.
const maxBytes = 64 << 20

// parseSizes reads "16,4K,1M" as byte counts.
func parseSizes(text string) ([]int, error) {
	var sizes []int
	for _, field := range strings.Split(text, ",") {
		field = strings.TrimSpace(field)
		unit := 1
		switch {
		case strings.HasSuffix(field, "K"):
			unit, field = 1<<10, strings.TrimSuffix(field, "K")
		case strings.HasSuffix(field, "M"):
			unit, field = 1<<20, strings.TrimSuffix(field, "M")
		}
		n, err := strconv.Atoi(field)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-sizes: %q is not a positive whole number of bytes (K and M suffixes allowed)", field)
		}
		n *= unit
		if n%4 != 0 || n > maxBytes {
			return nil, fmt.Errorf("-sizes: %d bytes must be a multiple of 4 (float32 values), at most %d", n, maxBytes)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "zerocopy:", err)
	return 1
}
