package main

// A way of handing a vector to the Rust kernel and getting the result back.
type way struct {
	Name  string
	About string
	// MaxBytes is the largest vector this way is measured at; 0: any.
	MaxBytes int
	// Call runs the kernel once on v's values and gives the result to use
	// while it is valid. The result may be v itself (the pointer way works
	// in place) or memory that is freed when use returns (rust-alloc).
	Call func(v []float32, use func(out []float32, norm float64)) error
}

// jsonMaxBytes: above this the JSON way is skipped, to keep a full run
// within the runner's time limit (text costs about 20 times the binary way).
const jsonMaxBytes = 64 << 10

// ways returns the ways in report order. The RPC ways need the server.
func ways(server *rpcServer) []way {
	return []way{
		{
			Name:  "pointer",
			About: "Go passes its slice's address and length; Rust normalises that memory in place during the call",
			Call: func(v []float32, use func([]float32, float64)) error {
				norm, err := NormalizeInPlace(v)
				if err == nil {
					use(v, norm)
				}
				return err
			},
		},
		{
			Name:  "copy-c",
			About: "C.malloc, copy in, Rust works on the C copy, copy out into a new Go slice, C.free",
			Call: func(v []float32, use func([]float32, float64)) error {
				out, norm, err := NormalizeCopy(v)
				if err == nil {
					use(out, norm)
				}
				return err
			},
		},
		{
			Name:  "rust-alloc",
			About: "Rust reads the slice in place and returns a buffer it allocated; Go reads it (unsafe.Slice), then Rust frees it",
			Call: func(v []float32, use func([]float32, float64)) error {
				r, err := NormalizeNew(v)
				if err != nil {
					return err
				}
				use(r.Values(), r.Norm())
				return r.Free()
			},
		},
		{
			Name:  "rpc-binary",
			About: "HTTP/1.1 POST of the little-endian bytes to the Rust server process, one kept-alive connection",
			Call: func(v []float32, use func([]float32, float64)) error {
				out, norm, err := server.NormalizeBinary(v)
				if err == nil {
					use(out, norm)
				}
				return err
			},
		},
		{
			Name:     "rpc-json",
			About:    "the same call with JSON bodies (encoding/json in Go, hand-written in Rust)",
			MaxBytes: jsonMaxBytes,
			Call: func(v []float32, use func([]float32, float64)) error {
				out, norm, err := server.NormalizeJSON(v)
				if err == nil {
					use(out, norm)
				}
				return err
			},
		},
	}
}
