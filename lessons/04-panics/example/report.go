package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Row is one line of the outcome table: the requests whose last error was
// of one kind, and how they ended.
type Row struct {
	Requests, ByRust, ByFallback, Retries, Failed int
}

// tally counts the outcomes per kind; the "all" row sums them.
func tally(outs []Outcome) map[string]*Row {
	rows := map[string]*Row{"all": {}}
	for _, k := range kinds {
		rows[k] = &Row{}
	}
	for _, o := range outs {
		for _, r := range []*Row{rows[o.Kind], rows["all"]} {
			r.Requests++
			r.Retries += o.Retries
			switch o.By {
			case "rust":
				r.ByRust++
			case "fallback":
				r.ByFallback++
			default:
				r.Failed++
			}
		}
	}
	return rows
}

// Check is how the answers compare with the pure-Go reference.
type Check struct {
	Summaries int // served, with the reference's summary
	Refusals  int // refused as invalid input, with the reference's message
	Shed      int // given up (busy, out of attempts or past the deadline): no answer to compare
	Problems  []string
}

func checkAnswers(reqs []Request, outs []Outcome) Check {
	var c Check
	for i, r := range reqs {
		ref, refErr := SummarizeGo(r.Batch)
		o := outs[i]
		var got *Error
		switch {
		case o.By == "" && (errors.Is(o.Err, ErrGaveUp) || errors.Is(o.Err, ErrBusy)):
			c.Shed++
		case refErr != nil && o.By != "":
			c.Problems = append(c.Problems, fmt.Sprintf("request %d: served by %s, but the reference refuses it: %v", r.ID, o.By, refErr))
		case refErr != nil && errors.As(o.Err, &got) && errors.Is(got, ErrInvalidInput) && got.Error() == refErr.Error():
			c.Refusals++
		case refErr != nil:
			c.Problems = append(c.Problems, fmt.Sprintf("request %d: failed with %v; the reference refuses it with %v", r.ID, o.Err, refErr))
		case o.By == "":
			c.Problems = append(c.Problems, fmt.Sprintf("request %d: failed with %v; the reference sums it", r.ID, o.Err))
		case o.Summary != ref:
			c.Problems = append(c.Problems, fmt.Sprintf("request %d: %s answered %+v, the reference %+v", r.ID, o.By, o.Summary, ref))
		default:
			c.Summaries++
		}
	}
	return c
}

// Run is everything the report needs from one run of the service loop.
type Run struct {
	Requests []Request
	Outcomes []Outcome
	Policy   Policy
	Lanes    int
	Seed     uint64
	Interval time.Duration
	Created  int
	Retired  []Retired
	Elapsed  time.Duration
}

// unanswered: lines the replaced handles counted beyond the batches they
// answered; expected: the lines before the discount line of each batch
// that panicked, which is what a panic leaves counted.
func (r Run) unanswered() (got, expected int64) {
	for _, h := range r.Retired {
		got += h.Stats.Records - h.AnsweredRecords
	}
	for i, o := range r.Outcomes {
		if o.Kind == "panicked" {
			expected += int64(r.Requests[i].PlantLine - 1)
		}
	}
	return got, expected
}

// printReport prints the settings, the outcome table, the check and the
// reading.
func printReport(out io.Writer, r Run) Check {
	planted := map[Plant]int{}
	bytes := 0
	for _, q := range r.Requests {
		planted[q.Plant]++
		bytes += len(q.Batch)
	}
	p := r.Policy
	fmt.Fprintf(out, "panics: %s %s/%s, GOMAXPROCS=%d; one shared Rust handle with %s, %s\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), plural(r.Lanes, "lane"), plural(p.Workers, "worker"))
	fmt.Fprintf(out, "workload: %d requests (seed %d), %.1f MB of order lines: %d plain, %d with a malformed line, %d with a discount line (the Rust parser's bug panics on it)\n",
		len(r.Requests), r.Seed, float64(bytes)/1e6, planted[plainBatch], planted[malformedLine], planted[discountLine])
	fmt.Fprintf(out, "arrivals: one request every %v on average, at random moments\n", r.Interval)
	fmt.Fprintf(out, "policy: at most %d Rust calls per request, no retry after its %v deadline\n", p.Attempts, p.Deadline)
	fmt.Fprintln(out, "  invalid-input  fail at once: the same batch gets the same answer")
	fmt.Fprintf(out, "  busy           retry after a backoff of %v, doubling up to %v, with jitter, if the request is idempotent (all are here); else fail\n", p.Backoff, p.MaxBackoff)
	fmt.Fprintln(out, "  panicked       replace the handle, then serve the request from the Go fallback if it is idempotent; else fail")
	fmt.Fprintln(out, "  poisoned       replace the handle (unless another worker has), then retry at once: the call was refused, not run")

	rows := tally(r.Outcomes)
	fmt.Fprintln(out, "\noutcomes, by the kind of the last error Rust answered (ok: none)")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\trequests\tserved by Rust\tserved by fallback\tretries\tfailed\t")
	for _, k := range append(kinds, "all") {
		row := rows[k]
		if k == "other" && row.Requests == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", k, row.Requests, row.ByRust, row.ByFallback, row.Retries, row.Failed)
	}
	tw.Flush()

	c := checkAnswers(r.Requests, r.Outcomes)
	fmt.Fprintln(out)
	if len(c.Problems) == 0 {
		fmt.Fprintf(out, "check: ok, every answer agrees with the pure-Go reference: %s, %s with the same message; %s given up, busy or out of attempts (no answer to check)\n",
			plural(c.Summaries, "summary"), plural(c.Refusals, "refusal"), plural(c.Shed, "request"))
	} else {
		fmt.Fprintf(out, "check: FAILED, %d answers disagree with the pure-Go reference:\n", len(c.Problems))
		for _, line := range c.Problems {
			fmt.Fprintln(out, "  "+line)
		}
	}
	got, expected := r.unanswered()
	fmt.Fprintf(out, "handles: %d created, %d replaced after a panic; lines the replaced handles counted but no answer holds: %d (lines before the discount line in the batches that panicked: %d)\n",
		r.Created, len(r.Retired), got, expected)
	fmt.Fprintf(out, "stderr: Rust's panic hook printed each of the %d panics there, before the unwinding reached catch_unwind\n", rows["panicked"].Requests)
	fmt.Fprintf(out, "time: %.2f s\n", r.Elapsed.Seconds())
	for _, line := range reading(r, rows) {
		fmt.Fprintln(out, "reading:", line)
	}
	return c
}

// plural is "1 request" or "2 requests" ("summary": "summaries").
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "ry") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// reading says what this run showed, computed from its outcomes.
func reading(r Run, rows map[string]*Row) []string {
	var lines []string
	inv := rows["invalid-input"]
	if inv.Requests > 0 {
		line := fmt.Sprintf("%s ended on invalid input: %d failed, %d went to the fallback; the service never repeats a refused batch",
			plural(inv.Requests, "request"), inv.Failed, inv.ByFallback)
		if inv.Retries > 0 {
			line += fmt.Sprintf(" (the %d retries in that row came after busy answers, before Rust read the batch)", inv.Retries)
		}
		lines = append(lines, line)
	}

	busy := rows["busy"]
	if busy.Requests == 0 {
		lines = append(lines, fmt.Sprintf("no request found every lane in use this run (%s, %s); a shorter -interval makes calls overlap more", plural(r.Lanes, "lane"), plural(r.Policy.Workers, "worker")))
	} else {
		lines = append(lines, fmt.Sprintf("%s last met busy (every lane in use: %s, %s): after %d retries with backoff, %d were served by Rust and %d given up",
			plural(busy.Requests, "request"), plural(r.Lanes, "lane"), plural(r.Policy.Workers, "worker"), busy.Retries, busy.ByRust, busy.Failed))
	}

	pan := rows["panicked"]
	if pan.Requests > 0 {
		lines = append(lines, fmt.Sprintf("%s made Rust panic: each panic was caught at the boundary, its handle replaced, and %d of them served by the Go fallback; the process went on",
			plural(pan.Requests, "request"), pan.ByFallback))
	}

	poi := rows["poisoned"]
	if poi.Requests == 0 {
		lines = append(lines, "no request reached a poisoned handle: each was replaced before another call got to it (new calls wait while the handle is replaced)")
	} else {
		were := "were"
		if poi.Requests == 1 {
			were = "was"
		}
		line := fmt.Sprintf("%s reached a poisoned handle before it was replaced, %s refused without running, and retried on the new one: %d served by Rust",
			plural(poi.Requests, "request"), were, poi.ByRust)
		if poi.Failed > 0 {
			// Their earlier calls met busy: the poisoned answer came at the last attempt or the deadline.
			line += fmt.Sprintf(", %d given up (the poisoned answer came after busy ones had used their attempts or time)", poi.Failed)
		}
		lines = append(lines, line)
	}

	got, expected := r.unanswered()
	if pan.Requests > 0 {
		if got == expected {
			lines = append(lines, fmt.Sprintf("the panicking calls left %d lines counted in their handles for batches never answered, the lines before each discount line: the error path that takes the counts back did not run, because unwinding is not rollback", got))
		} else {
			lines = append(lines, fmt.Sprintf("the replaced handles counted %d lines that no answer holds, where the lines before the discount lines add up to %d", got, expected))
		}
	}
	var kindsMet []string
	for _, k := range kinds[1:] {
		if rows[k].Requests > 0 {
			kindsMet = append(kindsMet, k)
		}
	}
	lines = append(lines, fmt.Sprintf("the process survived every answer (%s); a panic through an extern \"C\" function without catch_unwind ends it: -mode abort", strings.Join(kindsMet, ", ")))
	return lines
}
