package main

// The three loops the program times. Each computes the dot product of a and
// b; they differ only in how often the work crosses from Go into Rust.

// perElement crosses once per element: Rust does one multiply and one add,
// then control comes back to Go for the next element.
func perElement(a, b []float32) float32 {
	var acc float32
	for i := range a {
		acc = DotStep(acc, a[i], b[i])
	}
	return acc
}

// perBatch crosses once per batch of up to `batch` elements; Rust reads each
// batch in place through a pointer into the Go slice. Go adds up the batch
// results in float64.
func perBatch(a, b []float32, batch int) (float64, error) {
	var total float64
	for start := 0; start < len(a); start += batch {
		end := min(start+batch, len(a))
		part, err := Dot(a[start:end], b[start:end])
		if err != nil {
			return 0, err
		}
		total += float64(part)
	}
	return total, nil
}

// pureGo never crosses. It mirrors kernel.rs (eight accumulators, then the
// tail) so that the comparison is between the two compilers on the same
// algorithm, not between two algorithms.
func pureGo(a, b []float32) float32 {
	n := min(len(a), len(b))
	a, b = a[:n], b[:n]
	var sums [8]float32
	i := 0
	for ; i+8 <= n; i += 8 {
		ca, cb := a[i:i+8:i+8], b[i:i+8:i+8]
		for lane := range sums {
			sums[lane] += ca[lane] * cb[lane]
		}
	}
	var tail float32
	for ; i < n; i++ {
		tail += a[i] * b[i]
	}
	var total float32
	for _, s := range sums {
		total += s
	}
	return total + tail
}
