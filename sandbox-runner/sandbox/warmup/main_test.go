package main

import "testing"

func TestSumSquares(t *testing.T) {
	if got := sumSquares([]uint32{1, 2, 3}); got != 14 {
		t.Fatalf("sumSquares(1,2,3) = %d, want 14", got)
	}
	if got := sumSquares(nil); got != 0 {
		t.Fatalf("sumSquares(nil) = %d, want 0", got)
	}
}
