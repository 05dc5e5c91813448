package main

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"time"
)

// The runtime/metrics this program reads around each way's timed calls.
// Their meanings: src/runtime/metrics/description.go in the Go source, or
// https://pkg.go.dev/runtime/metrics.
const (
	mAllocBytes   = "/gc/heap/allocs:bytes"
	mAllocObjects = "/gc/heap/allocs:objects"
	mCgoCalls     = "/cgo/go-to-c-calls:calls"
)

var metricNames = []string{mAllocBytes, mAllocObjects, mCgoCalls}

// counterSamples is reused by every read, so that reading the counters
// allocates nothing that the next reading would count.
var counterSamples = func() []metrics.Sample {
	samples := make([]metrics.Sample, len(metricNames))
	for i, name := range metricNames {
		samples[i].Name = name
	}
	return samples
}()

func readCounters() [3]uint64 {
	metrics.Read(counterSamples)
	var out [3]uint64
	for i, s := range counterSamples {
		if s.Value.Kind() == metrics.KindUint64 {
			out[i] = s.Value.Uint64()
		}
	}
	return out
}

// settings says how hard to measure.
type settings struct {
	Reps   int           // timed repetitions; the report gives their median
	PerRep time.Duration // each repetition runs calls for about this long
	Warmup time.Duration // untimed calls first, for about this long
}

// cell is what one way measured at one size.
type cell struct {
	Way, Bytes       int
	Skipped          bool
	Calls            int     // timed calls, over all repetitions
	NsPerCall        float64 // median over the repetitions
	AllocBytes       float64 // per call, from /gc/heap/allocs:bytes
	AllocObjects     float64 // per call, from /gc/heap/allocs:objects
	CgoCalls         float64 // per call, from /cgo/go-to-c-calls:calls
	Checksum         uint64
	Norm             float64
	MatchesReference bool // same bits as the pure-Go reference
}

// sink keeps the results of timed calls alive, so no call can be dropped.
var sink float64

func discard(out []float32, norm float64) {
	if len(out) > 0 {
		sink += float64(out[0])
	}
	sink += norm
}

// check runs w once on a copy of input and returns the checksum of its
// result and the norm.
func check(w way, input []float32) (uint64, float64, error) {
	var sum uint64
	var norm float64
	err := w.Call(slices.Clone(input), func(out []float32, n float64) {
		sum, norm = checksum(out, n), n
	})
	if err != nil {
		return 0, 0, err
	}
	return sum, norm, nil
}

// measure times w on input: warm-up, then Reps repetitions of a batch of
// calls sized to take about PerRep each. The allocation and cgo counters
// are read before and after all the timed calls, each time right after
// runtime.GC(): the runtime counts small allocations when a span leaves a
// per-P cache (mcache.refill in src/runtime/mcache.go), and a collection
// flushes those caches, so the counts are exact rather than lagging.
func measure(w way, input []float32, s settings) (cell, error) {
	work := slices.Clone(input)
	call := func() error { return w.Call(work, discard) }

	// Warm up, and learn how long one call takes.
	start := time.Now()
	warm := 0
	for warm < 2 || time.Since(start) < s.Warmup {
		if err := call(); err != nil {
			return cell{}, err
		}
		warm++
	}
	perCall := time.Since(start) / time.Duration(warm)
	batch := max(1, int(s.PerRep/max(perCall, 1)))

	times := make([]float64, s.Reps)
	runtime.GC()
	before := readCounters()
	for rep := range times {
		t0 := time.Now()
		for range batch {
			if err := call(); err != nil {
				return cell{}, err
			}
		}
		times[rep] = float64(time.Since(t0).Nanoseconds()) / float64(batch)
	}
	runtime.GC()
	after := readCounters()
	calls := s.Reps * batch
	per := func(i int) float64 { return float64(after[i]-before[i]) / float64(calls) }
	return cell{
		Bytes:        4 * len(input),
		Calls:        calls,
		NsPerCall:    median(times),
		AllocBytes:   per(0),
		AllocObjects: per(1),
		CgoCalls:     per(2),
	}, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// sweep checks and measures every way at every size. cells[i][j] is size
// i, way j; refs[i] holds the pure-Go reference's checksum and norm at size i.
func sweep(all []way, sizes []int, s settings) (cells [][]cell, refs []cell, err error) {
	cells = make([][]cell, len(sizes))
	refs = make([]cell, len(sizes))
	for i, bytes := range sizes {
		input := vector(bytes / 4)
		ref := slices.Clone(input)
		norm := normalizeGo(ref)
		want := checksum(ref, norm)
		refs[i] = cell{Way: -1, Bytes: bytes, Checksum: want, Norm: norm, MatchesReference: true}
		cells[i] = make([]cell, len(all))
		for j, w := range all {
			c := cell{Way: j, Bytes: bytes}
			if w.MaxBytes > 0 && bytes > w.MaxBytes {
				c.Skipped = true
				cells[i][j] = c
				continue
			}
			sum, n, err := check(w, input)
			if err != nil {
				return nil, nil, fmt.Errorf("%s at %s: %w", w.Name, size(bytes), err)
			}
			m, err := measure(w, input, s)
			if err != nil {
				return nil, nil, fmt.Errorf("%s at %s: %w", w.Name, size(bytes), err)
			}
			m.Way, m.Checksum, m.Norm, m.MatchesReference = j, sum, n, sum == want
			cells[i][j] = m
		}
	}
	return cells, refs, nil
}
