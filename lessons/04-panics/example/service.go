package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// Policy holds the service's numbers: how many calls at once, how many
// attempts, how long to wait between them.
type Policy struct {
	// Workers: requests handled at once (bounded concurrency). More
	// workers than the handle has lanes means some calls find every lane
	// in use.
	Workers int
	// Attempts: Rust calls per request at most (the first and the retries).
	Attempts int
	// Backoff: the wait before the first retry; each retry doubles it, up
	// to MaxBackoff, and the actual wait is drawn between half of it and
	// all of it (jitter), so that workers that collided do not collide
	// again in step.
	Backoff, MaxBackoff time.Duration
	// Deadline per request: no retry starts once it would end after it.
	// It bounds the waiting and retrying, not a call: Go cannot stop a cgo
	// call halfway (it could only stop waiting for it, and the call would
	// keep its thread and its lane). Each call is kept short instead: a
	// batch is at most 1 MiB (ErrInvalidInput above), a few milliseconds
	// of work.
	Deadline time.Duration
}

// Action is what the service does after an answer from Rust.
type Action int

const (
	Serve               Action = iota // the answer is the result
	Fail                              // give the error to the caller
	Retry                             // wait (backoff), then call Rust again
	RecreateAndRetry                  // replace the handle, then call Rust again at once
	RecreateAndFallBack               // replace the handle, then do the work in Go
	RecreateAndFail                   // replace the handle, then give the error to the caller
)

var actionNames = [...]string{"serve", "fail", "retry with backoff", "replace the handle, retry", "replace the handle, fall back to Go", "replace the handle, fail"}

func (a Action) String() string { return actionNames[a] }

// decide is the policy, per kind of answer:
//
//   - invalid input: fail. The caller's data is wrong; the same call gets
//     the same answer, from Rust or from Go.
//   - busy: retry, if the request is idempotent. BUSY comes before any
//     work, so here a repeat could not do anything twice even otherwise;
//     the rule asks anyway, so that it stays right for a transient error
//     that does not promise that (a timeout, after which the work may or
//     may not have happened).
//   - poisoned: replace the handle and retry at once. The call was refused
//     without running, so a retry is safe for any request.
//   - panicked: replace the handle, and do the work in Go (fallback.go) if
//     the request is idempotent; else fail. Not again in Rust: the same
//     input would most likely hit the same bug and poison the new handle
//     too. Here the panicked call's half-done work stays in the discarded
//     handle, so doing it again in Go does nothing twice; a call with
//     effects outside the handle could have done part of them.
//   - anything else (a status the Go side does not know, a closed
//     handle): fail, and let a person look.
func decide(err error, idempotent bool) Action {
	switch {
	case err == nil:
		return Serve
	case errors.Is(err, ErrInvalidInput):
		return Fail
	case errors.Is(err, ErrBusy):
		if idempotent {
			return Retry
		}
		return Fail
	case errors.Is(err, ErrPoisoned):
		return RecreateAndRetry
	case errors.Is(err, ErrPanicked):
		if idempotent {
			return RecreateAndFallBack
		}
		return RecreateAndFail
	default:
		return Fail
	}
}

// Kinds, in the report's order: "ok" for a request that met no error, then
// one per error kind of the taxonomy, and "other" for the rest.
var kinds = []string{"ok", "invalid-input", "busy", "panicked", "poisoned", "other"}

func kindOf(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, ErrInvalidInput):
		return "invalid-input"
	case errors.Is(err, ErrBusy):
		return "busy"
	case errors.Is(err, ErrPanicked):
		return "panicked"
	case errors.Is(err, ErrPoisoned):
		return "poisoned"
	default:
		return "other"
	}
}

// Outcome is how one request ended.
type Outcome struct {
	// Kind: the kind of the last error Rust answered ("ok" if none).
	Kind string
	// By: "rust", "fallback", or "" when the request failed.
	By      string
	Retries int
	Summary Summary
	Err     error
}

// Retired is what the service knew of a handle it replaced after a panic.
type Retired struct {
	Stats Stats
	// AnsweredRecords: the records of the batches it answered OK.
	AnsweredRecords int64
}

// Service handles requests with one shared Rust handle, which it replaces
// when a call panics.
type Service struct {
	policy Policy
	lanes  int

	// mu guards the handle: every call holds it for reading, and replacing
	// the handle takes it for writing, which waits for the calls in flight.
	// So no call is ever in flight on a handle that is being freed.
	mu  sync.RWMutex
	acc *Accelerator
	gen int // the handle's generation: +1 at each replacement
	// answered counts the records of the batches the current handle
	// answered OK (added while holding mu for reading).
	answered atomic.Int64

	retired []Retired // under mu (written)
	created int       // under mu (written)
}

// NewService creates the service and its first handle.
func NewService(p Policy, lanes int) (*Service, error) {
	acc, err := NewAccelerator(lanes)
	if err != nil {
		return nil, err
	}
	return &Service{policy: p, lanes: lanes, acc: acc, created: 1}, nil
}

// Close frees the current handle.
func (s *Service) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acc.Close()
}

// call runs one Rust call on the current handle and says which generation
// answered.
func (s *Service) call(batch []byte) (Summary, int, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sum, err := s.acc.Summarize(batch)
	if err == nil {
		s.answered.Add(sum.Records)
	}
	return sum, s.gen, err
}

// recreate replaces the handle of generation gen, unless another worker
// has already replaced it. The old handle's counts are kept for the report
// before it is freed.
func (s *Service) recreate(gen int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen != s.gen {
		return nil
	}
	if st, err := s.acc.Stats(); err == nil {
		s.retired = append(s.retired, Retired{Stats: st, AnsweredRecords: s.answered.Swap(0)})
	}
	s.acc.Close()
	s.gen++
	acc, err := NewAccelerator(s.lanes)
	if err != nil {
		return fmt.Errorf("replacing the poisoned handle: %w", err)
	}
	s.acc = acc
	s.created++
	return nil
}

// backoff is the wait before retry number n (1, 2, ...).
func (p Policy) backoff(n int) time.Duration {
	d := p.Backoff << (n - 1)
	if d > p.MaxBackoff || d <= 0 {
		d = p.MaxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

// ErrGaveUp marks a request the service stopped trying: out of attempts or
// past its deadline. It wraps the last answer, whatever its kind: a request
// can meet busy four times and a poisoned handle at its fifth and last call.
// Such a request has no answer, right or wrong, and is counted apart.
var ErrGaveUp = errors.New("gave up")

// Handle runs one request through the policy.
func (s *Service) Handle(req Request) Outcome {
	o := Outcome{Kind: "ok"}
	deadline := time.Now().Add(s.policy.Deadline)
	for attempt := 1; ; attempt++ {
		sum, gen, err := s.call(req.Batch)
		if err != nil {
			o.Kind = kindOf(err)
		}
		action := decide(err, req.Idempotent)
		switch action {
		case Serve:
			o.By, o.Summary = "rust", sum
			return o
		case Fail:
			o.Err = err
			return o
		case RecreateAndFail:
			o.Err = errors.Join(err, s.recreate(gen))
			return o
		case RecreateAndFallBack:
			if rerr := s.recreate(gen); rerr != nil {
				err = errors.Join(err, rerr)
			}
			sum, ferr := SummarizeGo(req.Batch)
			if ferr != nil {
				o.Err = errors.Join(err, ferr)
				return o
			}
			o.By, o.Summary = "fallback", sum
			return o
		case RecreateAndRetry:
			if rerr := s.recreate(gen); rerr != nil {
				o.Err = errors.Join(err, rerr)
				return o
			}
		}
		// Retry or RecreateAndRetry: another attempt, if the bounds allow.
		if attempt == s.policy.Attempts {
			o.Err = fmt.Errorf("%w (%w after %d attempts)", err, ErrGaveUp, attempt)
			return o
		}
		var wait time.Duration
		if action == Retry {
			wait = s.policy.backoff(attempt)
		}
		if time.Now().Add(wait).After(deadline) {
			o.Err = fmt.Errorf("%w (%w: the request's %v deadline)", err, ErrGaveUp, s.policy.Deadline)
			return o
		}
		time.Sleep(wait)
		o.Retries++
	}
}

// Serve handles every request with Policy.Workers workers and returns the
// outcomes in request order. Requests arrive as from independent clients:
// at random moments, one every `interval` on average (exponential gaps),
// so some arrive close together and some calls overlap. Each waits for a
// free worker: the channel has no buffer, so when every worker is busy the
// arrivals wait (backpressure) and come in a burst once one is free.
func (s *Service) Serve(reqs []Request, interval time.Duration) []Outcome {
	outcomes := make([]Outcome, len(reqs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range s.policy.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outcomes[i] = s.Handle(reqs[i])
			}
		}()
	}
	due := time.Now()
	for i := range reqs {
		due = due.Add(time.Duration(rand.ExpFloat64() * float64(interval)))
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return outcomes
}

// Handles reports how many handles the service created and what it knew of
// those it replaced.
func (s *Service) Handles() (created int, retired []Retired) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.created, append([]Retired(nil), s.retired...)
}
