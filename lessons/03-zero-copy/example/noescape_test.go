package main

import (
	"testing"
)

// The same Rust function called through three C declarations. Compare with
//
//	go test -run '^$' -bench SumSquares -benchmem
//	go build -gcflags=-m 2>&1 | grep rust.go
//
// With both #cgo noescape and #cgo nocallback, `out` stays on the stack (0
// allocs/op; -m says "v does not escape"). Without them it moves to the heap
// ("moved to heap: out", 1 alloc/op). In Go 1.26 noescape alone is not
// enough: cgo keeps arguments alive without forcing them to the heap only
// when both are given (src/cmd/cgo/out.go).
func BenchmarkSumSquares(b *testing.B) {
	v := vector(16)
	for _, bc := range []struct {
		name string
		sum  func([]float32) (float64, error)
	}{
		{"plain", SumSquares},
		{"noescape+nocallback", SumSquaresAnnotated},
		{"noescape-only", SumSquaresNoescapeOnly},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := bc.sum(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestAnnotationsKeepTheOutPointerOffTheHeap(t *testing.T) {
	v := vector(16)
	want := sumSquaresGo(v)
	allocs := func(sum func([]float32) (float64, error)) float64 {
		return testing.AllocsPerRun(1000, func() {
			if got, err := sum(v); err != nil || got != want {
				t.Fatalf("sum = %v, %v; want %v", got, err, want)
			}
		})
	}
	plain, annotated, noescapeOnly := allocs(SumSquares), allocs(SumSquaresAnnotated), allocs(SumSquaresNoescapeOnly)
	t.Logf("allocations per call: plain %v, noescape+nocallback %v, noescape only %v", plain, annotated, noescapeOnly)
	if plain < 1 {
		t.Errorf("the plain declaration allocated %v per call; cgo should move out to the heap", plain)
	}
	if annotated != 0 {
		t.Errorf("the annotated declaration allocated %v per call, want 0", annotated)
	}
}
