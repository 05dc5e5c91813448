package main

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"time"
)

// workload is what the driver feeds to a window: the same samples, in the
// same batches, for every variant.
type workload struct {
	Window  int    `json:"window"`  // samples the window keeps
	Keys    int    `json:"keys"`    // distinct keys the samples are drawn from
	Batch   int    `json:"batch"`   // samples per batch (one "request")
	Batches int    `json:"batches"` // batches timed, after the window is full
	Seed    uint64 `json:"seed"`
}

// sampleBytes is the size of one sample in a request body: key, value.
const sampleBytes = 8 + 4

// requests makes the request bodies a workload sends, as raw bytes:
// little-endian key and value per sample. Keys are spread over Keys
// distinct, non-sequential ids; values are 1..2000 (microseconds, say).
type requests struct {
	w     workload
	state uint64
}

func newRequests(w workload) *requests { return &requests{w: w, state: w.Seed} }

// next returns the body of the next batch. It is a new allocation every
// time, as a request body read from the network would be.
func (r *requests) next() []byte {
	body := make([]byte, r.w.Batch*sampleBytes)
	for i := 0; i < r.w.Batch; i++ {
		x := r.rand()
		key := mix(x % uint64(r.w.Keys))
		value := uint32(1 + (x>>32)%2000)
		binary.LittleEndian.PutUint64(body[i*sampleBytes:], key)
		binary.LittleEndian.PutUint32(body[i*sampleBytes+8:], value)
	}
	return body
}

// rand is splitmix64: fast, fixed by the seed, identical in every variant.
func (r *requests) rand() uint64 {
	r.state += 0x9E3779B97F4A7C15
	return mix(r.state)
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// decode turns a request body into the two slices Window.Add takes. Like
// the body, they are fresh allocations: garbage as soon as the batch is in.
func decode(body []byte) (keys []uint64, values []uint32) {
	n := len(body) / sampleBytes
	keys, values = make([]uint64, n), make([]uint32, n)
	for i := range n {
		keys[i] = binary.LittleEndian.Uint64(body[i*sampleBytes:])
		values[i] = binary.LittleEndian.Uint32(body[i*sampleBytes+8:])
	}
	return keys, values
}

// handle is one request: decode the body, add it to the window, and read
// back the totals of a few of its keys, as an endpoint that answers with
// fresh statistics would.
func handle(w Window, body []byte) error {
	keys, values := decode(body)
	if err := w.Add(keys, values); err != nil {
		return err
	}
	for i := 0; i < len(keys); i += max(1, len(keys)/4) {
		if _, err := w.Stats(keys[i]); err != nil {
			return err
		}
	}
	return nil
}

// fill adds requests until the window has seen as many samples as it keeps.
func fill(win Window, reqs *requests) error {
	for filled := 0; filled < reqs.w.Window; filled += reqs.w.Batch {
		if err := handle(win, reqs.next()); err != nil {
			return fmt.Errorf("filling the window: %w", err)
		}
	}
	return nil
}

// timeBatches handles reqs.w.Batches more requests and returns how long each
// one took, in order. The body is made before the clock starts (it stands
// for bytes read from the network); decoding it is part of the request.
func timeBatches(win Window, reqs *requests) ([]time.Duration, error) {
	times := make([]time.Duration, reqs.w.Batches)
	for i := range times {
		body := reqs.next()
		start := time.Now()
		if err := handle(win, body); err != nil {
			return nil, fmt.Errorf("batch %d: %w", i, err)
		}
		times[i] = time.Since(start)
	}
	return times, nil
}

// percentile returns the p-th percentile (0 < p <= 100) of times by the
// nearest-rank method: a time one of the requests really took.
func percentile(times []time.Duration, p float64) time.Duration {
	if len(times) == 0 {
		return 0
	}
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	rank := int(math.Ceil(float64(len(sorted))*p/100)) - 1
	return sorted[min(max(rank, 0), len(sorted)-1)]
}
