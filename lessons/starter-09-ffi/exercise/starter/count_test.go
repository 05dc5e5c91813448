package main

// Tasks 2 and 3: Count passes a slice to Rust by cgo's rules, and every
// status comes back as an error Go code can test with errors.Is.

import (
	"errors"
	"strings"
	"testing"
)

// task: 2
// A panic in the Rust counter comes back as an error, and the process (the
// test binary, here) keeps running. This needs the release build, which
// cgo links, to keep panics unwinding.
func TestAPanicInRustLeavesTheProcessRunning(t *testing.T) {
	for range 3 {
		if _, err := Count([]byte("ends in CR\r")); err == nil {
			t.Fatal("a text ending in \\r: got no error, want the status of a caught panic")
		}
	}
	if got, err := Count([]byte("still here\n")); err != nil || got != (Counts{Lines: 1, Words: 2, Bytes: 11}) {
		t.Errorf("after the panics: Count = %+v, %v; want {1 2 11}, nil", got, err)
	}
}

// task: 3
func TestCountCountsAText(t *testing.T) {
	got, err := Count([]byte("one two\nthree\n"))
	if err != nil || got != (Counts{Lines: 2, Words: 3, Bytes: 14}) {
		t.Errorf("Count = %+v, %v; want {2 3 14}, nil", got, err)
	}
}

// task: 3
// An empty slice has no element 0 to take the address of: the wrapper must
// send a null pointer and 0, for nil and non-nil empty slices alike.
func TestCountOfAnEmptySliceIsZero(t *testing.T) {
	buffer := []byte("abc")
	for name, text := range map[string][]byte{"nil": nil, "[]byte{}": {}, "buffer[:0]": buffer[:0], "buffer[3:]": buffer[3:]} {
		got, err := Count(text)
		if err != nil || got != (Counts{}) {
			t.Errorf("Count(%s) = %+v, %v; want {0 0 0}, nil", name, got, err)
		}
	}
}

// task: 3
func TestAPanicIsErrPanicked(t *testing.T) {
	_, err := Count([]byte("last line\r"))
	if !errors.Is(err, ErrPanicked) {
		t.Fatalf("got %v, want an error that errors.Is finds as ErrPanicked", err)
	}
	if errors.Is(err, ErrNullPointer) {
		t.Error("a panic must not also be ErrNullPointer")
	}
}

// task: 3
func TestEveryStatusHasItsError(t *testing.T) {
	if err := statusError(0); err != nil {
		t.Errorf("statusError(0) = %v, want nil", err)
	}
	if err := statusError(1); !errors.Is(err, ErrNullPointer) {
		t.Errorf("statusError(1) = %v, want ErrNullPointer", err)
	}
	if err := statusError(2); !errors.Is(err, ErrPanicked) {
		t.Errorf("statusError(2) = %v, want ErrPanicked", err)
	}
	err := statusError(9)
	if err == nil || !strings.Contains(err.Error(), "9") || errors.Is(err, ErrNullPointer) || errors.Is(err, ErrPanicked) {
		t.Errorf("statusError(9) = %v, want an error of its own that names 9", err)
	}
}
