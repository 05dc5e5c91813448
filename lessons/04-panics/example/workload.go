package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Plant is what the workload put in a batch on purpose.
type Plant int

const (
	plainBatch    Plant = iota // good order lines only
	malformedLine              // one bad line: the caller's data is wrong
	discountLine               // one line with a discount: valid, but the Rust parser's bug panics on it
)

// Request is one request to the service: a batch of order lines to sum.
type Request struct {
	ID    int
	Batch []byte
	// Idempotent: doing the request twice does nothing twice. Summing a
	// batch changes nothing outside the handle's own counts, so every
	// request of this workload is; the policy still asks (decide).
	Idempotent bool
	Plant      Plant
	// PlantLine is the 1-based line of the planted line (0 for a plain batch).
	PlantLine int
}

// Every malformedEvery-th request has a malformed line and every
// discountEvery-th a discount line.
const (
	malformedEvery = 20
	discountEvery  = 40
)

// badLines are the malformed lines the workload plants, in turn; %d is the
// request's ID.
var badLines = []string{
	"o-%d-x,7x,120",       // qty is not a number
	"o-%d-x,3",            // two fields
	"",                    // an empty line
	"o-%d-x,0,120",        // qty 0
	"o-%d-x,1,2,3,4",      // five fields
	",2,120",              // no order_id
	"o-%d-x,2,99999999",   // unit_cents too large
	"o-%d-x,2,12.5",       // cents with a decimal point
	"o-%d-x,+2,120",       // a sign
	"o-%d-x,2,120,5,,",    // six fields
	"o-%d-x,10001,120",    // qty too large
	"o-%d-x,\xff\xfe,120", // not UTF-8
}

// workload makes n requests from seed: batches of 500 to 2,000 order lines;
// a malformed line in every 20th batch (from the 8th) and a discount line in
// every 40th (from the 20th), each at a random line.
func workload(n int, seed uint64) []Request {
	rng := rand.New(rand.NewPCG(seed, 4))
	reqs := make([]Request, n)
	for i := range reqs {
		lines := 500 + rng.IntN(1501)
		r := Request{ID: i, Idempotent: true}
		switch {
		case i%malformedEvery == 7:
			r.Plant, r.PlantLine = malformedLine, 1+rng.IntN(lines)
		case i%discountEvery == 19:
			r.Plant, r.PlantLine = discountLine, 1+rng.IntN(lines)
		}
		var b []byte
		for line := 1; line <= lines; line++ {
			qty, unit := 1+rng.IntN(20), 50+rng.IntN(50_000)
			switch {
			case line == r.PlantLine && r.Plant == malformedLine:
				bad := badLines[(i/malformedEvery)%len(badLines)]
				if strings.Contains(bad, "%d") {
					bad = fmt.Sprintf(bad, i)
				}
				b = append(b, bad...)
			case line == r.PlantLine && r.Plant == discountLine:
				b = fmt.Appendf(b, "o-%d-%d,%d,%d,%d", i, line, qty, unit, 5+rng.IntN(26))
			default:
				b = fmt.Appendf(b, "o-%d-%d,%d,%d", i, line, qty, unit)
			}
			b = append(b, '\n')
		}
		r.Batch = b
		reqs[i] = r
	}
	return reqs
}
