package main

// Task 2: Sum turns every answer of the boundary into a value Go can act
// on, and the process survives any number of panics.

import (
	"errors"
	"strings"
	"testing"
)

// task: 2
func TestSumOfAValidInput(t *testing.T) {
	for in, want := range map[string]uint64{"a=1&b=22": 23, "": 0, "k=4294967295&j=+1": 4294967296} {
		got, err := Sum([]byte(in))
		if err != nil || got != want {
			t.Errorf("Sum(%q) = %d, %v; want %d, nil", in, got, err, want)
		}
	}
}

// task: 2
func TestAnInvalidInputIsErrInvalidInputWithRustsMessage(t *testing.T) {
	_, err := Sum([]byte("a=1&b=x"))
	if !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("got %v, want an error that errors.Is finds as ErrInvalidInput", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Message != `pair 2 ("b=x"): the value is not a number` {
		t.Errorf("got %#v, want an *Error with Rust's message", err)
	}
	if errors.Is(err, ErrPanicked) {
		t.Error("an invalid input must not also be ErrPanicked")
	}
}

// task: 2
func TestAPanicIsErrPanickedWithThePanicsMessage(t *testing.T) {
	_, err := Sum([]byte("a=1&b=&c=2"))
	if !errors.Is(err, ErrPanicked) {
		t.Fatalf("got %v, want an error that errors.Is finds as ErrPanicked", err)
	}
	if !strings.Contains(err.Error(), "index out of bounds: the len is 0 but the index is 0") {
		t.Errorf("the error %q does not carry the panic's message", err)
	}
}

// task: 2
// A hundred panics in a row, then a normal call: the process is still
// here and still answers.
func TestTheProcessSurvivesManyPanics(t *testing.T) {
	for i := range 100 {
		if _, err := Sum([]byte("x=&y=1")); !errors.Is(err, ErrPanicked) {
			t.Fatalf("call %d: got %v, want ErrPanicked", i, err)
		}
	}
	if got, err := Sum([]byte("a=40&b=2")); err != nil || got != 42 {
		t.Errorf("after the panics: Sum = %d, %v; want 42, nil", got, err)
	}
}
