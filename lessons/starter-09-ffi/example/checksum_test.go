package main

import (
	"bytes"
	"errors"
	"hash/adler32"
	"math/rand/v2"
	"strings"
	"testing"
)

// Rust's Adler-32 agrees with Go's on inputs of many lengths, including
// ones long enough for both sums to wrap around the modulus.
func TestSumAgreesWithHashAdler32(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, n := range []int{1, 2, 255, 5552, 5553, 65536, 1 << 20} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		got, err := Sum(data)
		if err != nil || got.Adler32 != adler32.Checksum(data) || got.Bytes != uint64(n) {
			t.Errorf("Sum of %d bytes = %+v, %v; want %08x, %d bytes", n, got, err, adler32.Checksum(data), n)
		}
	}
}

// An empty input, nil or not, crosses as a null pointer and a length of 0.
func TestEmptyInputsAreSummed(t *testing.T) {
	full := []byte("abc")
	for name, in := range map[string][]byte{"nil": nil, "[]byte{}": {}, "full[:0]": full[:0], "full[3:]": full[3:]} {
		got, err := Sum(in)
		if err != nil || got != (Checksum{Adler32: 1, Bytes: 0}) {
			t.Errorf("Sum(%s) = %+v, %v; want the checksum of nothing, 1", name, got, err)
		}
	}
}

// Parts give the checksum of their concatenation, empty parts included.
func TestSumPartsIsTheSumOfTheWhole(t *testing.T) {
	for _, parts := range [][][]byte{
		nil,
		{{}},
		{[]byte("Wiki"), nil, []byte("pedia")},
		{bytes.Repeat([]byte{0xFF}, 70000), []byte("x")},
	} {
		whole := bytes.Join(parts, nil)
		got, err := SumParts(parts)
		want, _ := Sum(whole)
		if err != nil || got != want {
			t.Errorf("SumParts(%d parts) = %+v, %v; want %+v", len(parts), got, err, want)
		}
	}
}

// Rust refuses a null pointer that comes with a length.
func TestANullPointerWithALengthIsRefused(t *testing.T) {
	if err := sumNullWithLength(4); !errors.Is(err, ErrBadPointer) {
		t.Errorf("got %v, want ErrBadPointer", err)
	}
}

// Passing Go memory that holds unpinned Go pointers breaks cgo's rule, and
// cgo's default check (GODEBUG=cgocheck=1) panics before the call.
func TestUnpinnedGoPointersPanicInCgosCheck(t *testing.T) {
	message := unpinnedPanic([][]byte{[]byte("a"), []byte("b")})
	if !strings.Contains(message, "cgo function has Go pointer to unpinned Go pointer") {
		t.Errorf("got %q, want cgo's panic about an unpinned Go pointer", message)
	}
}

// Every status has its error; an unknown one says its number.
func TestStatusErrors(t *testing.T) {
	if err := statusError(0); err != nil {
		t.Errorf("status 0: got %v, want nil", err)
	}
	for status, want := range map[int32]error{1: ErrBadPointer, 2: ErrPanicked} {
		if err := statusError(status); !errors.Is(err, want) {
			t.Errorf("status %d: got %v, want %v", status, err, want)
		}
	}
	err := statusError(42)
	if err == nil || !strings.Contains(err.Error(), "42") || errors.Is(err, ErrBadPointer) || errors.Is(err, ErrPanicked) {
		t.Errorf("status 42: got %v, want an error of its own that names 42", err)
	}
}
