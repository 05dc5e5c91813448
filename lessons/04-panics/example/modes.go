package main

// Two modes that each show one behaviour on one handle, step by step:
// panic-caught (a panic stopped at the boundary; exit status 0, the process
// lives on) and abort (the same panic through an entry point without
// catch_unwind; the process dies with status 2, which Go's runtime sets
// after a SIGABRT under the default GOTRACEBACK). Each line starts with the
// mode's name; stderr carries what Rust's panic hook and Go's runtime print.

import (
	"errors"
	"fmt"
	"io"
)

// The two batches of the modes: five plain lines, and four lines of which
// the third has a discount field (the parser's bug panics on it).
var (
	plainFive   = []byte("o-1,2,150\no-2,1,999\no-3,3,10\no-4,1,400\no-5,2,75\n")
	discountAt3 = []byte("o-6,1,500\no-7,2,250\no-8,4,120,10\no-9,1,80\n")
)

// showPanicCaught walks through a caught panic: the answer Go gets, the
// poisoned handle's half-updated counts, the next call's answer, the
// fallback, and a new handle. It checks each step and returns 1 if one did
// not go as described.
func showPanicCaught(out io.Writer) int {
	say := func(format string, args ...any) { fmt.Fprintf(out, "panic-caught: "+format+"\n", args...) }
	wrong := func(format string, args ...any) int { say("UNEXPECTED: "+format, args...); return 1 }

	acc, err := NewAccelerator(1)
	if err != nil {
		return wrong("creating a handle: %v", err)
	}
	defer func() { acc.Close() }()
	say("a handle with 1 lane; the Rust parser reads a discount one field past the end (rust/src/parse.rs, line_cents)")

	first, err := acc.Summarize(plainFive)
	if err != nil {
		return wrong("5 plain lines: %v", err)
	}
	say("1. 5 plain lines: ok, %d records, %d cents in all", first.Records, first.TotalCents)

	_, err = acc.Summarize(discountAt3)
	if !errors.Is(err, ErrPanicked) {
		return wrong("4 lines with a discount on line 3: got %v, want ErrPanicked", err)
	}
	var e *Error
	errors.As(err, &e)
	say("2. 4 lines, line 3 with a discount: Rust panicked; catch_unwind turned it into a status")
	say("   errors.Is(err, ErrPanicked) = true; the message Go got: %s", e.Message)
	say("   (stderr shows the same panic, printed by Rust's panic hook before the unwinding began)")

	st, err := acc.Stats()
	if err != nil || !st.Poisoned || st.Records != first.Records+2 || st.Batches != 1 {
		return wrong("stats after the panic: %+v, %v", st, err)
	}
	say("3. the handle's own counts: %d records, %d answered batch, poisoned: the 2 lines before the panic stay counted,", st.Records, st.Batches)
	say("   for a batch that got no answer; the error path that takes counts back never ran: unwinding is not rollback")

	_, err = acc.Summarize(plainFive)
	if !errors.Is(err, ErrPoisoned) {
		return wrong("the plain lines again: got %v, want ErrPoisoned", err)
	}
	errors.As(err, &e)
	say("4. the 5 plain lines again, same handle: refused without running, errors.Is(err, ErrPoisoned) = true")
	say("   message: %s", e.Message)

	fallback, err := SummarizeGo(discountAt3)
	if err != nil {
		return wrong("the Go fallback: %v", err)
	}
	say("5. the Go fallback sums the discount batch: %d records, %d cents in all", fallback.Records, fallback.TotalCents)

	acc.Close()
	if acc, err = NewAccelerator(1); err != nil {
		return wrong("a new handle: %v", err)
	}
	again, err := acc.Summarize(plainFive)
	if err != nil || again != first {
		return wrong("the plain lines on a new handle: %+v, %v", again, err)
	}
	say("6. handle freed and a new one created: the 5 plain lines give %d records, %d cents again", again.Records, again.TotalCents)
	say("the process is still running; exit status 0")
	return 0
}

// showAbort calls the entry point that has no catch_unwind with the batch
// that panics. The panic reaches the end of an extern "C" function, Rust
// aborts the process, and nothing after the call runs: not the line after
// it, not the deferred function with its recover.
func showAbort(out io.Writer) int {
	acc, err := NewAccelerator(1)
	if err != nil {
		fmt.Fprintln(out, "abort: creating a handle:", err)
		return 1
	}
	defer func() {
		fmt.Fprintf(out, "abort: a deferred function ran; recover() = %v\n", recover())
	}()
	fmt.Fprintln(out, `abort: calling osum_summarize_unguarded (the same parser, an extern "C" entry point without catch_unwind) with 4 lines, line 3 with a discount`)
	fmt.Fprintln(out, `abort: the panic cannot unwind out of an extern "C" function, so Rust aborts the process: no line after this one, no deferred function, exit status 2`)
	sum, err := acc.SummarizeUnguarded(discountAt3)
	fmt.Fprintf(out, "abort: UNEXPECTED: the call returned (%+v, %v); is the parser's bug fixed?\n", sum, err)
	return 1
}
