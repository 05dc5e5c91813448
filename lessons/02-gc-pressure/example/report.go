package main

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// printReport prints the settings, three tables, the check and the reading.
func printReport(out io.Writer, w workload, results []result) {
	first := results[0]
	fmt.Fprintf(out, "gcpressure: %s %s/%s, GOMAXPROCS=%d, collector: %s, GOGC=%s, GOMEMLIMIT=%s\n",
		first.GoVersion, runtime.GOOS, runtime.GOARCH, first.GOMAXPROCS, first.Collector, gogc(), memLimit())
	fmt.Fprintf(out, "workload: a window of the last %s samples over %s keys; then %s timed batches of %s samples, each decoded from a new %s request body\n",
		count(uint64(w.Window)), count(uint64(w.Keys)), count(uint64(w.Batches)), count(uint64(w.Batch)), kib(uint64(w.Batch*sampleBytes)))
	if len(results) > 1 {
		fmt.Fprintln(out, "each variant ran in its own process; figures cover the timed batches (heap and RSS: at the end)")
	} else {
		fmt.Fprintln(out, "one variant, run in this process; figures cover the timed batches (heap and RSS: at the end)")
	}

	fmt.Fprintln(out, "\nvariants:")
	for _, v := range variants {
		fmt.Fprintf(out, "  %-12s %s\n", v.name, v.state)
	}

	fmt.Fprintln(out, "\nGC work during the timed batches")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "variant\tGC cycles\tGC CPU\tof it, assists\tshare of used CPU\tGC pauses\tlongest pause\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%d\t≤ %s\t\n", r.Variant, r.Cycles, secs(r.GCCPU), secs(r.AssistCPU),
			percent(r.GCCPU, r.UsedCPU), r.Pauses, dur(r.LongestGC))
	}
	tw.Flush()

	fmt.Fprintln(out, "\ntime per batch (decode, add to the window, read 4 keys' totals)")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "variant\tp50\tp99\tp99.9\tmax\tall batches\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Variant, dur(r.P50), dur(r.P99), dur(r.P999), dur(r.Max), secs(r.Seconds))
	}
	tw.Flush()

	fmt.Fprintln(out, "\nmemory at the end (the heap figures right after one more collection)")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "variant\theap goal\tlive heap\tscannable heap\tallocated while timed\tRSS\theld in Rust\t")
	for _, r := range results {
		rust := "-"
		if r.RustBytes > 0 {
			rust = mib(r.RustBytes)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Variant, mib(r.HeapGoal), mib(r.HeapLive), mib(r.ScanHeap),
			mib(r.Allocated), mibOrNA(r.RSS), rust)
	}
	tw.Flush()

	fmt.Fprintln(out)
	if agree(results) {
		s := results[0].Summary
		which := "every variant ends with the same window"
		if len(results) == 1 {
			which = "the window ends with"
		}
		fmt.Fprintf(out, "check: ok, %s: %s samples, %s keys, sum %d, %s evicted\n",
			which, count(s.Samples), count(s.Keys), s.Sum, count(s.Evicted))
	} else {
		fmt.Fprintln(out, "check: FAILED, the variants disagree:")
		for _, r := range results {
			fmt.Fprintf(out, "  %s: %+v\n", r.Variant, r.Summary)
		}
	}
	fmt.Fprintf(out, "read from runtime/metrics: %s\n", strings.Join(metricNames, ", "))
	for _, line := range reading(results) {
		fmt.Fprintln(out, "reading:", line)
	}
}

// agree reports whether every variant ended with the same window.
func agree(results []result) bool {
	for _, r := range results[1:] {
		if r.Summary != results[0].Summary {
			return false
		}
	}
	return true
}

// clearly is the ratio from which the reading calls a difference clear: GC
// CPU on a busy machine varies by tens of percent from run to run.
const clearly = 1.5

// reading says in a sentence or two what this run showed, from its numbers.
func reading(results []result) []string {
	byName := map[string]result{}
	for _, r := range results {
		byName[r.Variant] = r
	}
	ptr, okP := byName["go-pointers"]
	flat, okF := byName["go-flat"]
	rust, okR := byName["rust-handle"]
	if !okP || !okF || !okR {
		return nil // one variant alone: the tables say it all
	}
	var lines []string
	lo := math.Min(flat.GCCPU, rust.GCCPU)
	if ptr.GCCPU >= clearly*lo {
		lines = append(lines, fmt.Sprintf("the pointer-rich window cost %s of GC CPU, %s go-flat's %s and %s rust-handle's %s; it allocated %s as much (a node per sample), but its scannable heap was %s to go-flat's %s",
			secs(ptr.GCCPU), times(ptr.GCCPU, flat.GCCPU), secs(flat.GCCPU), times(ptr.GCCPU, rust.GCCPU), secs(rust.GCCPU),
			times(float64(ptr.Allocated), float64(flat.Allocated)), mib(ptr.ScanHeap), mib(flat.ScanHeap)))
	} else {
		lines = append(lines, fmt.Sprintf("no clear difference in GC CPU on this run: go-pointers %s, go-flat %s, rust-handle %s",
			secs(ptr.GCCPU), secs(flat.GCCPU), secs(rust.GCCPU)))
	}
	if rust.Cycles > ptr.Cycles {
		lines = append(lines, fmt.Sprintf("rust-handle ran %d GC cycles to go-pointers' %d: its Go heap is small, so its heap goal (%s) is too, and the same garbage reaches it sooner; each of those cycles has little to mark",
			rust.Cycles, ptr.Cycles, mib(rust.HeapGoal)))
	}
	if rust.RustBytes > 0 {
		lines = append(lines, fmt.Sprintf("rust-handle keeps %s of state in Rust's heap: in its RSS (%s), but not in Go's heap goal (%s), its heap profile or GOMEMLIMIT",
			mib(rust.RustBytes), mibOrNA(rust.RSS), mib(rust.HeapGoal)))
	}
	return lines
}

// collector names the garbage collector this binary was built with. Green
// Tea is the default from Go 1.26; GOEXPERIMENT at build time can change it.
func collector() string {
	experiment := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "GOEXPERIMENT" {
				experiment = s.Value
			}
		}
	}
	for _, e := range strings.Split(experiment, ",") {
		switch e {
		case "nogreenteagc":
			return "classic (GOEXPERIMENT=nogreenteagc)"
		case "greenteagc":
			return "Green Tea (GOEXPERIMENT=greenteagc)"
		}
	}
	if goMinor() >= 26 {
		return "Green Tea (the default since Go 1.26)"
	}
	return "classic (the default before Go 1.26)"
}

// goMinor is 26 for go1.26.x; 0 when the version cannot be read.
func goMinor() int {
	v := strings.TrimPrefix(runtime.Version(), "go1.")
	end := strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	if end >= 0 {
		v = v[:end]
	}
	n, _ := strconv.Atoi(v)
	return n
}

func gogc() string {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	if percent < 0 {
		return "off"
	}
	return strconv.Itoa(percent)
}

func memLimit() string {
	limit := debug.SetMemoryLimit(-1) // a negative value reads the limit without changing it
	if limit == math.MaxInt64 {
		return "none"
	}
	return mib(uint64(limit))
}

func secs(s float64) string { return fmt.Sprintf("%.3f s", s) }

func dur(ns int64) string {
	d := time.Duration(ns)
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond))
	}
}

func kib(b uint64) string { return fmt.Sprintf("%.0f KiB", float64(b)/(1<<10)) }

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func mibOrNA(b uint64) string {
	if b == 0 {
		return "n/a"
	}
	return mib(b)
}

func percent(part, whole float64) string {
	if whole <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", 100*part/whole)
}

// times says how a compares with b: "12x" or, below 1, "0.5x".
func times(a, b float64) string {
	if b <= 0 {
		return "far more than"
	}
	r := a / b
	if r >= 10 {
		return fmt.Sprintf("%.0fx", r)
	}
	return fmt.Sprintf("%.1fx", r)
}

// count formats n with thousands separators: 1000000 -> 1,000,000.
func count(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
