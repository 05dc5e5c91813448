package main

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// row is one line of the results table.
type row struct {
	mode       string // "per-element", "per-batch" or "pure-go"
	batch      int    // elements per cgo call; 0 for pure-go
	calls      int    // cgo calls in one pass over the data
	nsPerElem  float64
	passResult float64 // dot product from the last pass over the data
}

// config says how long to measure each row and how often.
type config struct {
	dataLen int           // elements in each array (and the largest batch)
	minTime time.Duration // a measurement repeats passes until this much time has gone by
	reps    int           // measurements per row; the table shows their median
}

// measure runs pass once to warm up, then takes c.reps measurements, each
// repeating pass until c.minTime has gone by. It returns the median
// nanoseconds per element and the last pass's result.
func measure(c config, pass func() (float64, error)) (nsPerElem, result float64, err error) {
	if result, err = pass(); err != nil {
		return 0, 0, err
	}
	samples := make([]float64, c.reps)
	for r := range samples {
		passes := 0
		start := time.Now()
		for passes == 0 || time.Since(start) < c.minTime {
			if result, err = pass(); err != nil {
				return 0, 0, err
			}
			passes++
		}
		elapsed := time.Since(start)
		samples[r] = float64(elapsed.Nanoseconds()) / float64(passes*c.dataLen)
	}
	return median(samples), result, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// batchSizes returns 1, 2, 4, ... up to and including largest (a power of two).
func batchSizes(largest int) []int {
	var sizes []int
	for b := 1; b <= largest; b *= 2 {
		sizes = append(sizes, b)
	}
	return sizes
}

// sweep times the three loops on a and b: one cgo call per element, one per
// batch for every batch size, and no cgo call at all.
func sweep(c config, a, b []float32) ([]row, error) {
	var rows []row
	ns, res, err := measure(c, func() (float64, error) { return float64(perElement(a, b)), nil })
	if err != nil {
		return nil, err
	}
	rows = append(rows, row{"per-element", 1, c.dataLen, ns, res})

	for _, size := range batchSizes(c.dataLen) {
		ns, res, err := measure(c, func() (float64, error) { return perBatch(a, b, size) })
		if err != nil {
			return nil, fmt.Errorf("batch size %d: %w", size, err)
		}
		calls := (c.dataLen + size - 1) / size
		rows = append(rows, row{"per-batch", size, calls, ns, res})
	}

	ns, res, err = measure(c, func() (float64, error) { return float64(pureGo(a, b)), nil })
	if err != nil {
		return nil, err
	}
	rows = append(rows, row{"pure-go", 0, 0, ns, res})
	return rows, nil
}

// costModel is the curve ns/element = fixedNs/batch + perElemNs.
type costModel struct {
	// fixedNs is what one batch call costs whatever its length: the cgo
	// crossing plus the batch entry's own set-up (checks, result mapping).
	// Each element pays fixedNs/batch of it. It is not the cost of a bare
	// crossing: read that from the per-element row.
	fixedNs float64
	// perElemNs is what every element costs whatever the batch size.
	perElemNs float64
}

// fitCostModel fits costModel to the per-batch rows by least squares on
// relative errors (each row weighted by 1/ns²): timing noise grows with the
// time measured, and plain least squares would let the slow small-batch rows
// decide everything.
func fitCostModel(rows []row) costModel {
	var sw, sx, sy, sxx, sxy float64
	for _, r := range rows {
		if r.mode != "per-batch" {
			continue
		}
		w := 1 / (r.nsPerElem * r.nsPerElem)
		x := 1 / float64(r.batch)
		sw += w
		sx += w * x
		sy += w * r.nsPerElem
		sxx += w * x * x
		sxy += w * x * r.nsPerElem
	}
	slope := (sw*sxy - sx*sy) / (sw*sxx - sx*sx)
	return costModel{fixedNs: slope, perElemNs: (sy - slope*sx) / sw}
}

// threshold returns the batch size B = fixedNs / (share * perElemNs) from
// which the fixed cost per element, fixedNs/B, is at most `share` (0.05 =
// 5%) of perElemNs. From there on ns/element is at most (1+share) times
// perElemNs, and the fixed cost's share of the total is at most
// share/(1+share). It returns false if the model cannot say (no positive
// costs).
func (m costModel) threshold(share float64) (float64, bool) {
	if !(m.fixedNs > 0 && m.perElemNs > 0 && share > 0) || math.IsInf(m.fixedNs, 0) {
		return 0, false
	}
	return m.fixedNs / (share * m.perElemNs), true
}

// kneeBatch returns the smallest power-of-two batch size at or above
// threshold(share): the first size the sweep measures that meets the rule.
// It can be up to twice the threshold; any size from the threshold up meets
// the rule as well.
func (m costModel) kneeBatch(share float64) (int, bool) {
	need, ok := m.threshold(share)
	if !ok {
		return 0, false
	}
	b := 1
	for float64(b) < need && b < 1<<40 {
		b *= 2
	}
	return b, true
}

// rustWinsFrom returns the smallest batch size from which every per-batch
// row, that one and all larger ones, is faster than pureNs, and false if
// the largest batch size is not faster. Looking only for the first faster
// row would let one lucky row among slower ones pass for a crossover.
func rustWinsFrom(rows []row, pureNs float64) (int, bool) {
	from, ok := 0, false
	for _, r := range rows {
		if r.mode != "per-batch" {
			continue
		}
		if r.nsPerElem < pureNs {
			if !ok {
				from, ok = r.batch, true
			}
		} else {
			from, ok = 0, false
		}
	}
	return from, ok
}
