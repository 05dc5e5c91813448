package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
)

// printReport prints the settings, the tables, the check and the reading.
func printReport(out io.Writer, all []way, sizes []int, s settings, srv *rpcServer, cells [][]cell, refs []cell) {
	fmt.Fprintf(out, "zerocopy: %s %s/%s, GOMAXPROCS=%d, %s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), cgocheck())
	fmt.Fprintln(out, "kernel: normalise a float32 vector to unit length (rust/src/kernel.rs); every way runs this same Rust function")
	fmt.Fprintf(out, "sizes: %s; each time is the median of %d repetitions of about %s after a warm-up\n",
		sizeList(sizes), s.Reps, s.PerRep)
	fmt.Fprintf(out, "rpc server: a separate process, %s (pid %d), at %s\n", srv.Path, srv.PID, srv.URL)

	fmt.Fprintln(out, "\nways:")
	for _, w := range all {
		fmt.Fprintf(out, "  %-11s %s\n", w.Name, w.About)
	}

	table(out, "time per call (median)", all, sizes, cells, func(c cell) string { return duration(c.NsPerCall) })
	table(out, "throughput (GB/s of vector handed over and back)", all, sizes, cells, func(c cell) string {
		return fmt.Sprintf("%.3g", float64(c.Bytes)/c.NsPerCall)
	})
	table(out, "Go heap allocated per call ("+mAllocBytes+")", all, sizes, cells, func(c cell) string { return bytesPerCall(c.AllocBytes) })
	table(out, "Go heap objects allocated per call ("+mAllocObjects+")", all, sizes, cells, func(c cell) string {
		return fmt.Sprintf("%.1f", c.AllocObjects)
	})
	table(out, "cgo calls per call ("+mCgoCalls+")", all, sizes, cells, func(c cell) string {
		return fmt.Sprintf("%.1f", c.CgoCalls)
	})

	fmt.Fprintln(out, "\nresult: the norm the vector had, and a checksum of each result (FNV-1a over the bits of the norm and every value; first 8 hex digits)")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "size\tnorm\tgo-reference\t")
	for _, w := range all {
		fmt.Fprintf(tw, "%s\t", w.Name)
	}
	fmt.Fprintln(tw)
	for i, ref := range refs {
		fmt.Fprintf(tw, "%s\t%.6g\t%08x\t", size(ref.Bytes), ref.Norm, ref.Checksum>>32)
		for _, c := range cells[i] {
			if c.Skipped {
				fmt.Fprint(tw, "-\t")
			} else {
				fmt.Fprintf(tw, "%08x\t", c.Checksum>>32)
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	fmt.Fprintln(out)
	if agree(cells) {
		fmt.Fprintf(out, "check: ok, at every size every way gave the pure-Go reference's result to the bit (norm and values)\n")
	} else {
		fmt.Fprintln(out, "check: FAILED, these results differ from the pure-Go reference:")
		for _, row := range cells {
			for _, c := range row {
				if !c.Skipped && !c.MatchesReference {
					fmt.Fprintf(out, "  %s at %s: norm %g, checksum %016x\n", all[c.Way].Name, size(c.Bytes), c.Norm, c.Checksum)
				}
			}
		}
	}
	fmt.Fprintf(out, "rpc: %d requests, and the server counted %d on the connection that carried the last one\n", srv.Calls, srv.ConnRequests)
	fmt.Fprintf(out, "read from runtime/metrics: %s (each read right after runtime.GC(), which flushes the per-P allocation caches)\n", strings.Join(metricNames, ", "))
	for _, line := range reading(all, cells) {
		fmt.Fprintln(out, "reading:", line)
	}
}

// table prints one figure for every size (rows) and way (columns).
func table(out io.Writer, title string, all []way, sizes []int, cells [][]cell, figure func(cell) string) {
	fmt.Fprintf(out, "\n%s\n", title)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "size\t")
	for _, w := range all {
		fmt.Fprintf(tw, "%s\t", w.Name)
	}
	fmt.Fprintln(tw)
	for i, bytes := range sizes {
		fmt.Fprintf(tw, "%s\t", size(bytes))
		for _, c := range cells[i] {
			if c.Skipped {
				fmt.Fprint(tw, "-\t")
			} else {
				fmt.Fprintf(tw, "%s\t", figure(c))
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// agree reports whether every measured cell matched the reference.
func agree(cells [][]cell) bool {
	for _, row := range cells {
		for _, c := range row {
			if !c.Skipped && !c.MatchesReference {
				return false
			}
		}
	}
	return true
}

// clearly is the ratio from which the reading calls one time clearly
// bigger than another: on a shared 2-CPU machine a median still moves by
// ten or twenty percent from run to run.
const clearly = 1.25

// column returns way name's cells, one per size (Skipped where it was not
// measured), or nil when the run has no such way.
func column(all []way, cells [][]cell, name string) []cell {
	for j, w := range all {
		if w.Name == name {
			col := make([]cell, len(cells))
			for i := range cells {
				col[i] = cells[i][j]
			}
			return col
		}
	}
	return nil
}

// reading says in a few lines what this run showed, computed from its
// numbers; where the numbers do not clearly differ it says so.
func reading(all []way, cells [][]cell) []string {
	ptr := column(all, cells, "pointer")
	if len(ptr) == 0 {
		return nil
	}
	var lines []string
	if c := column(all, cells, "copy-c"); c != nil {
		lines = append(lines, copyReading(ptr, c))
	}
	if a := column(all, cells, "rust-alloc"); a != nil {
		lines = append(lines, rustAllocReading(ptr, a))
	}
	if r := column(all, cells, "rpc-binary"); r != nil {
		lines = append(lines, rpcReading(ptr, r))
		if j := column(all, cells, "rpc-json"); j != nil {
			if line := jsonReading(r, j); line != "" {
				lines = append(lines, line)
			}
		}
	}
	lines = append(lines, allocReading(all, cells))
	return lines
}

// copyReading compares the copy's own cost (copy-c minus pointer: malloc,
// two copies, free, a new Go slice) with the pointer way's whole call (the
// crossing and the kernel) at each size.
func copyReading(ptr, cp []cell) string {
	var more, less, similar []string
	for i := range ptr {
		extra, kernel := cp[i].NsPerCall-ptr[i].NsPerCall, ptr[i].NsPerCall
		switch {
		case extra >= clearly*kernel:
			more = append(more, size(ptr[i].Bytes))
		case extra*clearly <= kernel:
			less = append(less, size(ptr[i].Bytes))
		default:
			similar = append(similar, size(ptr[i].Bytes))
		}
	}
	lo, hi := ratioRange(cp, ptr)
	span := fmt.Sprintf("copy-c took %s to %s the pointer way's time", lo, hi)
	switch {
	case len(more) == len(ptr):
		return "copying cost more than the call and kernel together at every size: " + span + " (malloc and free are two more cgo calls, and each result is a new Go slice for the collector)"
	case len(less) == len(ptr):
		return "copying cost less than the call and kernel at every size: " + span
	case len(similar) == len(ptr):
		return "no clear difference between copying and the call with its kernel at any size: " + span
	}
	parts := []string{}
	if len(more) > 0 {
		parts = append(parts, "more at "+strings.Join(more, ", "))
	}
	if len(similar) > 0 {
		parts = append(parts, "about the same at "+strings.Join(similar, ", "))
	}
	if len(less) > 0 {
		parts = append(parts, "less at "+strings.Join(less, ", "))
	}
	return "copying against the call and kernel together: it cost " + strings.Join(parts, "; ") + "; " + span
}

// rustAllocReading compares Rust-allocated results with the pointer way.
func rustAllocReading(ptr, ra []cell) string {
	lo, hi := ratioRange(ra, ptr)
	last := len(ptr) - 1
	verdict := "clearly slower than"
	switch r := ra[last].NsPerCall / ptr[last].NsPerCall; {
	case r < 1/clearly:
		verdict = "clearly faster than"
	case r < clearly:
		verdict = "not clearly different from"
	}
	return fmt.Sprintf("rust-alloc took %s to %s the pointer way's time (one more cgo call to free, and a new Rust buffer per call that the input is copied into); at %s it was %s the pointer way (%s against %s)",
		lo, hi, size(ptr[last].Bytes), verdict, duration(ra[last].NsPerCall), duration(ptr[last].NsPerCall))
}

// rpcReading compares the loopback RPC with the pointer way at the
// smallest and the largest size.
func rpcReading(ptr, rpc []cell) string {
	first, last := 0, len(ptr)-1
	at := func(i int) string {
		r := rpc[i].NsPerCall / ptr[i].NsPerCall
		if r < clearly {
			return fmt.Sprintf("no clear difference at %s (%s against %s)", size(ptr[i].Bytes), duration(rpc[i].NsPerCall), duration(ptr[i].NsPerCall))
		}
		return fmt.Sprintf("%s slower at %s (%s against %s)", times(r), size(ptr[i].Bytes), duration(rpc[i].NsPerCall), duration(ptr[i].NsPerCall))
	}
	if first == last {
		return "rpc-binary against pointer: " + at(first)
	}
	return fmt.Sprintf("rpc-binary against pointer: %s, where the HTTP round trip is nearly all of it; %s, where encoding, socket copies and decoding add up",
		at(first), at(last))
}

// jsonReading compares JSON bodies with binary ones at the largest size
// both were measured at.
func jsonReading(bin, js []cell) string {
	for i := len(js) - 1; i >= 0; i-- {
		if js[i].Skipped || bin[i].Skipped {
			continue
		}
		r := js[i].NsPerCall / bin[i].NsPerCall
		if r < clearly && r > 1/clearly {
			return fmt.Sprintf("no clear difference between JSON and binary bodies at %s (%s against %s)", size(js[i].Bytes), duration(js[i].NsPerCall), duration(bin[i].NsPerCall))
		}
		return fmt.Sprintf("at %s, JSON bodies took %s the binary ones' time (%s against %s): every value is formatted and parsed as text, on both sides",
			size(js[i].Bytes), times(r), duration(js[i].NsPerCall), duration(bin[i].NsPerCall))
	}
	return ""
}

// allocReading sums up the Go heap allocation per call, as a multiple of
// the vector's size at the largest size.
func allocReading(all []way, cells [][]cell) string {
	last := cells[len(cells)-1]
	var none, some []string
	for j, w := range all {
		worst := 0.0
		for i := range cells {
			if !cells[i][j].Skipped {
				worst = max(worst, cells[i][j].AllocBytes)
			}
		}
		if worst < 64 {
			none = append(none, w.Name)
			continue
		}
		c := last[j]
		for i := len(cells) - 1; c.Skipped && i >= 0; i-- {
			c = cells[i][j]
		}
		some = append(some, fmt.Sprintf("%s %s per call at %s (%.1fx the vector)", w.Name, bytesPerCall(c.AllocBytes), size(c.Bytes), c.AllocBytes/float64(c.Bytes)))
	}
	line := "on the Go heap, "
	if len(none) > 0 {
		line += strings.Join(none, " and ") + " allocated nothing per call (under 64 B at every size)"
		if len(some) > 0 {
			line += "; "
		}
	}
	return line + strings.Join(some, ", ")
}

// ratioRange is the smallest and largest ratio a/b over the sizes, as text.
func ratioRange(a, b []cell) (string, string) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range a {
		r := a[i].NsPerCall / b[i].NsPerCall
		lo, hi = math.Min(lo, r), math.Max(hi, r)
	}
	return times(lo), times(hi)
}

// times formats a ratio: "12x", "2.5x", "0.8x".
func times(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0fx", r)
	}
	return fmt.Sprintf("%.1fx", r)
}

// cgocheck describes the GODEBUG cgocheck setting this process runs with.
func cgocheck() string {
	for _, setting := range strings.Split(os.Getenv("GODEBUG"), ",") {
		if v, ok := strings.CutPrefix(setting, "cgocheck="); ok {
			return "GODEBUG cgocheck=" + v
		}
	}
	return "GODEBUG cgocheck=1 (the default)"
}

func size(b int) string {
	switch {
	case b >= 1<<20 && b%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", b>>20)
	case b >= 1<<10 && b%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", b>>10)
	default:
		return fmt.Sprintf("%d B", b)
	}
}

func sizeList(sizes []int) string {
	names := make([]string, len(sizes))
	for i, b := range sizes {
		names[i] = size(b)
	}
	return strings.Join(names, ", ")
}

func duration(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

func bytesPerCall(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	default:
		return fmt.Sprintf("%.0f B", b)
	}
}
