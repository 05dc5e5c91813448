// Command batching measures, on this machine, what a cgo crossing costs and
// how batching spreads that cost: a Rust dot product called once per
// element, once per batch for batch sizes 1 to 65536, and the same loop in
// pure Go. It checks that all of them compute the same number, prints a
// table, and says where batching stops paying.
//
// Build the Rust side first, then run this program:
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .          # the full sweep (a few seconds)
//	go run . -quick   # a short sweep, for tests and slow machines
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"text/tabwriter"
	"time"
)

// dataLen is the length of each array, and also the largest batch size.
// Every row of the sweep reads the same two arrays (512 KiB in all), so the
// rows differ only in how many crossings they make, not in where the data is.
const dataLen = 1 << 16

func main() {
	quick := flag.Bool("quick", false, "measure each row for 3 x 2 ms instead of 7 x 20 ms (noisier, for tests)")
	flag.Parse()

	c := config{dataLen: dataLen, minTime: 20 * time.Millisecond, reps: 7}
	if *quick {
		c.minTime, c.reps = 2*time.Millisecond, 3
	}
	a, b := exactData(dataLen, 1), exactData(dataLen, 2)

	rows, err := sweep(c, a, b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sweep failed:", err)
		os.Exit(1)
	}
	printHeader(os.Stdout, c)
	printTable(os.Stdout, rows)
	ok := printCheck(os.Stdout, rows, reference(a, b))
	printReading(os.Stdout, rows)
	if !ok {
		os.Exit(1)
	}
}

// exactData returns n pseudo-random multiples of 1/8 in [-1, 1].
//
// With such values every product is a multiple of 1/64 and no partial sum
// of up to 65536 products needs more than 22 significant bits; float32 has
// 24. So every summation order gives exactly the same float32 result, and
// the check can demand equality instead of guessing a rounding tolerance.
// (With longer arrays the worst case no longer fits, but sums of random
// signs stay far below it in practice.) If you change the data, keep that
// property or the check will fail.
func exactData(n int, seed uint32) []float32 {
	out := make([]float32, n)
	state := seed*2654435761 | 1
	for i := range out {
		state ^= state << 13
		state ^= state >> 17
		state ^= state << 5
		out[i] = float32(int(state%17)-8) / 8
	}
	return out
}

// reference is the dot product computed in float64 in the most obvious way.
func reference(a, b []float32) float64 {
	var sum float64
	for i := range a {
		sum += float64(a[i]) * float64(b[i])
	}
	return sum
}

func printHeader(w io.Writer, c config) {
	fmt.Fprintf(w, "Batching across cgo: dot product of two float32 arrays of %d elements\n", c.dataLen)
	fmt.Fprintf(w, "each row: the median of %d measurements of at least %v, each repeating whole passes over the arrays\n",
		c.reps, c.minTime)
	fmt.Fprintf(w, "%s %s/%s, GOMAXPROCS=%d, GODEBUG=%q\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), os.Getenv("GODEBUG"))
}

func printTable(w io.Writer, rows []row) {
	var pure float64
	for _, r := range rows {
		if r.mode == "pure-go" {
			pure = r.nsPerElem
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "mode\tbatch\tcgo calls/pass\tns/element\tvs pure Go\t")
	for _, r := range rows {
		batch := "-"
		if r.batch > 0 {
			batch = fmt.Sprint(r.batch)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.3f\t%.2fx\t\n", r.mode, batch, r.calls, r.nsPerElem, r.nsPerElem/pure)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// printCheck reports whether every loop produced the reference result, and
// returns false if one did not.
func printCheck(w io.Writer, rows []row, want float64) bool {
	ok := true
	for _, r := range rows {
		if r.passResult != want {
			ok = false
			fmt.Fprintf(w, "check: FAILED: %s (batch %d) gave %v, the float64 reference is %v\n",
				r.mode, r.batch, r.passResult, want)
		}
	}
	if ok {
		fmt.Fprintf(w, "check: ok, all %d loops computed %v, equal to the float64 reference\n", len(rows), want)
	}
	return ok
}

// kneeShare is p in the rule F/B <= p*w: the fixed cost per element may be
// at most 5% of the work per element.
const kneeShare = 0.05

// printReading fits the cost model and says in one line what the run shows:
// the fixed cost of one batch call and the work per element, the batch size
// from which the fixed cost is under 5% of the work, and how calling Rust
// compares with staying in Go.
func printReading(w io.Writer, rows []row) {
	m := fitCostModel(rows)
	fmt.Fprintf(w, "model: ns/element = %.2f/batch + %.3f (fit to the per-batch rows, weighted by relative error)\n",
		m.fixedNs, m.perElemNs)

	var perElem, pure row
	for _, r := range rows {
		switch r.mode {
		case "per-element":
			perElem = r
		case "pure-go":
			pure = r
		}
	}
	vsGo := fmt.Sprintf("the pure-Go loop (%.3f ns/element) is faster at the largest batch size, so calling Rust does not pay here",
		pure.nsPerElem)
	if from, ok := rustWinsFrom(rows, pure.nsPerElem); ok {
		vsGo = fmt.Sprintf("calling Rust beats the pure-Go loop (%.3f ns/element) at batch size %d and every larger one",
			pure.nsPerElem, from)
	}
	crossing := fmt.Sprintf("one call per element costs %.3f ns/element", perElem.nsPerElem)

	need, okNeed := m.threshold(kneeShare)
	k, ok := m.kneeBatch(kneeShare)
	if !ok || !okNeed {
		fmt.Fprintf(w, "reading: the fit gave no positive costs (too noisy: run again without -quick); %s; %s.\n",
			crossing, vsGo)
		return
	}
	at := fmt.Sprintf("beyond the largest batch measured (%d)", dataLen)
	for _, r := range rows {
		if r.mode == "per-batch" && r.batch == k {
			at = fmt.Sprintf("measured here at %.3f ns/element", r.nsPerElem)
		}
	}
	fmt.Fprintf(w, "reading: each batch call has a fixed cost of about %.1f ns and each element %.3f ns of work; "+
		"the fixed cost is under %.0f%% of the work from %.0f elements per call, so from batch size %d among the sizes "+
		"measured (%s); %s; %s.\n",
		m.fixedNs, m.perElemNs, kneeShare*100, math.Ceil(need), k, at, crossing, vsGo)
}
