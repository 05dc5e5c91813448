package main

// go run . -compare: both parsers on the same bodies at several sizes, and
// a verdict per size that says only what the numbers support (Task 4).

import (
	"fmt"
	"io"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"time"
)

// minRatio is how far apart two medians must be for a verdict to name a
// winner: 10%. Below that, differences between runs of the same program
// on a busy machine are of the same size.
const minRatio = 1.10

// Verdict is what one size's numbers say. Winner is "go", "rust", or ""
// when they show no clear difference. Ratio is the slower median over the
// faster one (1 or more; 0 when there was nothing to compare).
type Verdict struct {
	Winner string
	Ratio  float64
}

func (v Verdict) String() string {
	if v.Winner == "" {
		return "no clear difference"
	}
	return fmt.Sprintf("%s %.1fx faster", v.Winner, v.Ratio)
}

// median of xs, without changing xs: the middle value, or the mean of the
// two middle values when len(xs) is even; 0 when xs is empty.
//
// Task 4.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// decide compares the rounds of the two parsers (ns per line, one value
// per round, in any order) and names a winner only when both hold:
//
//   - the slower median is at least minRatio times the faster one, and
//   - every round of the faster parser beat every round of the slower one
//     (the two ranges do not overlap).
//
// Otherwise the Winner is "" (no clear difference). Ratio is always the
// slower median over the faster one. It must not change its arguments.
//
// Task 4.
func decide(goNs, rustNs []float64) Verdict {
	if len(goNs) == 0 || len(rustNs) == 0 {
		return Verdict{}
	}
	goMed, rustMed := median(goNs), median(rustNs)
	if goMed <= 0 || rustMed <= 0 {
		return Verdict{}
	}
	v := Verdict{Winner: "go", Ratio: rustMed / goMed}
	if rustMed < goMed {
		v = Verdict{Winner: "rust", Ratio: goMed / rustMed}
	}
	if v.Ratio < minRatio {
		v.Winner = ""
	}
	return v
}

// Row is one size's measurements: ns per line, one value per round.
type Row struct {
	Lines    int
	Go, Rust []float64
}

// The table's layout. spread is (slowest round - fastest round) / median,
// in percent: how much the rounds disagree.
const (
	tableHeader = "   lines   go ns/line  spread   rust ns/line  spread  verdict\n"
	rowFormat   = "%8d  %11.1f  %5.0f%%  %13.1f  %5.0f%%  %s\n"
)

// spread is (max - min) / median of xs, in percent; 0 when xs is empty.
//
// Task 4.
func spread(xs []float64) float64 {
	m := median(xs)
	if m == 0 {
		return 0
	}
	return (slices.Max(xs) - slices.Min(xs)) / m * 100
}

// formatTable is tableHeader, then one rowFormat line per row: lines, Go's
// median and spread, Rust's median and spread, and decide's verdict.
//
// Task 4.
func formatTable(rows []Row) string {
	var b strings.Builder
	b.WriteString(tableHeader)
	for _, r := range rows {
		fmt.Fprintf(&b, rowFormat, r.Lines, median(r.Go), spread(r.Go), median(r.Rust), spread(r.Rust), decide(r.Go, r.Rust))
	}
	return b.String()
}

// A parser as the comparison runs it.
type parser struct {
	name      string
	summarize func([]byte) (Summary, error)
}

// measureRound times summarize on body for at least roundTime and returns
// nanoseconds per line.
func measureRound(summarize func([]byte) (Summary, error), body []byte, lines int, roundTime time.Duration) float64 {
	iterations := 0
	start := time.Now()
	for {
		// Check the clock every few calls, not after each one: time.Since
		// costs tens of nanoseconds, as much as a one-line body.
		for range 8 {
			if _, err := summarize(body); err != nil {
				panic(err) // runCompare checked both parsers on this body first
			}
		}
		iterations += 8
		if elapsed := time.Since(start); elapsed >= roundTime {
			return float64(elapsed.Nanoseconds()) / float64(iterations*lines)
		}
	}
}

// runCompare measures goParser and rustParser on sampleBody(n, 1) for each
// n in sizes, in alternating rounds, and writes the table. It refuses to
// time parsers that disagree on a body.
func runCompare(w io.Writer, goParser, rustParser parser, sizes []int, rounds int, roundTime time.Duration) error {
	fmt.Fprintf(w, "%s %s/%s, %d CPUs; %d rounds of at least %v per parser and size, alternating\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), rounds, roundTime)
	var rows []Row
	for _, n := range sizes {
		body := sampleBody(n, 1)
		a, errA := goParser.summarize(body)
		b, errB := rustParser.summarize(body)
		if errA != nil || errB != nil || !reflect.DeepEqual(a, b) {
			return fmt.Errorf("at %d lines the parsers disagree (%s: %+v, %v; %s: %+v, %v): make the tests of Task 3 pass first",
				n, goParser.name, a, errA, rustParser.name, b, errB)
		}
		row := Row{Lines: n}
		// Warm up both (caches, branch predictors, the heap's size), then alternate.
		measureRound(goParser.summarize, body, n, roundTime/4)
		measureRound(rustParser.summarize, body, n, roundTime/4)
		for range rounds {
			row.Go = append(row.Go, measureRound(goParser.summarize, body, n, roundTime))
			row.Rust = append(row.Rust, measureRound(rustParser.summarize, body, n, roundTime))
		}
		rows = append(rows, row)
	}
	io.WriteString(w, formatTable(rows))
	fmt.Fprintf(w, "\nns/line: median of the rounds; spread: (slowest - fastest) / median.\n"+
		"A verdict names a winner only when the medians are at least %.0f%% apart and no round overlaps.\n", (minRatio-1)*100)
	return nil
}
