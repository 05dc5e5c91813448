package main

// Task 2: NormalizeInto hands Go's own memory to Rust, with no copy and no
// allocation, and returns errors Go can test.

import (
	"errors"
	"math"
	"testing"
	"unsafe"
)

// reference is the same computation in Go: the norm in float64, in order.
func reference(src []float32) []float32 {
	var sum float64
	for _, x := range src {
		sum += float64(x) * float64(x)
	}
	norm := math.Sqrt(sum)
	out := make([]float32, len(src))
	for i, x := range src {
		if norm != 0 {
			out[i] = float32(float64(x) / norm)
		}
	}
	return out
}

func ramp(n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(i%17) - 8.25
	}
	return s
}

// task: 2
func TestNormalizeIntoMatchesGo(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 64, 1000, 4099} {
		src := ramp(n)
		dst := make([]float32, n+5)
		for i := range dst {
			dst[i] = -1
		}
		if err := NormalizeInto(dst, src); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		want := reference(src)
		for i := range n {
			if dst[i] != want[i] {
				t.Fatalf("n=%d: dst[%d] = %v, want %v", n, i, dst[i], want[i])
			}
		}
		for i := n; i < len(dst); i++ {
			if dst[i] != -1 {
				t.Fatalf("n=%d: dst[%d] = %v: only the first len(src) floats of dst may change", n, i, dst[i])
			}
		}
	}
}

// task: 2
func TestNormalizeIntoPassesGoMemoryNotACopy(t *testing.T) {
	src, dst := ramp(1<<16), make([]float32, 1<<16)
	for _, part := range []int{0, 1, 100} { // also a slice that starts inside its array
		if err := NormalizeInto(dst[part:], src[part:]); err != nil {
			t.Fatal(err)
		}
		if got, want := lastInput(), uintptr(unsafe.Pointer(&src[part])); got != want {
			t.Errorf("src[%d:]: Rust read %#x, but the slice's memory is at %#x: a copy crossed, not Go's memory", part, got, want)
		}
	}
	allocs := testing.AllocsPerRun(20, func() {
		if err := NormalizeInto(dst, src); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("NormalizeInto allocated %v times per call on the Go heap, want 0", allocs)
	}
}

// task: 2
func TestNormalizeIntoErrors(t *testing.T) {
	src := ramp(8)
	cases := []struct {
		name     string
		dst, src []float32
		want     error
	}{
		{"short dst", make([]float32, 7), src, ErrShortOutput},
		{"nil dst", nil, src, ErrNullPointer},
		{"dst is src", src, src, ErrOverlap},
		{"dst overlaps src", src[2:], src[:6], ErrOverlap},
	}
	for _, c := range cases {
		err := NormalizeInto(c.dst, c.src)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want an error that errors.Is finds as %v", c.name, err, c.want)
		}
	}
	if err := NormalizeInto(nil, nil); err != nil {
		t.Errorf("nil into nil: got %v, want nil (nothing to do)", err)
	}
	if err := NormalizeInto(make([]float32, 4), src[:0]); err != nil {
		t.Errorf("an empty src: got %v, want nil", err)
	}
}
