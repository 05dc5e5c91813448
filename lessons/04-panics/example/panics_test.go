package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain runs the program itself when PANICS_RUN_PROGRAM is set, so that
// the tests of the modes can start this test binary as the program (and
// watch -mode abort end it).
func TestMain(m *testing.M) {
	if os.Getenv("PANICS_RUN_PROGRAM") == "1" {
		os.Exit(run())
	}
	os.Exit(m.Run())
}

func newAccelerator(t *testing.T, lanes int) *Accelerator {
	t.Helper()
	acc, err := NewAccelerator(lanes)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(acc.Close)
	return acc
}

// sameAnswer compares two answers: the same summary, or errors of the same
// kind with the same message.
func sameAnswer(s1 Summary, err1 error, s2 Summary, err2 error) bool {
	if err1 == nil || err2 == nil {
		return err1 == nil && err2 == nil && s1 == s2
	}
	var e1, e2 *Error
	return errors.As(err1, &e1) && errors.As(err2, &e2) && e1.Kind == e2.Kind && e1.Message == e2.Message
}

func TestRustAndTheGoFallbackGiveTheSameAnswers(t *testing.T) {
	acc := newAccelerator(t, 1)
	batches := [][]byte{
		nil, []byte("\n"), []byte("a,1,5"), []byte("a,1,5\n"), []byte("a,1,5\n\n"), []byte("a,2,7\nb,1,7\nc,5,1\nd,1,8\n"),
		[]byte("a,1\n"), []byte("a,1,2,3,4\n"), []byte(",1,2\n"), []byte("a,x,1\n"), []byte("a,1,\xff\t\"\n"),
		[]byte("a,0,1\n"), []byte("a,1,10000001\n"), bytes.Repeat([]byte("a,1,1\n"), maxBatchBytes/6+1),
	}
	for _, r := range workload(120, 7) {
		if r.Plant != discountLine {
			batches = append(batches, r.Batch)
		}
	}
	refused := 0
	for _, b := range batches {
		rs, rerr := acc.Summarize(b)
		gs, gerr := SummarizeGo(b)
		if !sameAnswer(rs, rerr, gs, gerr) {
			t.Errorf("batch of %d bytes: Rust %+v, %v; Go %+v, %v", len(b), rs, rerr, gs, gerr)
		}
		if rerr != nil {
			refused++
		}
	}
	if refused < 10 {
		t.Errorf("only %d batches were refused: the bad ones did not reach the parsers", refused)
	}
}

func TestADiscountPanicsInRustAndNotInGo(t *testing.T) {
	acc := newAccelerator(t, 1)
	_, err := acc.Summarize(discountAt3)
	var e *Error
	if !errors.Is(err, ErrPanicked) || !errors.As(err, &e) {
		t.Fatalf("Rust: %v, want ErrPanicked", err)
	}
	if !strings.HasPrefix(e.Message, "panicked at src/parse.rs:") || !strings.HasSuffix(e.Message, ": index out of bounds: the len is 4 but the index is 4") {
		t.Errorf("the panic's message: %q", e.Message)
	}
	s, err := SummarizeGo(discountAt3)
	want := Summary{Records: 4, TotalCents: 500 + 500 + 432 + 80, MaxCents: 500, MedianCents: 432}
	if err != nil || s != want {
		t.Errorf("Go: %+v, %v; want %+v", s, err, want)
	}
}

func TestEveryStatusMapsToItsErrorWithTheMessage(t *testing.T) {
	if err := statusError(0, ""); err != nil {
		t.Errorf("status 0: %v, want nil", err)
	}
	// The numbers of rust/src/lib.rs (OSUM_*).
	for status, kind := range map[int32]error{1: ErrInvalidInput, 2: ErrBusy, 3: ErrPanicked, 4: ErrPoisoned, 99: ErrUnknownStatus} {
		err := statusError(status, "the message")
		var e *Error
		if !errors.Is(err, kind) || !errors.As(err, &e) || !strings.Contains(err.Error(), "the message") {
			t.Errorf("status %d: %v, want an *Error of kind %v carrying the message", status, err, kind)
		}
		for _, other := range []error{ErrInvalidInput, ErrBusy, ErrPanicked, ErrPoisoned, ErrUnknownStatus} {
			if other != kind && errors.Is(err, other) {
				t.Errorf("status %d is also %v", status, other)
			}
		}
		if !errors.Is(fmt.Errorf("request 7: %w", err), kind) {
			t.Errorf("status %d: a wrapped error loses its kind", status)
		}
	}
}

func TestAPanicPoisonsTheHandleUntilItIsReplaced(t *testing.T) {
	acc := newAccelerator(t, 2)
	first, err := acc.Summarize(plainFive)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acc.Summarize(discountAt3); !errors.Is(err, ErrPanicked) {
		t.Fatalf("discount batch: %v, want ErrPanicked", err)
	}
	// Unwinding is not rollback: lines 1 and 2 stay counted.
	st, err := acc.Stats()
	if want := (Stats{Lanes: 2, Poisoned: true, Batches: 1, Records: 5 + 2, Cents: first.TotalCents + 500 + 500}); err != nil || st != want {
		t.Errorf("stats after the panic: %+v, %v; want %+v", st, err, want)
	}
	for range 3 {
		_, err := acc.Summarize(plainFive)
		var e *Error
		if !errors.Is(err, ErrPoisoned) || !errors.As(err, &e) || !strings.Contains(e.Message, "index out of bounds") {
			t.Errorf("a later call: %v, want ErrPoisoned naming the first panic", err)
		}
	}
	if st, _ := acc.Stats(); st.Records != 7 {
		t.Errorf("a poisoned handle did work: %d records", st.Records)
	}
	fresh := newAccelerator(t, 2)
	if again, err := fresh.Summarize(plainFive); err != nil || again != first {
		t.Errorf("a new handle: %+v, %v", again, err)
	}
}

func TestBadInputTakesItsCountsBackAndPoisonsNothing(t *testing.T) {
	acc := newAccelerator(t, 1)
	_, err := acc.Summarize([]byte("a,1,5\nb,1,5\nc,1\n"))
	if !errors.Is(err, ErrInvalidInput) || err.Error() != "invalid input: line 3: 2 fields, expected 3 or 4 (order_id,qty,unit_cents[,discount_pct])" {
		t.Errorf("bad batch: %v", err)
	}
	if st, _ := acc.Stats(); st.Records != 0 || st.Poisoned {
		t.Errorf("stats: %+v, want nothing counted, not poisoned", st)
	}
	if _, err := acc.Summarize(plainFive); err != nil {
		t.Errorf("after bad input: %v", err)
	}
}

// hogLane keeps a 1-lane handle's lane busy with 1 MiB batches until stop
// is closed.
func hogLane(acc *Accelerator) (stop func()) {
	big := bytes.Repeat([]byte("order,3,12345\n"), maxBatchBytes/14)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
				_, _ = acc.Summarize(big)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// untilBusy calls f until it reports a busy answer or 10 s pass.
func untilBusy(t *testing.T, f func() error) error {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if err := f(); errors.Is(err, ErrBusy) {
			return err
		}
	}
	t.Fatal("no busy answer in 10 s while another goroutine kept the only lane in use")
	return nil
}

func TestACallFindingEveryLaneInUseIsBusy(t *testing.T) {
	acc := newAccelerator(t, 1)
	stop := hogLane(acc)
	defer stop()
	err := untilBusy(t, func() error { _, err := acc.Summarize(plainFive); return err })
	if err.Error() != "busy: no free lane (the handle has 1); nothing was done, the same call may succeed shortly" {
		t.Errorf("busy answer: %v", err)
	}
}

func TestThePolicyPerKind(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("request 3: %w", &Error{Kind: err, Message: "m"}) }
	for _, tc := range []struct {
		err        error
		idempotent bool
		want       Action
	}{
		{nil, true, Serve},
		{wrap(ErrInvalidInput), true, Fail},
		{wrap(ErrInvalidInput), false, Fail},
		{wrap(ErrBusy), true, Retry},
		{wrap(ErrBusy), false, Fail},
		{wrap(ErrPoisoned), true, RecreateAndRetry},
		{wrap(ErrPoisoned), false, RecreateAndRetry},
		{wrap(ErrPanicked), true, RecreateAndFallBack},
		{wrap(ErrPanicked), false, RecreateAndFail},
		{wrap(ErrUnknownStatus), true, Fail},
		{ErrClosed, true, Fail},
	} {
		if got := decide(tc.err, tc.idempotent); got != tc.want {
			t.Errorf("decide(%v, idempotent %v) = %v, want %v", tc.err, tc.idempotent, got, tc.want)
		}
	}
}

var testPolicy = Policy{Workers: 4, Attempts: 20, Backoff: 100 * time.Microsecond, MaxBackoff: 2 * time.Millisecond, Deadline: time.Second}

func TestTheServiceAnswersEveryKindAsThePolicySays(t *testing.T) {
	svc, err := NewService(testPolicy, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	reqs := workload(120, 3)
	outs := svc.Serve(reqs, 0)
	created, retired := svc.Handles()
	run := Run{Requests: reqs, Outcomes: outs, Policy: testPolicy, Lanes: 1, Created: created, Retired: retired}
	if c := checkAnswers(reqs, outs); len(c.Problems) > 0 {
		t.Errorf("answers differ from the reference:\n%s", strings.Join(c.Problems, "\n"))
	}
	panics := 0
	for i, o := range outs {
		r := reqs[i]
		if o.Retries >= testPolicy.Attempts {
			t.Errorf("request %d: %d retries, more than the policy allows", r.ID, o.Retries)
		}
		if o.By == "" && (errors.Is(o.Err, ErrGaveUp) || errors.Is(o.Err, ErrBusy)) {
			continue // given up before Rust read the batch: busy to the end, or a poisoned handle at the last attempt
		}
		switch r.Plant {
		case discountLine:
			panics++
			if o.Kind != "panicked" || o.By != "fallback" {
				t.Errorf("discount request %d: kind %s, served by %q, want panicked, fallback", r.ID, o.Kind, o.By)
			}
		case malformedLine:
			if o.Kind != "invalid-input" || o.By != "" || !errors.Is(o.Err, ErrInvalidInput) {
				t.Errorf("malformed request %d: kind %s, by %q, %v", r.ID, o.Kind, o.By, o.Err)
			}
		default:
			if o.By != "rust" {
				t.Errorf("plain request %d: served by %q (%v)", r.ID, o.By, o.Err)
			}
		}
	}
	if panics == 0 || len(retired) == 0 || len(retired) > panics || created != 1+len(retired) {
		t.Errorf("%d panics, %d handles created, %d replaced", panics, created, len(retired))
	}
	if got, want := run.unanswered(); got != want || got == 0 {
		t.Errorf("lines counted by the replaced handles but never answered: %d, want %d (the lines before each discount line)", got, want)
	}
}

// A request can use its attempts on busy answers and meet a poisoned handle
// at the last one. It is given up, not failed: it has no answer to check,
// and the handle is still replaced for the requests after it.
func TestAPoisonedAnswerAtTheLastAttemptIsGivenUp(t *testing.T) {
	p := testPolicy
	p.Attempts = 1
	svc, err := NewService(p, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if _, err := svc.acc.Summarize(discountAt3); !errors.Is(err, ErrPanicked) {
		t.Fatalf("poisoning the handle: %v, want ErrPanicked", err)
	}
	req := Request{ID: 1, Batch: plainFive, Idempotent: true}
	o := svc.Handle(req)
	if o.Kind != "poisoned" || o.By != "" || !errors.Is(o.Err, ErrPoisoned) || !errors.Is(o.Err, ErrGaveUp) {
		t.Errorf("the request: %+v, want given up on a poisoned handle", o)
	}
	if !strings.Contains(o.Err.Error(), "(gave up after 1 attempts)") {
		t.Errorf("the error does not say why it gave up: %v", o.Err)
	}
	if c := checkAnswers([]Request{req}, []Outcome{o}); c.Shed != 1 || len(c.Problems) > 0 {
		t.Errorf("the check: %+v, want it counted as given up", c)
	}
	if created, _ := svc.Handles(); created != 2 {
		t.Errorf("%d handles created, want the poisoned one replaced", created)
	}
	if o := svc.Handle(req); o.By != "rust" {
		t.Errorf("the next request: %+v, want served by Rust on the new handle", o)
	}
}

func TestANonIdempotentRequestIsNotRetriedNorRedone(t *testing.T) {
	svc, err := NewService(testPolicy, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	o := svc.Handle(Request{Batch: discountAt3, Idempotent: false})
	if o.Kind != "panicked" || o.By != "" || !errors.Is(o.Err, ErrPanicked) || o.Retries != 0 {
		t.Errorf("a non-idempotent request that panicked: %+v, want a failure without fallback", o)
	}
	if created, retired := svc.Handles(); created != 2 || len(retired) != 1 {
		t.Errorf("the poisoned handle was not replaced: %d created, %d retired", created, len(retired))
	}
	svc.mu.RLock()
	acc := svc.acc
	svc.mu.RUnlock()
	stop := hogLane(acc)
	defer stop()
	untilBusy(t, func() error {
		o = svc.Handle(Request{Batch: plainFive, Idempotent: false})
		if o.Err != nil && o.Retries != 0 {
			t.Fatalf("a non-idempotent request was retried: %+v", o)
		}
		return o.Err
	})
}

// runProgram runs this test binary as the program with args, and returns
// its stdout, its stderr and its exit status.
func runProgram(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	// GOTRACEBACK=crash would make the runtime re-raise SIGABRT instead of
	// exiting with status 2; the default is what the modes describe.
	cmd.Env = append(os.Environ(), "PANICS_RUN_PROGRAM=1", "GOTRACEBACK=single")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

func contains(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, text)
		}
	}
}

func TestPanicCaughtModeSurvivesStepByStep(t *testing.T) {
	stdout, stderr, code := runProgram(t, "-mode", "panic-caught")
	if code != 0 {
		t.Fatalf("exit status %d; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	contains(t, "stdout", stdout,
		"panic-caught: 1. 5 plain lines: ok, 5 records, 1879 cents in all",
		"errors.Is(err, ErrPanicked) = true; the message Go got: panicked at src/parse.rs:",
		": index out of bounds: the len is 4 but the index is 4\n",
		"panic-caught: 3. the handle's own counts: 7 records, 1 answered batch, poisoned",
		"refused without running, errors.Is(err, ErrPoisoned) = true",
		"panic-caught: 5. the Go fallback sums the discount batch: 4 records, 1512 cents in all",
		"panic-caught: 6. handle freed and a new one created: the 5 plain lines give 5 records, 1879 cents again",
		"panic-caught: the process is still running; exit status 0",
	)
	contains(t, "stderr (the panic hook)", stderr, "panicked at src/parse.rs:", "index out of bounds: the len is 4 but the index is 4")
}

func TestAbortModeEndsTheProcess(t *testing.T) {
	stdout, stderr, code := runProgram(t, "-mode", "abort")
	if code != 2 {
		t.Errorf("exit status %d, want 2 (Go's runtime after SIGABRT)", code)
	}
	contains(t, "stdout", stdout, "abort: calling osum_summarize_unguarded", "no line after this one, no deferred function, exit status 2\n")
	for _, never := range []string{"a deferred function ran", "UNEXPECTED"} {
		if strings.Contains(stdout, never) {
			t.Errorf("stdout has %q: the process went on after the panic:\n%s", never, stdout)
		}
	}
	contains(t, "stderr", stderr,
		"index out of bounds: the len is 4 but the index is 4",
		"panic in a function that cannot unwind",
		"SIGABRT: abort",
		"signal arrived during cgo execution",
	)
}

func TestTheDefaultRunExitsZeroWithItsReport(t *testing.T) {
	stdout, stderr, code := runProgram(t, "-quick")
	if code != 0 {
		t.Fatalf("exit status %d; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	contains(t, "stdout", stdout,
		"workload: 160 requests (seed 1)",
		"           kind  requests  served by Rust  served by fallback  retries  failed\n",
		"check: ok, every answer agrees with the pure-Go reference",
		"reading: ",
	)
	if _, _, code := runProgram(t, "-mode", "nonsense"); code != 1 {
		t.Errorf("-mode nonsense: exit status %d, want 1", code)
	}
}
