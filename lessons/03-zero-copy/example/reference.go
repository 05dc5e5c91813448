package main

import "math"

// lanes matches LANES in rust/src/kernel.rs.
const lanes = 8

// sumSquaresGo is kernel::sum_squares in Go, to the bit: element i's square
// is added to lane i%lanes, and the lanes are added in the same tree.
func sumSquaresGo(v []float32) float64 {
	var acc [lanes]float64
	for i, x := range v {
		sq := float64(x) * float64(x)
		// The explicit conversion rounds the product before the add. Without
		// it Go may fuse x*x+acc into one FMA instruction (the spec allows
		// that, and arm64 does it), which rounds once and can differ from
		// Rust in the last bit.
		acc[i%lanes] += float64(sq)
	}
	return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
}

// normalizeGo is kernel::normalize in Go: the pure-Go reference every way's
// result is checked against.
func normalizeGo(v []float32) float64 {
	norm := math.Sqrt(sumSquaresGo(v))
	if norm > 0 && !math.IsInf(norm, 0) {
		inv := 1 / norm
		for i, x := range v {
			v[i] = float32(float64(x) * inv)
		}
	}
	return norm
}

// checksum is FNV-1a over the norm's bits and every value's bits: two
// results have the same checksum when (barring a collision) they are the
// same to the bit.
func checksum(v []float32, norm float64) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	b := math.Float64bits(norm)
	for range 8 {
		h = (h ^ (b & 0xff)) * prime
		b >>= 8
	}
	for _, x := range v {
		b := uint64(math.Float32bits(x))
		for range 4 {
			h = (h ^ (b & 0xff)) * prime
			b >>= 8
		}
	}
	return h
}

// vector returns n values in [-8, 8), the same for the same n on every run:
// a xorshift generator seeded from n.
func vector(n int) []float32 {
	v := make([]float32, n)
	s := uint64(n)*0x9E3779B97F4A7C15 | 1
	for i := range v {
		s ^= s << 13
		s ^= s >> 7
		s ^= s << 17
		v[i] = float32(int32(s>>40)-1<<23) / (1 << 20)
	}
	return v
}
