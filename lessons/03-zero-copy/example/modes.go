package main

// Three ownership rules, each broken on purpose. Every mode prints what it
// is about to do on standard output and ends with a non-zero status: the
// first two when Go's runtime catches the mistake and panics, the third
// because nothing catches it and the program reports what it saw itself.

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"time"
	"unsafe"
)

// showGoPointers passes Go memory that holds Go pointers (a []*float32) to
// Rust. cgo's rule: such memory may go to C only if every pointer in it
// points to pinned memory. With GODEBUG=cgocheck=1, the default, the
// runtime checks the argument before the call and panics:
//
//	panic: runtime error: argument of cgo function has Go pointer to unpinned Go pointer
func showGoPointers() int {
	values := []float32{1, 2, 3, 4}
	ptrs := make([]*float32, len(values))
	for i := range values {
		ptrs[i] = &values[i]
	}
	fmt.Println("go-pointers: passing &ptrs[0] of a []*float32 (Go memory holding 4 unpinned Go pointers) to Rust")
	fmt.Println("go-pointers: the runtime checks the argument first (GODEBUG=cgocheck=1 is the default) and should panic:")
	sum, err := SumPointees(ptrs)
	fmt.Printf("go-pointers: no panic, Rust summed %g (error: %v): the check is off (GODEBUG=cgocheck=0?), and the call broke cgo's rules all the same\n", sum, err)
	return 1
}

// showLeakedPinner pins a buffer, lets Rust keep and use it, and drops the
// Pinner without Unpin. The Pinner's finalizer finds the pin at the next
// collections and panics (src/runtime/pinner.go):
//
//	panic: runtime error: runtime.Pinner: found leaking pinned pointer; forgot to call Unpin()?
func showLeakedPinner() int {
	fmt.Println("leak-pinner: pinning a buffer with a runtime.Pinner, handing it to Rust to keep, then dropping the Pinner without calling Unpin")
	sum := pinAndForgetToUnpin()
	fmt.Printf("leak-pinner: Rust read the pinned buffer (sum %g) and let go of it; the Pinner is now unreachable, still pinning\n", sum)
	fmt.Println("leak-pinner: collecting, so that the Pinner's finalizer runs; it should panic:")
	// The first collection finds the Pinner unreachable and queues its
	// finalizer; the finalizer goroutine then runs it and panics.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("leak-pinner: no panic within 5 s; this Go version may not check for leaked pins")
	return 1
}

//go:noinline
func pinAndForgetToUnpin() float64 {
	var pinner runtime.Pinner
	buf := make([]float32, 1024)
	for i := range buf {
		buf[i] = 1
	}
	pinner.Pin(&buf[0]) // pins the whole backing array
	if err := Keep(buf); err != nil {
		return -1
	}
	sum, _ := KeptSum()
	Forget()
	// The mistake: no pinner.Unpin() here (or defer pinner.Unpin() above).
	return sum
}

// keptFloats is the size of the buffer keep-pointer gives Rust: 1 MiB, a
// large object with pages of its own.
const keptFloats = 1 << 18

// showKeptPointer lets Rust keep a pointer to an unpinned Go buffer after
// the call, which cgo's rules forbid and nothing checks. Once the buffer is
// unreachable the collector frees it, and the kept pointer reads whatever
// the memory holds now: zeros once debug.FreeOSMemory has given the pages
// back to the OS (Linux maps fresh zero pages on the next read), then,
// usually, the data of the next buffer of the same size, which gets the
// same pages. Reading is as far as this goes: Go never unmaps its heap, so
// the read cannot fault. A write through the pointer would corrupt whatever
// object lives there now.
func showKeptPointer() int {
	fmt.Printf("keep-pointer: Rust keeps a pointer to a Go buffer of %d ones after the call returns, unpinned (cgo's rules forbid this; no check sees it)\n", keptFloats)
	// Nothing from here to the last KeptSum allocates, so the next large
	// allocation is the one that gets the freed pages.
	addr := keepUnpinned()
	before, errBefore := KeptSum()
	debug.FreeOSMemory() // a collection (the buffer is unreachable: freed), then free pages go back to the OS
	released, errReleased := KeptSum()
	sevens := make([]float32, keptFloats)
	for i := range sevens {
		sevens[i] = 7
	}
	reusedSum, errReused := KeptSum()
	Forget()
	reused := uintptr(unsafe.Pointer(&sevens[0])) == addr
	runtime.KeepAlive(sevens)
	if err := errors.Join(errBefore, errReleased, errReused); err != nil {
		return fail(err)
	}
	fmt.Printf("keep-pointer: right after the call, Rust reads the kept memory: sum %.0f\n", before)
	if released == 0 {
		fmt.Println("keep-pointer: use after free: the collector freed the buffer and its pages went back to the OS; Rust's kept pointer now reads sum 0")
	} else {
		fmt.Printf("keep-pointer: use after free: the collector freed the buffer; Rust's kept pointer now reads sum %.0f from freed memory\n", released)
	}
	if reused {
		fmt.Printf("keep-pointer: a new buffer of %d sevens got the same address; Rust's kept pointer reads sum %.0f: another object's data\n", keptFloats, reusedSum)
	} else {
		fmt.Printf("keep-pointer: a new buffer of %d sevens went elsewhere this time; Rust's kept pointer reads sum %.0f\n", keptFloats, reusedSum)
	}
	fmt.Println("keep-pointer: neither cgocheck nor the Go runtime reported anything; the fix is runtime.Pinner (Pin before the call, Unpin after Rust lets go)")
	return 1
}

// keepUnpinned makes a buffer of ones, gives it to Rust to keep, and returns
// only its address as a number, which keeps nothing alive.
//
//go:noinline
func keepUnpinned() uintptr {
	buf := make([]float32, keptFloats)
	for i := range buf {
		buf[i] = 1
	}
	if err := Keep(buf); err != nil {
		panic(err)
	}
	return uintptr(unsafe.Pointer(&buf[0]))
}
