package main

// Task 4: the verdict says only what the numbers support, and the
// comparison prints the table it promises. No test here says which parser
// is faster: that is what your run measures.

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// task: 4
func TestMedianDoesNotReorderItsInput(t *testing.T) {
	xs := []float64{9, 1, 5, 3}
	if got := median(xs); got != 4 {
		t.Errorf("median(9 1 5 3) = %v, want 4 (the mean of the two middle values)", got)
	}
	if got := median([]float64{9, 1, 5}); got != 5 {
		t.Errorf("median(9 1 5) = %v, want 5", got)
	}
	if got := median(nil); got != 0 {
		t.Errorf("median(nil) = %v, want 0", got)
	}
	if !slices.Equal(xs, []float64{9, 1, 5, 3}) {
		t.Errorf("median changed its argument to %v: the caller's rounds are in the caller's order", xs)
	}
}

// task: 4
func TestAClearWinIsNamedWithItsRatio(t *testing.T) {
	cases := []struct {
		goNs, rustNs []float64
		want         string
	}{
		{[]float64{100, 101, 99}, []float64{30, 31, 29}, "rust 3.3x faster"},
		{[]float64{21, 20, 22}, []float64{51, 50, 52}, "go 2.4x faster"},
		{[]float64{100, 98, 102, 99, 101}, []float64{88, 90, 89, 87, 91}, "rust 1.1x faster"},
	}
	for _, c := range cases {
		if got := decide(c.goNs, c.rustNs).String(); got != c.want {
			t.Errorf("decide(go %v, rust %v) = %q, want %q", c.goNs, c.rustNs, got, c.want)
		}
	}
}

// task: 4
// Medians 5% apart are not a result, even when every round agrees.
func TestASmallDifferenceIsNoClearDifference(t *testing.T) {
	v := decide([]float64{100, 100.5, 101}, []float64{95, 95.2, 95.4})
	if v.Winner != "" || v.String() != "no clear difference" {
		t.Errorf("medians 100.5 and 95.2: got %q, want no clear difference", v)
	}
	if v.Ratio < 1.0556 || v.Ratio > 1.0557 {
		t.Errorf("Ratio = %v, want the slower median over the faster (100.5/95.2 = 1.0557)", v.Ratio)
	}
}

// task: 4
// Medians far apart, but the rounds overlap: one noisy round of the
// "faster" parser was slower than a round of the other. No winner.
func TestOverlappingRoundsAreNoClearDifference(t *testing.T) {
	goNs := []float64{100, 104, 98, 180, 102}
	rustNs := []float64{60, 62, 190, 61, 59}
	if v := decide(goNs, rustNs); v.Winner != "" {
		t.Errorf("decide(go %v, rust %v) = %q: the ranges overlap, want no clear difference", goNs, rustNs, v)
	}
	// Touching counts as overlapping: the faster's slowest must beat the slower's fastest.
	if v := decide([]float64{50, 50, 40}, []float64{10, 12, 40}); v.Winner != "" {
		t.Errorf("rounds that meet at 40: got %q, want no clear difference", v)
	}
}

// task: 4
func TestTheVerdictIsSymmetricAndLeavesTheRoundsAlone(t *testing.T) {
	a := []float64{40, 10, 30, 20, 35}
	b := []float64{90, 70, 95, 80, 85}
	ab, ba := decide(a, b), decide(b, a)
	if ab.Winner != "go" || ba.Winner != "rust" || ab.Ratio != ba.Ratio {
		t.Errorf("decide(a, b) = %+v, decide(b, a) = %+v: swapping the parsers must swap the winner only", ab, ba)
	}
	if !slices.Equal(a, []float64{40, 10, 30, 20, 35}) || !slices.Equal(b, []float64{90, 70, 95, 80, 85}) {
		t.Errorf("decide changed its arguments: %v %v", a, b)
	}
	if v := decide(nil, b); v.Winner != "" {
		t.Errorf("no Go rounds: got %q, want no clear difference", v)
	}
}

// task: 4
func TestTheTableHasOneRowPerSizeInTheFormat(t *testing.T) {
	rows := []Row{
		{Lines: 1, Go: []float64{200, 210, 190}, Rust: []float64{700, 650, 720}},
		{Lines: 10000, Go: []float64{180, 185, 175}, Rust: []float64{170, 176, 172}},
	}
	want := tableHeader +
		"       1        200.0     10%          700.0     10%  go 3.5x faster\n" +
		"   10000        180.0      6%          172.0      3%  no clear difference\n"
	if got := formatTable(rows); got != want {
		t.Errorf("formatTable:\n%s\nwant:\n%s", got, want)
	}
}

// task: 4
// The whole comparison, shortened: both real parsers, two sizes, three
// rounds of a millisecond. The test reads the format, never the winner.
func TestCompareRunsBothParsersAndPrintsAVerdictPerSize(t *testing.T) {
	var out bytes.Buffer
	err := runCompare(&out, parser{"go", summarizeGo}, parser{"rust", summarizeRust}, []int{1, 100}, 3, time.Millisecond)
	if err != nil {
		t.Fatalf("runCompare: %v", err)
	}
	text := out.String()
	if !strings.Contains(text, "\n"+tableHeader) {
		t.Fatalf("no table header in:\n%s", text)
	}
	row := regexp.MustCompile(`(?m)^ +(\d+) +\d+\.\d +\d+% +\d+\.\d +\d+%  (no clear difference|(go|rust) \d+\.\dx faster)$`)
	var sizes []string
	for _, m := range row.FindAllStringSubmatch(text, -1) {
		sizes = append(sizes, m[1])
	}
	if !slices.Equal(sizes, []string{"1", "100"}) {
		t.Errorf("rows for sizes %v, want [1 100], in:\n%s", sizes, text)
	}
}
