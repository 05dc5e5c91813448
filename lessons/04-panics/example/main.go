// Command panics runs a small Go service that hands batches of order lines
// to a Rust accelerator (rust/src/parse.rs: parse, sum, max, median) through
// a C boundary with an error taxonomy, and shows what happens when Rust
// panics: caught at the boundary and turned into a status, the handle
// poisoned and replaced, the request served by a pure-Go fallback; and,
// through an entry point without catch_unwind, the whole process aborted.
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .                      # the service loop: every kind of answer, a table, exit 0
//	go run . -quick               # the same, a smaller workload
//	go run . -mode panic-caught   # one caught panic, step by step (exit 0)
//	go run . -mode abort          # the same panic without catch_unwind (exit 2)
//	go test                       # the boundary from Go, and every mode
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	os.Exit(run())
}

func run() int {
	mode := flag.String("mode", "serve", "serve (the default: the service loop); or show one behaviour: panic-caught, abort")
	quick := flag.Bool("quick", false, "a smaller workload: 160 requests instead of 480")
	requests := flag.Int("requests", 0, "requests in the workload (default 480; 160 with -quick)")
	workers := flag.Int("workers", 4, "requests handled at once (bounded concurrency)")
	lanes := flag.Int("lanes", 1, "calls one Rust handle runs at once (1 to 64); a call beyond that is answered busy")
	interval := flag.Duration("interval", 250*time.Microsecond, "the mean time between two requests' arrivals (random gaps); 0: all at once")
	seed := flag.Uint64("seed", 1, "the workload's random seed")
	flag.Parse()

	switch *mode {
	case "serve":
	case "panic-caught":
		return showPanicCaught(os.Stdout)
	case "abort":
		return showAbort(os.Stdout)
	default:
		return fail(fmt.Errorf("unknown -mode %q: use serve, panic-caught or abort", *mode))
	}

	n := 480
	if *quick {
		n = 160
	}
	if *requests != 0 {
		n = *requests
	}
	if n < 1 || n > 10_000 {
		return fail(fmt.Errorf("-requests must be from 1 to 10000, got %d", n))
	}
	if *interval < 0 || *interval > 10*time.Millisecond {
		return fail(fmt.Errorf("-interval must be from 0 to 10ms, got %v", *interval))
	}
	if *workers < 1 || *workers > 32 {
		return fail(fmt.Errorf("-workers must be from 1 to 32, got %d", *workers))
	}
	// The defaults take well under a second and a few tens of MB: inside
	// the runner's limits for a run (sandbox-runner/src/config.ts: 10 s,
	// 512 MiB, 64 threads).
	policy := Policy{
		Workers:    *workers,
		Attempts:   5,
		Backoff:    100 * time.Microsecond,
		MaxBackoff: 2 * time.Millisecond,
		Deadline:   50 * time.Millisecond,
	}
	svc, err := NewService(policy, *lanes)
	if err != nil {
		return fail(err)
	}
	defer svc.Close()

	reqs := workload(n, *seed)
	start := time.Now()
	outcomes := svc.Serve(reqs, *interval)
	elapsed := time.Since(start)
	created, retired := svc.Handles()
	c := printReport(os.Stdout, Run{
		Requests: reqs, Outcomes: outcomes, Policy: policy, Lanes: *lanes, Seed: *seed, Interval: *interval,
		Created: created, Retired: retired, Elapsed: elapsed,
	})
	if len(c.Problems) > 0 {
		return 1
	}
	return 0
}

func fail(err error) int {
	fmt.Fprintln(os.Stderr, "panics:", err)
	return 1
}
