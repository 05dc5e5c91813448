// Package main is the warm-up job of the sandbox: it builds and tests once
// while the sandbox image (or the bubblewrap warm dir) is made, so that Go's
// build cache already holds the standard library, runtime/cgo and the test
// tooling when a learner's first job arrives.
package main

/*
#cgo LDFLAGS: ${SRCDIR}/rust/target/release/libwarmup.a -ldl -lm -lpthread
#include <stddef.h>
#include <stdint.h>
uint64_t warmup_sum_squares(const uint32_t *values, size_t len);
*/
import "C"

import (
	"fmt"
	"os"
	"unsafe"
)

func sumSquares(values []uint32) uint64 {
	if len(values) == 0 {
		return 0
	}
	return uint64(C.warmup_sum_squares((*C.uint32_t)(unsafe.Pointer(&values[0])), C.size_t(len(values))))
}

func main() {
	values := make([]uint32, 1000)
	for i := range values {
		values[i] = uint32(i)
	}
	fmt.Fprintf(os.Stdout, "sum of squares below 1000: %d\n", sumSquares(values))
}
