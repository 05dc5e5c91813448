package main

import (
	"bufio"
	"math"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// The runtime/metrics this program reads. Their meanings are documented in
// the Go source, src/runtime/metrics/description.go, and at
// https://pkg.go.dev/runtime/metrics.
const (
	mCycles   = "/gc/cycles/total:gc-cycles"
	mGCCPU    = "/cpu/classes/gc/total:cpu-seconds"
	mAssist   = "/cpu/classes/gc/mark/assist:cpu-seconds"
	mTotalCPU = "/cpu/classes/total:cpu-seconds"
	mIdleCPU  = "/cpu/classes/idle:cpu-seconds"
	mPauses   = "/sched/pauses/total/gc:seconds"
	mGoal     = "/gc/heap/goal:bytes"
	mLive     = "/gc/heap/live:bytes"
	mScan     = "/gc/scan/heap:bytes"
	mAllocs   = "/gc/heap/allocs:bytes"
)

var metricNames = []string{mCycles, mGCCPU, mAssist, mTotalCPU, mIdleCPU, mPauses, mGoal, mLive, mScan, mAllocs}

// snapshot is one reading of every metric above.
type snapshot map[string]metrics.Value

func readMetrics() snapshot {
	samples := make([]metrics.Sample, len(metricNames))
	for i, name := range metricNames {
		samples[i].Name = name
	}
	metrics.Read(samples)
	s := make(snapshot, len(samples))
	for _, sample := range samples {
		s[sample.Name] = sample.Value
	}
	return s
}

func (s snapshot) uint(name string) uint64 {
	if v := s[name]; v.Kind() == metrics.KindUint64 {
		return v.Uint64()
	}
	return 0
}

func (s snapshot) float(name string) float64 {
	if v := s[name]; v.Kind() == metrics.KindFloat64 {
		return v.Float64()
	}
	return 0
}

// pauses returns how many GC pauses happened between two snapshots and the
// upper bound of the bucket holding the longest one. The runtime records
// pauses in a histogram, so the longest is known only to its bucket.
func pauses(before, after snapshot) (count uint64, longest time.Duration) {
	a, b := after[mPauses], before[mPauses]
	if a.Kind() != metrics.KindFloat64Histogram || b.Kind() != metrics.KindFloat64Histogram {
		return 0, 0
	}
	ha, hb := a.Float64Histogram(), b.Float64Histogram()
	for i := range ha.Counts {
		n := ha.Counts[i] - hb.Counts[i]
		if n == 0 {
			continue
		}
		count += n
		upper := ha.Buckets[i+1]
		if math.IsInf(upper, 1) {
			upper = ha.Buckets[i]
		}
		longest = time.Duration(upper * float64(time.Second))
	}
	return count, longest
}

// rssBytes returns the process's resident set size (VmRSS) and its peak
// (VmHWM) from /proc/self/status: memory the kernel gives the process,
// whoever allocated it. 0 where /proc is not available.
func rssBytes() (now, peak uint64) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			continue
		}
		if name == "VmRSS" {
			now = kb * 1024
		} else {
			peak = kb * 1024
		}
	}
	return now, peak
}
