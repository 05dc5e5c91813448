package main

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// randomFloats returns n values in [-1, 1) from a fixed seed.
func randomFloats(n int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 99))
	out := make([]float32, n)
	for i := range out {
		out[i] = r.Float32()*2 - 1
	}
	return out
}

// closeToReference reports whether got is within float32 rounding of the
// float64 dot product of a and b. The bound scales with sum(|a[i]*b[i]|),
// the size of the numbers actually added, not with the result, which can
// be near zero.
func closeToReference(got float32, a, b []float32) (bool, float64) {
	var want, magnitude float64
	for i := range a {
		p := float64(a[i]) * float64(b[i])
		want += p
		magnitude += math.Abs(p)
	}
	return math.Abs(float64(got)-want) <= 1e-5*magnitude+1e-12, want
}

func TestEmptyAndNilSlicesGiveZero(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b []float32
	}{
		{"nil", nil, nil},
		{"empty", []float32{}, []float32{}},
		{"empty view of a longer array", make([]float32, 8)[3:3], make([]float32, 8)[8:]},
	} {
		got, err := Dot(tc.a, tc.b)
		if got != 0 || err != nil {
			t.Errorf("Dot(%s) = %v, %v; want 0, nil", tc.name, got, err)
		}
		got, err = Cosine(tc.a, tc.b)
		if got != 0 || err != nil {
			t.Errorf("Cosine(%s) = %v, %v; want 0, nil", tc.name, got, err)
		}
	}
}

func TestDotMatchesReferenceAtOddLengthsAndOffsets(t *testing.T) {
	a, b := randomFloats(5000, 1), randomFloats(5000, 2)
	for _, n := range []int{1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 127, 1000, 1023, 4097} {
		for _, offset := range []int{0, 1, 3, 7} {
			x, y := a[offset:offset+n], b[offset:offset+n]
			got, err := Dot(x, y)
			if err != nil {
				t.Fatalf("Dot(n=%d, offset=%d): %v", n, offset, err)
			}
			if ok, want := closeToReference(got, x, y); !ok {
				t.Errorf("Dot(n=%d, offset=%d) = %v; float64 reference %v", n, offset, got, want)
			}
		}
	}
}

func TestDotStepAccumulatesOneElementPerCall(t *testing.T) {
	if got := DotStep(1, 2, 3); got != 7 {
		t.Errorf("DotStep(1, 2, 3) = %v; want 7", got)
	}
	a, b := randomFloats(333, 3), randomFloats(333, 4)
	if ok, want := closeToReference(perElement(a, b), a, b); !ok {
		t.Errorf("perElement = %v; float64 reference %v", perElement(a, b), want)
	}
}

func TestMismatchedLengthsAreRejectedInGo(t *testing.T) {
	a, b := randomFloats(5, 5), randomFloats(4, 6)
	if _, err := Dot(a, b); err == nil {
		t.Error("Dot with lengths 5 and 4 returned no error")
	}
	if _, err := Cosine(a, b); err == nil {
		t.Error("Cosine with lengths 5 and 4 returned no error")
	}
}

func TestRustRejectsNullPointerWithElements(t *testing.T) {
	x := float32(1)
	if _, err := dotRaw(nil, &x, 1); !errors.Is(err, ErrNullPointer) {
		t.Errorf("dotRaw(nil, &x, 1) error = %v; want ErrNullPointer", err)
	}
	if _, err := dotRaw(&x, nil, 1); !errors.Is(err, ErrNullPointer) {
		t.Errorf("dotRaw(&x, nil, 1) error = %v; want ErrNullPointer", err)
	}
	if got, err := dotRaw(nil, nil, 0); got != 0 || err != nil {
		t.Errorf("dotRaw(nil, nil, 0) = %v, %v; want 0, nil", got, err)
	}
}

func TestCosineOfKnownDirections(t *testing.T) {
	v := []float32{1, 2, 3}
	for _, tc := range []struct {
		name string
		w    []float32
		want float32
	}{
		{"same direction", []float32{2, 4, 6}, 1},
		{"opposite", []float32{-1, -2, -3}, -1},
		{"orthogonal", []float32{3, 0, -1}, 0},
		{"zero vector", []float32{0, 0, 0}, 0},
	} {
		got, err := Cosine(v, tc.w)
		if err != nil || math.Abs(float64(got-tc.want)) > 1e-6 {
			t.Errorf("Cosine(%v, %s) = %v, %v; want %v", v, tc.name, got, err, tc.want)
		}
	}
}

func TestAllLoopsAgreeExactlyOnExactData(t *testing.T) {
	const n = 10_000 // not a multiple of most batch sizes: the last batch is short
	a, b := exactData(n, 7), exactData(n, 8)
	want := reference(a, b)
	if got := float64(perElement(a, b)); got != want {
		t.Errorf("perElement = %v; want %v", got, want)
	}
	if got := float64(pureGo(a, b)); got != want {
		t.Errorf("pureGo = %v; want %v", got, want)
	}
	for _, batch := range []int{1, 3, 8, 1000, 4096, n, 2 * n} {
		got, err := perBatch(a, b, batch)
		if err != nil || got != want {
			t.Errorf("perBatch(batch=%d) = %v, %v; want %v", batch, got, err, want)
		}
	}
}

func TestMeasuredLoopsDoNotAllocate(t *testing.T) {
	a, b := exactData(4096, 1), exactData(4096, 2)
	if n := testing.AllocsPerRun(10, func() { perBatch(a, b, 64) }); n != 0 {
		t.Errorf("perBatch allocates %v times per pass; allocations would be timed too", n)
	}
	if n := testing.AllocsPerRun(10, func() { perElement(a, b) }); n != 0 {
		t.Errorf("perElement allocates %v times per pass; allocations would be timed too", n)
	}
}

func TestCostModelRecoversAKnownCurve(t *testing.T) {
	var rows []row
	for _, size := range batchSizes(1 << 16) {
		rows = append(rows, row{mode: "per-batch", batch: size, nsPerElem: 50/float64(size) + 0.25})
	}
	rows = append(rows, row{mode: "per-element", batch: 1, nsPerElem: 1e6})
	m := fitCostModel(rows)
	if math.Abs(m.fixedNs-50) > 1e-6 || math.Abs(m.perElemNs-0.25) > 1e-9 {
		t.Fatalf("fit = %+v; want fixedNs 50, perElemNs 0.25", m)
	}
	// 50 / (0.05 * 0.25) = 4000 elements, so the first power of two is 4096.
	if k, ok := m.kneeBatch(0.05); !ok || k != 4096 {
		t.Errorf("kneeBatch(5%%) = %d, %v; want 4096, true", k, ok)
	}
	if _, ok := (costModel{fixedNs: 50, perElemNs: -0.1}).kneeBatch(0.05); ok {
		t.Error("kneeBatch accepted a negative per-element cost")
	}
}

func TestKneeRoundsUpToAMeasuredSizeAtMostTwiceTheThreshold(t *testing.T) {
	// F/(p*w) = 41/(0.05*0.4) = 2050: just past 2048, so the first measured
	// size that meets the rule is 4096, almost twice the threshold.
	m := costModel{fixedNs: 41, perElemNs: 0.4}
	need, ok := m.threshold(0.05)
	if !ok || math.Abs(need-2050) > 1e-9 {
		t.Fatalf("threshold(5%%) = %v, %v; want 2050, true", need, ok)
	}
	k, ok := m.kneeBatch(0.05)
	if !ok || k != 4096 {
		t.Fatalf("kneeBatch(5%%) = %d, %v; want 4096, true", k, ok)
	}
	if float64(k) < need || float64(k) >= 2*need {
		t.Errorf("knee %d is not in [threshold, 2*threshold) = [%v, %v)", k, need, 2*need)
	}
	// At the threshold ns/element is (1+p)*w, and the fixed cost's share of
	// it is p/(1+p), a little under p.
	total := m.fixedNs/need + m.perElemNs
	if math.Abs(total-1.05*m.perElemNs) > 1e-12 {
		t.Errorf("ns/element at the threshold = %v; want 1.05*w = %v", total, 1.05*m.perElemNs)
	}
	if share := (m.fixedNs / need) / total; math.Abs(share-0.05/1.05) > 1e-12 {
		t.Errorf("fixed cost's share at the threshold = %v; want p/(1+p) = %v", share, 0.05/1.05)
	}
}

func TestRustWinsOnlyFromARowAfterWhichEveryRowWins(t *testing.T) {
	rows := func(ns ...float64) []row {
		out := []row{{mode: "per-element", batch: 1, nsPerElem: 0.1}} // faster than pure Go, but not a batch
		for i, v := range ns {
			out = append(out, row{mode: "per-batch", batch: 1 << i, nsPerElem: v})
		}
		return append(out, row{mode: "pure-go", nsPerElem: 1})
	}
	for _, tc := range []struct {
		name string
		rows []row
		from int
		ok   bool
	}{
		{"a clean crossover", rows(9, 3, 0.9, 0.5, 0.4), 4, true},
		{"one lucky small batch before the real crossover", rows(9, 0.8, 3, 1.2, 0.9, 0.5), 16, true},
		{"faster everywhere", rows(0.9, 0.6, 0.5), 1, true},
		{"the last row is slower again", rows(9, 3, 0.9, 0.5, 1.1), 0, false},
		{"never faster", rows(9, 3, 1.5), 0, false},
		{"equal is not faster", rows(9, 1), 0, false},
	} {
		from, ok := rustWinsFrom(tc.rows, 1)
		if from != tc.from || ok != tc.ok {
			t.Errorf("%s: rustWinsFrom = %d, %v; want %d, %v", tc.name, from, ok, tc.from, tc.ok)
		}
	}
}

func TestReadingNamesTheCrossoverThatHolds(t *testing.T) {
	var rows []row
	rows = append(rows, row{mode: "per-element", batch: 1, nsPerElem: 35})
	for _, size := range batchSizes(1 << 16) {
		rows = append(rows, row{mode: "per-batch", batch: size, nsPerElem: 40/float64(size) + 0.25})
	}
	rows[2].nsPerElem = 0.2 // batch 2: one fast outlier, faster than pure Go
	rows = append(rows, row{mode: "pure-go", nsPerElem: 0.3})
	var out strings.Builder
	printReading(&out, rows)
	// 40/B + 0.25 < 0.3 from B > 800, so from the measured size 1024 on.
	if !strings.Contains(out.String(), "beats the pure-Go loop (0.300 ns/element) at batch size 1024 and every larger one") {
		t.Errorf("the reading does not name batch 1024 as the crossover with pure Go:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "one call per element costs 35.000 ns/element") {
		t.Errorf("the reading does not quote the per-element row:\n%s", out.String())
	}
}

// BenchmarkCrossing times single calls: `go test -bench Crossing` shows
// what one call costs with one element and with more per call. DotStep
// against Dot/1 is the per-element entry against the batch entry with one
// element; both cross once.
func BenchmarkCrossing(b *testing.B) {
	x, y := exactData(1<<16, 1), exactData(1<<16, 2)
	b.Run("DotStep", func(b *testing.B) {
		var acc float32
		i := 0
		for b.Loop() {
			acc = DotStep(acc, x[i&0xffff], y[i&0xffff])
			i++
		}
	})
	for _, size := range []int{1, 64, 4096} {
		b.Run("Dot/"+strconv.Itoa(size), func(b *testing.B) {
			start := 0
			for b.Loop() {
				if _, err := Dot(x[start:start+size], y[start:start+size]); err != nil {
					b.Fatal(err)
				}
				start = (start + size) & 0xffff
			}
		})
	}
}
