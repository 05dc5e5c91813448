// Command gcpressure feeds the same stream of samples to a sliding-window
// aggregator held three ways (Go objects linked by pointers, pointer-free Go
// slices and maps, and Rust memory behind a handle) and prints what Go's
// runtime reports for each: GC cycles, GC CPU and mark-assist CPU, GC
// pauses, per-batch latency percentiles, heap goal, live and scannable heap,
// and the process's resident memory.
//
// Each variant runs in its own process (this binary again, with -variant),
// so no variant inherits another's heap or GC pacing.
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .                                   # all three variants
//	go run . -quick                            # a smaller workload
//	GODEBUG=gctrace=1 go run . -variant go-pointers -quick
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"time"
)

// result is what one variant's run measured.
type result struct {
	Variant  string   `json:"variant"`
	Workload workload `json:"workload"`

	Cycles     uint64  `json:"gcCycles"`
	GCCPU      float64 `json:"gcCpuSeconds"`
	AssistCPU  float64 `json:"assistCpuSeconds"`
	UsedCPU    float64 `json:"usedCpuSeconds"` // available CPU (GOMAXPROCS x wall time) minus idle
	Pauses     uint64  `json:"gcPauses"`
	LongestGC  int64   `json:"longestPauseNs"`
	P50        int64   `json:"p50Ns"`
	P99        int64   `json:"p99Ns"`
	P999       int64   `json:"p999Ns"`
	Max        int64   `json:"maxNs"`
	HeapGoal   uint64  `json:"heapGoalBytes"`
	HeapLive   uint64  `json:"heapLiveBytes"`
	ScanHeap   uint64  `json:"scannableHeapBytes"`
	Allocated  uint64  `json:"allocatedBytes"`
	RSS        uint64  `json:"rssBytes"`
	PeakRSS    uint64  `json:"peakRssBytes"`
	RustBytes  uint64  `json:"rustBytes"`
	Seconds    float64 `json:"seconds"`
	Summary    Summary `json:"summary"`
	GoVersion  string  `json:"goVersion"`
	Collector  string  `json:"collector"`
	GOMAXPROCS int     `json:"gomaxprocs"`
}

func main() {
	quick := flag.Bool("quick", false, "a smaller workload: 200,000-sample window, 3,000 timed batches")
	only := flag.String("variant", "", "run only this variant, in this process (go-pointers, go-flat or rust-handle)")
	asJSON := flag.Bool("json", false, "print each variant's result as one JSON line instead of tables")
	w := workload{Keys: 100_000, Batch: 512, Seed: 42}
	flag.IntVar(&w.Window, "window", 0, "samples the window keeps (default 1,000,000; 200,000 with -quick)")
	flag.IntVar(&w.Batches, "batches", 0, "batches timed after the window is full (default 12,000; 3,000 with -quick)")
	flag.IntVar(&w.Keys, "keys", w.Keys, "distinct keys the samples are drawn from")
	flag.IntVar(&w.Batch, "batch", w.Batch, "samples per batch")
	flag.Parse()
	w = sizeWorkload(w, *quick)
	if err := validate(w); err != nil {
		fail(err)
	}

	var results []result
	if *only != "" {
		v, ok := findVariant(*only)
		if !ok {
			fail(fmt.Errorf("unknown variant %q: use go-pointers, go-flat or rust-handle", *only))
		}
		r, err := measure(v, w)
		if err != nil {
			fail(fmt.Errorf("%s: %w", v.name, err))
		}
		results = []result{r}
	} else {
		for _, v := range variants {
			r, err := measureInChild(v, w)
			if err != nil {
				fail(fmt.Errorf("%s: %w", v.name, err))
			}
			results = append(results, r)
		}
	}

	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		for _, r := range results {
			_ = enc.Encode(r)
		}
		return
	}
	printReport(os.Stdout, w, results)
	if !agree(results) {
		os.Exit(1)
	}
}

// sizeWorkload fills in the sizes that depend on -quick.
func sizeWorkload(w workload, quick bool) workload {
	window, batches := 1_000_000, 12_000
	if quick {
		window, batches = 200_000, 3_000
	}
	if w.Window == 0 {
		w.Window = window
	}
	if w.Batches == 0 {
		w.Batches = batches
	}
	if w.Keys > w.Window {
		w.Keys = w.Window
	}
	return w
}

func validate(w workload) error {
	switch {
	case w.Window < 1 || w.Window > 50_000_000:
		return fmt.Errorf("-window must be between 1 and 50,000,000, got %d", w.Window)
	case w.Keys < 1:
		return fmt.Errorf("-keys must be at least 1, got %d", w.Keys)
	case w.Batch < 1 || w.Batch > 1<<20:
		return fmt.Errorf("-batch must be between 1 and 1,048,576, got %d", w.Batch)
	case w.Batches < 1:
		return fmt.Errorf("-batches must be at least 1, got %d", w.Batches)
	}
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gcpressure:", err)
	os.Exit(1)
}

// measure runs one variant in this process: fill the window, collect once so
// every variant starts from a just-collected heap, then time the batches
// while the runtime's counters run.
func measure(v variant, w workload) (result, error) {
	win, err := v.new(w.Window)
	if err != nil {
		return result{}, err
	}
	defer win.Free()
	reqs := newRequests(w)
	if err := fill(win, reqs); err != nil {
		return result{}, err
	}
	runtime.GC()
	before := readMetrics()
	start := time.Now()
	times, err := timeBatches(win, reqs)
	if err != nil {
		return result{}, err
	}
	elapsed := time.Since(start)
	after := readMetrics()

	r := result{
		Variant:    v.name,
		Workload:   w,
		Cycles:     after.uint(mCycles) - before.uint(mCycles),
		GCCPU:      after.float(mGCCPU) - before.float(mGCCPU),
		AssistCPU:  after.float(mAssist) - before.float(mAssist),
		UsedCPU:    (after.float(mTotalCPU) - after.float(mIdleCPU)) - (before.float(mTotalCPU) - before.float(mIdleCPU)),
		P50:        int64(percentile(times, 50)),
		P99:        int64(percentile(times, 99)),
		P999:       int64(percentile(times, 99.9)),
		Max:        int64(percentile(times, 100)),
		Allocated:  after.uint(mAllocs) - before.uint(mAllocs),
		Seconds:    elapsed.Seconds(),
		GoVersion:  runtime.Version(),
		Collector:  collector(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
	}
	var longest time.Duration
	r.Pauses, longest = pauses(before, after)
	r.LongestGC = int64(longest)
	if r.Summary, err = win.Summary(); err != nil {
		return result{}, err
	}
	if rw, ok := win.(*RustWindow); ok {
		if r.RustBytes, err = rw.RustBytes(); err != nil {
			return result{}, err
		}
	}
	r.RSS, r.PeakRSS = rssBytes()
	// The heap figures come from one more collection, after everything else
	// is read. Between cycles the runtime adds every new allocation to the
	// scannable heap (runtime/mgcpacer.go, heapScan), garbage included, so
	// a reading at a random moment lands anywhere from the live figure to
	// nearly the goal. Right after a cycle they are the window itself.
	runtime.GC()
	final := readMetrics()
	r.HeapGoal, r.HeapLive, r.ScanHeap = final.uint(mGoal), final.uint(mLive), final.uint(mScan)
	return r, nil
}

// measureInChild runs this same binary with -variant and -json, so the
// variant gets a fresh process: its own heap, GC pacing and RSS.
func measureInChild(v variant, w workload) (result, error) {
	self, err := os.Executable()
	if err != nil {
		return result{}, fmt.Errorf("cannot find this program's path to run the variant: %w", err)
	}
	cmd := exec.Command(self, "-variant", v.name, "-json",
		"-window", strconv.Itoa(w.Window), "-keys", strconv.Itoa(w.Keys),
		"-batch", strconv.Itoa(w.Batch), "-batches", strconv.Itoa(w.Batches))
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr // GODEBUG=gctrace=1 output passes through
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("its process failed: %w", err)
	}
	var r result
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return result{}, fmt.Errorf("its process printed no result: %w", err)
	}
	return r, nil
}
