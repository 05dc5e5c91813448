package main

// Benchmarks of both parsers, the testing.B way. They run only when asked:
//
//	go test -run '^$' -bench . -count 5
//
// Each reports ns/line besides ns/op; compare the two parsers at the same
// size, and read the notes on the capstone's page before you conclude.

import (
	"fmt"
	"testing"
)

func BenchmarkSummarize(b *testing.B) {
	for _, lines := range []int{1, 10, 100, 1000, 10000} {
		body := sampleBody(lines, 1)
		for _, p := range []parser{{"go", summarizeGo}, {"rust", summarizeRust}} {
			b.Run(fmt.Sprintf("lines=%d/%s", lines, p.name), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				for b.Loop() {
					if _, err := p.summarize(body); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*lines), "ns/line")
			})
		}
	}
}
