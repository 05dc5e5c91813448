package main

// Generated log bodies for the tests, the benchmarks and -sample.
// Provided complete. Deterministic: the same (lines, seed) always gives
// the same bytes.

import (
	"fmt"
	"strconv"
)

// sampleBody returns n log lines in the service's format, each ending in
// '\n'. About one line in 97 is bad, in one of several ways; the rest look
// like a web service's access log: mostly info, short durations with a
// long tail, and an extra key or two.
func sampleBody(n int, seed uint64) []byte {
	state := seed*0x9E3779B97F4A7C15 + 1
	next := func() uint64 { // splitmix64
		state += 0x9E3779B97F4A7C15
		z := state
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	levels := [...]string{"debug", "info", "info", "info", "info", "info", "info", "warn", "warn", "error"}
	resources := [...]string{"orders", "users", "carts", "search", "health"}
	broken := [...]string{
		"ts=%d level=fatal dur_ms=%d path=/api/%s/%d",
		"ts=%d level=info dur_ms=-%d path=/api/%s/%d",
		"ts=%d level=info dur_ms=%d path=api/%s/%d",
		"ts=%d level=warn dur_ms=%d dur_ms=1 path=/api/%s/%d",
	}
	out := make([]byte, 0, n*80)
	ts := uint64(1767225600000)
	for i := range n {
		ts += next() % 50
		r := next()
		// Most requests take a few ms; one in 16 takes up to 2 s.
		dur := r % 40
		if r>>8%16 == 0 {
			dur = r >> 12 % 2000
		}
		res := resources[r>>20%uint64(len(resources))]
		id := r >> 24 % 100000
		if i%97 == 96 {
			out = fmt.Appendf(out, broken[(i/97)%len(broken)]+"\n", ts, dur, res, id)
			continue
		}
		out = append(out, "ts="...)
		out = strconv.AppendUint(out, ts, 10)
		out = append(out, " level="...)
		out = append(out, levels[r>>40%uint64(len(levels))]...)
		out = append(out, " dur_ms="...)
		out = strconv.AppendUint(out, dur, 10)
		out = append(out, " path=/api/"...)
		out = append(out, res...)
		out = append(out, '/')
		out = strconv.AppendUint(out, id, 10)
		out = append(out, " status="...)
		out = strconv.AppendUint(out, 200+r>>48%4*100, 10)
		out = append(out, '\n')
	}
	return out
}
