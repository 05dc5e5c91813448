package main

// Tests of the boundary through the real cgo path: every call here crosses
// into the Rust library built from rust/.

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// exactFloats returns n multiples of 1/8 in [-1, 1]: every product and every
// partial sum of up to a few thousand of them is exact in float32, so any
// summation order gives the same result and tests can demand equality.
func exactFloats(n, seed int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = float32((i*7+seed*13)%17-8) / 8
	}
	return out
}

func reference(a, b []float32) float32 {
	var sum float64
	for i := range a {
		sum += float64(a[i]) * float64(b[i])
	}
	return float32(sum)
}

// task: 1
// Through cgo, as Go would send them by mistake: a nil pointer with a
// length, and a length no memory can hold. The boundary answers with a
// status code; without its checks the Go process crashes.
func TestBadPointersComeBackAsStatusCodes(t *testing.T) {
	b := exactFloats(4, 1)
	if v, status := dotRaw(nil, &b[0], 4); status != 1 || v != 0 {
		t.Errorf("batching_dot(nil, b, 4) = {%v, %d}; want {0, 1} (BATCHING_NULL_POINTER)", v, status)
	}
	if v, status := dotRaw(&b[0], nil, 4); status != 1 || v != 0 {
		t.Errorf("batching_dot(a, nil, 4) = {%v, %d}; want {0, 1} (BATCHING_NULL_POINTER)", v, status)
	}
	if v, status := dotRaw(&b[0], &b[0], math.MaxUint); status != 3 || v != 0 {
		t.Errorf("batching_dot(a, b, MaxUint) = {%v, %d}; want {0, 3} (BATCHING_TOO_LONG)", v, status)
	}
	if v, status := dotRaw(nil, nil, 0); status != 0 || v != 0 {
		t.Errorf("batching_dot(nil, nil, 0) = {%v, %d}; want {0, 0}", v, status)
	}
}

// task: 2
// Dot passes each slice's own data: sub-slices that start and end anywhere
// in a larger array give the dot product of exactly those elements.
func TestDotMatchesReference(t *testing.T) {
	a, b := exactFloats(3000, 1), exactFloats(3000, 2)
	for _, n := range []int{1, 2, 3, 7, 8, 9, 100, 1023, 2048} {
		for _, offset := range []int{0, 1, 5, 17} {
			x, y := a[offset:offset+n], b[offset+3:offset+3+n]
			got, err := Dot(x, y)
			if err != nil {
				t.Fatalf("Dot(n=%d, offset=%d): unexpected error %v", n, offset, err)
			}
			if want := reference(x, y); got != want {
				t.Fatalf("Dot(n=%d, offset=%d) = %v; want %v", n, offset, got, want)
			}
		}
	}
}

// task: 2
// A nil or empty slice has no element to take the address of: Dot must not
// index it, and the answer is 0 with no error.
func TestDotOfEmptySlicesIsZero(t *testing.T) {
	backing := exactFloats(8, 3)
	for _, tc := range []struct {
		name string
		a, b []float32
	}{
		{"nil, nil", nil, nil},
		{"empty, empty", []float32{}, []float32{}},
		{"nil, empty", nil, []float32{}},
		{"empty views of an array", backing[3:3], backing[8:]},
	} {
		got, err := Dot(tc.a, tc.b)
		if got != 0 || err != nil {
			t.Errorf("Dot(%s) = %v, %v; want 0, nil", tc.name, got, err)
		}
	}
}

// task: 2
// Slices of different lengths are refused in Go, before any call into Rust.
func TestDotRejectsUnequalLengths(t *testing.T) {
	a, b := exactFloats(5, 1), exactFloats(6, 2)
	for _, tc := range []struct {
		name string
		a, b []float32
	}{
		{"5 and 6", a, b},
		{"6 and 5", b, a},
		{"0 and 5", nil, a},
	} {
		got, err := Dot(tc.a, tc.b)
		if !errors.Is(err, ErrLengthMismatch) {
			t.Errorf("Dot(%s) error = %v; want an error that errors.Is(err, ErrLengthMismatch)", tc.name, err)
		}
		if got != 0 {
			t.Errorf("Dot(%s) = %v; want 0 with the error", tc.name, got)
		}
	}
}

// task: 2
// Every status code of rust/src/lib.rs becomes an error that names the
// operation and matches its sentinel with errors.Is, and only that one.
func TestStatusCodesBecomeSentinelErrors(t *testing.T) {
	if err := statusError("Dot", 0); err != nil {
		t.Errorf("statusError(\"Dot\", 0) = %v; want nil", err)
	}
	sentinels := []error{ErrNullPointer, ErrMisaligned, ErrTooLong, ErrPanicked}
	for i, want := range sentinels {
		status := int32(i + 1)
		err := statusError("Dot", status)
		if err == nil {
			t.Errorf("statusError(\"Dot\", %d) = nil; want an error wrapping %q", status, want)
			continue
		}
		for _, other := range sentinels {
			if errors.Is(err, other) != (other == want) {
				t.Errorf("statusError(\"Dot\", %d) = %q: errors.Is(err, %q) is %v", status, err, other, other != want)
			}
		}
		if !strings.Contains(err.Error(), "Dot") {
			t.Errorf("statusError(\"Dot\", %d) = %q; the message should name the operation, Dot", status, err)
		}
	}
	for _, status := range []int32{-1, 5, 99} {
		err := statusError("Dot", status)
		if err == nil {
			t.Errorf("statusError(\"Dot\", %d) = nil; an unknown status is an error too", status)
			continue
		}
		for _, s := range sentinels {
			if errors.Is(err, s) {
				t.Errorf("statusError(\"Dot\", %d) = %q matches %q; an unknown status matches no sentinel", status, err, s)
			}
		}
	}
}

// task: 2
// Dot hands Rust the slices' own memory: a call allocates nothing on the Go
// heap, however long the slices are. (A copy of 64 Ki floats would.)
func TestDotDoesNotCopy(t *testing.T) {
	a, b := exactFloats(1<<16, 1), exactFloats(1<<16, 2)
	var got float32
	var err error
	allocs := testing.AllocsPerRun(20, func() { got, err = Dot(a, b) })
	if err != nil || got != reference(a, b) {
		t.Fatalf("Dot(64 Ki elements) = %v, %v; want %v, nil", got, err, reference(a, b))
	}
	if allocs != 0 {
		t.Errorf("Dot made %v Go heap allocations per call; want 0: pass the slices' data pointers instead of copying", allocs)
	}
}
