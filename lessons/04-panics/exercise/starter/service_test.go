package main

// Task 3: the service's policy, one kind of answer at a time.

import (
	"errors"
	"sync"
	"testing"
)

// task: 3
func TestValidRequestsAreServedByRust(t *testing.T) {
	s := &Service{BreakAfter: 3}
	sum, from, err := s.Sum([]byte("a=1&b=2"))
	if err != nil || sum != 3 || from != FromRust {
		t.Errorf("Sum = %d, %s, %v; want 3 from Rust", sum, from, err)
	}
}

// task: 3
// An invalid request fails, and is not sent to the fallback: the same
// input would get the same answer there.
func TestInvalidRequestsFailWithoutAFallback(t *testing.T) {
	s := &Service{BreakAfter: 3}
	_, from, err := s.Sum([]byte("a=1&b=x"))
	if !errors.Is(err, ErrInvalidInput) || from != NoAnswer {
		t.Errorf("got %s, %v; want no answer and ErrInvalidInput", from, err)
	}
	if st := s.Stats(); st.Failed != 1 || st.FromFallback != 0 || st.Requests != 1 {
		t.Errorf("stats %+v: want 1 request, 1 failed, none from the fallback", st)
	}
}

// task: 3
// A request that made Rust panic is answered by the Go fallback; if the
// fallback finds it invalid, it fails with the fallback's error.
func TestPanickedRequestsAreServedByTheFallback(t *testing.T) {
	s := &Service{BreakAfter: 10}
	sum, from, err := s.Sum([]byte("a=1&b=&c=2"))
	if err != nil || sum != 3 || from != FromFallback {
		t.Errorf("Sum = %d, %s, %v; want 3 from the fallback", sum, from, err)
	}
	_, from, err = s.Sum([]byte("a=&b=x"))
	if !errors.Is(err, ErrInvalidInput) || from != NoAnswer {
		t.Errorf("a panicking input the fallback refuses: got %s, %v; want no answer and ErrInvalidInput", from, err)
	}
	if st := s.Stats(); st.Panics != 2 || st.FromFallback != 1 || st.Failed != 1 {
		t.Errorf("stats %+v: want 2 panics, 1 from the fallback, 1 failed", st)
	}
}

// task: 3
// After BreakAfter panics the service stops calling Rust: valid requests
// are served by Go, and no more panics happen.
func TestTheBreakerOpensAfterBreakAfterPanics(t *testing.T) {
	s := &Service{BreakAfter: 2}
	for range 2 {
		s.Sum([]byte("p=&q=1"))
	}
	if st := s.Stats(); !st.BreakerOpen {
		t.Fatalf("stats %+v: the breaker should be open after 2 panics", st)
	}
	sum, from, err := s.Sum([]byte("a=1&b=2"))
	if err != nil || sum != 3 || from != FromFallback {
		t.Errorf("with the breaker open: Sum = %d, %s, %v; want 3 from the fallback", sum, from, err)
	}
	s.Sum([]byte("p=&q=1"))
	if st := s.Stats(); st.Panics != 2 || st.FromRust != 0 {
		t.Errorf("stats %+v: with the breaker open Rust must not be called (still 2 panics, none from Rust)", st)
	}
}

// task: 3
// Eight goroutines at once: every request is counted exactly once.
func TestTheServiceCountsConcurrentRequests(t *testing.T) {
	s := &Service{BreakAfter: 1000}
	inputs := []string{"a=1", "a=x", "a=&b=1"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				s.Sum([]byte(inputs[(g+i)%len(inputs)]))
			}
		}()
	}
	wg.Wait()
	st := s.Stats()
	if st.Requests != 400 || st.FromRust+st.FromFallback+st.Failed != 400 {
		t.Errorf("stats %+v: want 400 requests, each from Rust, from the fallback or failed", st)
	}
}
