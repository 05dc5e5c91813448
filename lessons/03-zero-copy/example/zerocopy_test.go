package main

import (
	"errors"
	"math"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestMain runs the program itself when ZEROCOPY_RUN_PROGRAM is set, so the
// tests of the error modes can start this test binary as the program.
func TestMain(m *testing.M) {
	if os.Getenv("ZEROCOPY_RUN_PROGRAM") == "1" {
		os.Exit(run())
	}
	code := m.Run()
	if server != nil {
		server.Close()
	}
	os.Exit(code)
}

var (
	serverOnce sync.Once
	server     *rpcServer
	serverErr  error
)

// testServer starts the Rust server once for all the tests that need it.
func testServer(t *testing.T) *rpcServer {
	t.Helper()
	serverOnce.Do(func() { server, serverErr = startServer(defaultServer) })
	if serverErr != nil {
		t.Fatal(serverErr)
	}
	return server
}

// lengths covers the edges: empty, one value, fewer than, exactly and more
// than one chunk of 8 lanes, odd lengths, and a few thousand.
var lengths = []int{0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 1001, 4099}

// result runs w on a copy of v and returns the result's values (copied out
// while valid) and norm.
func result(t *testing.T, w way, v []float32) ([]float32, float64) {
	t.Helper()
	var out []float32
	var norm float64
	err := w.Call(slices.Clone(v), func(o []float32, n float64) {
		out, norm = slices.Clone(o), n
	})
	if err != nil {
		t.Fatalf("%s, %d values: %v", w.Name, len(v), err)
	}
	return out, norm
}

func sameBits(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}

func TestEveryWayMatchesTheGoReference(t *testing.T) {
	all := ways(testServer(t))
	for _, n := range lengths {
		input := vector(n)
		want := slices.Clone(input)
		wantNorm := normalizeGo(want)
		for _, w := range all {
			got, norm := result(t, w, input)
			if !sameBits(got, want) || math.Float64bits(norm) != math.Float64bits(wantNorm) {
				t.Errorf("%s, %d values: norm %v, want %v; values differ from the reference: %v", w.Name, n, norm, wantNorm, !sameBits(got, want))
			}
		}
	}
}

func TestNilAndEmptySlicesGiveAnEmptyResult(t *testing.T) {
	for _, w := range ways(testServer(t)) {
		for _, v := range [][]float32{nil, {}} {
			got, norm := result(t, w, v)
			if len(got) != 0 || norm != 0 {
				t.Errorf("%s, %#v: got %v with norm %v, want nothing with norm 0", w.Name, v, got, norm)
			}
		}
	}
}

func TestZerosStayZeros(t *testing.T) {
	for _, w := range ways(testServer(t)) {
		got, norm := result(t, w, make([]float32, 9))
		if norm != 0 || !slices.Equal(got, make([]float32, 9)) {
			t.Errorf("%s: got %v with norm %v", w.Name, got, norm)
		}
	}
}

func TestKnownValues(t *testing.T) {
	for _, w := range ways(testServer(t)) {
		got, norm := result(t, w, []float32{3, 4})
		if norm != 5 || !slices.Equal(got, []float32{0.6, 0.8}) {
			t.Errorf("%s: [3 4] gave %v with norm %v, want [0.6 0.8] with norm 5", w.Name, got, norm)
		}
	}
}

func TestNonFiniteNormsLeaveTheVectorAlone(t *testing.T) {
	// The cgo ways only: JSON has no infinity, and the binary RPC way is the
	// same kernel behind a socket.
	inf := float32(math.Inf(1))
	for _, w := range ways(nil)[:3] {
		got, norm := result(t, w, []float32{inf, 1})
		if !math.IsInf(norm, 1) || !slices.Equal(got, []float32{inf, 1}) {
			t.Errorf("%s: got %v with norm %v", w.Name, got, norm)
		}
	}
}

func TestOnlyThePointerWayChangesTheInput(t *testing.T) {
	for _, w := range ways(testServer(t)) {
		v := vector(33)
		original := slices.Clone(v)
		if err := w.Call(v, discard); err != nil {
			t.Fatal(err)
		}
		if changed := !slices.Equal(v, original); changed != (w.Name == "pointer") {
			t.Errorf("%s: input changed: %v", w.Name, changed)
		}
	}
}

func TestFreeingARustVecTwiceIsReportedNotDone(t *testing.T) {
	var zero RustVec
	if err := zero.Free(); !errors.Is(err, ErrNothingToFree) {
		t.Errorf("zero RustVec: Free() = %v, want ErrNothingToFree", err)
	}
	for _, n := range []int{0, 5} {
		r, err := NormalizeNew(vector(n))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Values()) != n {
			t.Errorf("%d values: Values() has %d", n, len(r.Values()))
		}
		if err := r.Free(); err != nil {
			t.Errorf("%d values: first Free() = %v", n, err)
		}
		if err := r.Free(); !errors.Is(err, ErrNothingToFree) {
			t.Errorf("%d values: second Free() = %v, want ErrNothingToFree", n, err)
		}
		if r.Values() != nil {
			t.Errorf("%d values: Values() after Free is not nil", n)
		}
	}
}

// A []*float32 may go to C once every pointer in it points to pinned memory.
func TestPinnedPointeesMayBePassed(t *testing.T) {
	values := []float32{1, 2, 3, 4.5}
	ptrs := make([]*float32, len(values))
	for i := range values {
		ptrs[i] = &values[i]
	}
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinner.Pin(&values[0]) // one object: pins the whole backing array
	sum, err := SumPointees(ptrs)
	if err != nil || sum != 10.5 {
		t.Errorf("SumPointees = %v, %v; want 10.5", sum, err)
	}
}

// The same call without the pin: cgocheck=1 (the default) panics before
// Rust runs.
func TestUnpinnedPointeesPanic(t *testing.T) {
	values := []float32{1, 2}
	ptrs := []*float32{&values[0], &values[1]}
	defer func() {
		msg, _ := recover().(error)
		if msg == nil || !strings.Contains(msg.Error(), "argument of cgo function has Go pointer to unpinned Go pointer") {
			t.Errorf("recovered %v, want the cgocheck panic", msg)
		}
	}()
	_, _ = SumPointees(ptrs)
}

// Rust may keep Go memory past the call while it is pinned; collections in
// between change nothing.
func TestPinnedMemoryMayBeKept(t *testing.T) {
	buf := make([]float32, 1000)
	for i := range buf {
		buf[i] = 2
	}
	var pinner runtime.Pinner
	pinner.Pin(&buf[0])
	if err := Keep(buf); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.GC()
	sum, err := KeptSum()
	Forget()
	pinner.Unpin()
	if err != nil || sum != 2000 {
		t.Errorf("KeptSum = %v, %v; want 2000", sum, err)
	}
	if _, err := KeptSum(); !errors.Is(err, ErrNothingKept) {
		t.Errorf("KeptSum after Forget = %v, want ErrNothingKept", err)
	}
}

func TestTheClientReusesOneConnection(t *testing.T) {
	s := testServer(t)
	for range 20 {
		if _, _, err := s.NormalizeBinary(vector(4)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.NormalizeJSON(vector(4)); err != nil {
		t.Fatal(err)
	}
	if s.ConnRequests != s.Calls {
		t.Errorf("the client made %d requests; the last connection carried %d", s.Calls, s.ConnRequests)
	}
}

func TestTheServerRejectsABodyOfPartFloats(t *testing.T) {
	_, _, err := testServer(t).post("/normalize", "application/octet-stream", []byte{1, 2, 3, 4, 5})
	if err == nil || !strings.Contains(err.Error(), "400 Bad Request") || !strings.Contains(err.Error(), "not a whole number of 4-byte f32 values") {
		t.Errorf("5-byte body: %v", err)
	}
}

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("16, 4K,1M")
	if err != nil || !slices.Equal(got, []int{16, 4096, 1 << 20}) {
		t.Errorf("parseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", "7", "0", "-4", "1G", "65M", "x"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) accepted it", bad)
		}
	}
}

// synthetic builds cells for the reading from times per way and size.
func synthetic(ns map[string][]float64, sizes []int) ([]way, [][]cell) {
	var all []way
	for _, name := range []string{"pointer", "copy-c", "rust-alloc", "rpc-binary"} {
		all = append(all, way{Name: name})
	}
	cells := make([][]cell, len(sizes))
	for i, b := range sizes {
		for j, w := range all {
			cells[i] = append(cells[i], cell{Way: j, Bytes: b, NsPerCall: ns[w.Name][i], MatchesReference: true})
		}
	}
	return all, cells
}

func TestTheReadingSaysWhenThereIsNoClearDifference(t *testing.T) {
	same := []float64{100, 1000}
	all, cells := synthetic(map[string][]float64{"pointer": same, "copy-c": {200, 2000}, "rust-alloc": same, "rpc-binary": same}, []int{16, 4096})
	text := strings.Join(reading(all, cells), "\n")
	for _, want := range []string{
		"no clear difference between copying and the call with its kernel at any size",
		"at 4 KiB it was not clearly different from the pointer way",
		"rpc-binary against pointer: no clear difference at 16 B",
		"pointer and copy-c and rust-alloc and rpc-binary allocated nothing per call",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("reading lacks %q:\n%s", want, text)
		}
	}
}

func TestTheReadingNamesTheSizesWhereCopyingCostsMore(t *testing.T) {
	all, cells := synthetic(map[string][]float64{
		"pointer":    {100, 1000, 10000},
		"copy-c":     {150, 2100, 40000},
		"rust-alloc": {120, 1100, 30000},
		"rpc-binary": {100000, 200000, 300000},
	}, []int{16, 4096, 1 << 20})
	text := strings.Join(reading(all, cells), "\n")
	for _, want := range []string{
		"it cost more at 1 MiB; about the same at 4 KiB; less at 16 B",
		"at 1 MiB it was clearly slower than the pointer way",
		"1000x slower at 16 B (100.0 µs against 100 ns)",
		"30x slower at 1 MiB",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("reading lacks %q:\n%s", want, text)
		}
	}
}

// runProgram runs this test binary as the program with args.
func runProgram(t *testing.T, env string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ZEROCOPY_RUN_PROGRAM=1")
	if env != "" {
		cmd.Env = append(cmd.Env, env)
	}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return string(out), cmd.ProcessState.ExitCode()
}

func TestErrorModesExitWithTheirMessage(t *testing.T) {
	for _, tc := range []struct{ mode, env, want string }{
		{"go-pointers", "", "panic: runtime error: argument of cgo function has Go pointer to unpinned Go pointer"},
		{"go-pointers", "GODEBUG=cgocheck=0", "go-pointers: no panic, Rust summed 10"},
		{"leak-pinner", "", "runtime.Pinner: found leaking pinned pointer; forgot to call Unpin()?"},
		{"keep-pointer", "", "keep-pointer: use after free: the collector freed the buffer"},
	} {
		out, code := runProgram(t, tc.env, "-mode", tc.mode)
		if code == 0 || !strings.Contains(out, tc.want) {
			t.Errorf("-mode %s %s: exit %d, output:\n%s\nwant a non-zero exit and %q", tc.mode, tc.env, code, out, tc.want)
		}
	}
}
