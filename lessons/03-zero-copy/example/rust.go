package main

// The Go side of the boundary: the Rust functions' declarations and thin
// wrappers around them. Nothing else in the program uses package C.

/*
#cgo LDFLAGS: -L${SRCDIR}/rust/target/release -lzcopy -ldl -lpthread -lm
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

// Same layouts as ZcResult and ZcVec in rust/src/lib.rs (#[repr(C)]).
typedef struct { int32_t status; double value; } zc_result;
typedef struct {
	float *ptr;
	size_t len;
	size_t cap;
	double norm;
	int32_t status;
} zc_vec;

zc_result zc_normalize(float *data, size_t len);
zc_vec zc_normalize_new(const float *data, size_t len);
int32_t zc_vec_free(zc_vec v);
int32_t zc_sum_squares(const float *data, size_t len, double *out);
zc_result zc_sum_pointees(const float *const *ptrs, size_t len);
int32_t zc_keep(const float *data, size_t len);
zc_result zc_kept_sum(void);

// The same Rust function under two more C names, so that Go can call it
// with and without the annotations below (cgo applies them per C name).
// gcc inlines each wrapper into cgo's stub, which then calls zc_sum_squares
// directly, as the plain declaration's stub does (objdump -d shows it).
static inline int32_t zc_sum_squares_annotated(const float *data, size_t len, double *out) {
	return zc_sum_squares(data, len, out);
}
static inline int32_t zc_sum_squares_noescape_only(const float *data, size_t len, double *out) {
	return zc_sum_squares(data, len, out);
}

// noescape: C keeps none of the Go pointers it gets. nocallback: C does
// not call back into Go. Both are promises cgo cannot check (a callback
// from a nocallback function panics; a kept pointer goes unnoticed).
#cgo noescape zc_sum_squares_annotated
#cgo nocallback zc_sum_squares_annotated
#cgo noescape zc_sum_squares_noescape_only
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Errors the Rust side reports, one per ZC_* status in rust/src/lib.rs.
var (
	ErrNullPointer   = errors.New("null pointer with a length above 0")
	ErrNothingToFree = errors.New("nothing to free: the vector is zeroed (never filled in, or freed already)")
	ErrNothingKept   = errors.New("Rust keeps no memory: call Keep first")
	ErrPanicked      = errors.New("Rust panicked (caught at the boundary)")
)

var statusErrors = [...]error{1: ErrNullPointer, 2: ErrNothingToFree, 3: ErrNothingKept, 4: ErrPanicked}

func statusError(status C.int32_t) error {
	if status == 0 {
		return nil
	}
	if int(status) < len(statusErrors) && statusErrors[status] != nil {
		return statusErrors[status]
	}
	return fmt.Errorf("unknown status %d from Rust", int32(status))
}

// floats is the C view of a Go slice's first element: nil for an empty
// slice. unsafe.SliceData is the backing array's address; cgo pins the
// whole allocation for the call.
func floats(v []float32) *C.float { return (*C.float)(unsafe.SliceData(v)) }

// NormalizeInPlace is the pointer way: Rust normalises v's own memory
// during the call and returns the norm v had. Nothing is copied. cgo's rules
// allow it because a []float32 holds no Go pointers and Rust keeps no
// pointer to it after the call.
func NormalizeInPlace(v []float32) (float64, error) {
	r := C.zc_normalize(floats(v), C.size_t(len(v)))
	return float64(r.value), statusError(r.status)
}

// NormalizeCopy is the copy way: the values go to C memory (C.malloc), Rust
// normalises them there, and they come back in a new Go slice, the way
// C.GoBytes returns C memory to Go. v is left as it was. cgo's C.malloc
// never returns nil: it crashes the program when memory runs out.
func NormalizeCopy(v []float32) ([]float32, float64, error) {
	n := len(v)
	var c []float32
	if n > 0 {
		p := C.malloc(C.size_t(n) * 4)
		defer C.free(p)
		c = unsafe.Slice((*float32)(p), n)
		copy(c, v)
	}
	r := C.zc_normalize(floats(c), C.size_t(n))
	if err := statusError(r.status); err != nil {
		return nil, 0, err
	}
	out := make([]float32, n)
	copy(out, c)
	return out, float64(r.value), nil
}

// RustVec is a vector that Rust allocated and owns. Read it with Values,
// then Free it: Go's collector does not know this memory, and only Rust's
// allocator may free it. Free zeroes the struct, so a second Free reports
// ErrNothingToFree instead of freeing twice. Do not copy a RustVec: a copy
// would still hold the pointer after the original is freed.
type RustVec struct {
	c C.zc_vec
}

// NormalizeNew is the Rust-allocated way: Rust reads v (without copying it
// first), writes the normalised values to a new buffer of its own and
// returns that. v is left as it was.
func NormalizeNew(v []float32) (RustVec, error) {
	r := RustVec{c: C.zc_normalize_new(floats(v), C.size_t(len(v)))}
	if err := statusError(r.c.status); err != nil {
		return RustVec{}, err
	}
	return r, nil
}

// Values is the vector in Rust's memory, seen as a Go slice without
// copying. It is valid until Free; nil once freed.
func (r *RustVec) Values() []float32 {
	if r.c.ptr == nil || r.c.len == 0 {
		return nil
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(r.c.ptr)), int(r.c.len))
}

// Norm is the norm the input had.
func (r *RustVec) Norm() float64 { return float64(r.c.norm) }

// Free gives the memory back to Rust's allocator and zeroes r.
func (r *RustVec) Free() error {
	status := C.zc_vec_free(r.c)
	r.c = C.zc_vec{}
	return statusError(status)
}

// The same sum of squares through three declarations of one Rust function,
// for the benchmarks in noescape_test.go. `out` is a Go variable whose
// address goes to C.

// SumSquares calls the plain declaration: cgo must assume C may keep &out
// or call back into Go, so out escapes to the heap.
func SumSquares(v []float32) (float64, error) {
	var out C.double
	status := C.zc_sum_squares(floats(v), C.size_t(len(v)), &out)
	return float64(out), statusError(status)
}

// SumSquaresAnnotated calls the declaration marked `#cgo noescape` and
// `#cgo nocallback`: a promise that C keeps no pointer and does not call Go.
func SumSquaresAnnotated(v []float32) (float64, error) {
	var out C.double
	status := C.zc_sum_squares_annotated(floats(v), C.size_t(len(v)), &out)
	return float64(out), statusError(status)
}

// SumSquaresNoescapeOnly calls the declaration marked `#cgo noescape` alone.
func SumSquaresNoescapeOnly(v []float32) (float64, error) {
	var out C.double
	status := C.zc_sum_squares_noescape_only(floats(v), C.size_t(len(v)), &out)
	return float64(out), statusError(status)
}

// SumPointees passes Rust memory that holds Go pointers (the pointer array
// of ptrs). cgo allows that only when every pointer in it points to pinned
// memory; with GODEBUG=cgocheck=1 (the default) the runtime checks before
// the call and panics otherwise.
func SumPointees(ptrs []*float32) (float64, error) {
	var p **C.float
	if len(ptrs) > 0 {
		p = (**C.float)(unsafe.Pointer(&ptrs[0]))
	}
	r := C.zc_sum_pointees(p, C.size_t(len(ptrs)))
	return float64(r.value), statusError(r.status)
}

// Keep hands v's memory to Rust, which keeps the pointer after the call.
// Legal only while v is pinned (runtime.Pinner) until Forget; no checker
// notices otherwise.
func Keep(v []float32) error {
	return statusError(C.zc_keep(floats(v), C.size_t(len(v))))
}

// Forget tells Rust to drop the pointer Keep gave it.
func Forget() {
	C.zc_keep(nil, 0)
}

// KeptSum asks Rust to sum the memory it kept, reading it now.
func KeptSum() (float64, error) {
	r := C.zc_kept_sum()
	return float64(r.value), statusError(r.status)
}
