package main

// Task 3: what the service does with each kind of answer. The policy, in
// code: a request Rust refuses as invalid fails (the same input gets the
// same answer, and a bad request is the caller's to fix); a request that
// made Rust panic is served by the Go fallback (the input may be fine; the
// bug is ours); after BreakAfter panics the service stops calling Rust
// and serves everything from Go, so a bug that panics often cannot turn
// into a panic per request. Nothing ends the process.

import (
	"errors"
	"sync"
)

// Source says who answered a request.
type Source string

const (
	FromRust     Source = "rust"
	FromFallback Source = "go-fallback"
	NoAnswer     Source = "none"
)

// Stats count what the service did.
type Stats struct {
	Requests     int
	FromRust     int
	FromFallback int
	Failed       int
	Panics       int  // answers of ErrPanicked from Rust
	BreakerOpen  bool // Rust is no longer called
}

// Service sums inputs with Rust and falls back to Go. Safe for concurrent use.
type Service struct {
	// BreakAfter is how many panics open the breaker; 0 means never.
	BreakAfter int

	mu    sync.Mutex
	stats Stats
}

// Stats returns a copy of the counts so far.
func (s *Service) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Sum answers one request by the policy above.
func (s *Service) Sum(input []byte) (uint64, Source, error) {
	s.mu.Lock()
	s.stats.Requests++
	open := s.stats.BreakerOpen
	s.mu.Unlock()

	if !open {
		sum, err := Sum(input)
		switch {
		case err == nil:
			s.count(func(st *Stats) { st.FromRust++ })
			return sum, FromRust, nil
		case errors.Is(err, ErrPanicked):
			s.count(func(st *Stats) {
				st.Panics++
				if s.BreakAfter > 0 && st.Panics >= s.BreakAfter {
					st.BreakerOpen = true
				}
			})
		default: // invalid input, or a status this code does not know: fail the request
			s.count(func(st *Stats) { st.Failed++ })
			return 0, NoAnswer, err
		}
	}
	sum, err := sumGo(input)
	if err != nil {
		s.count(func(st *Stats) { st.Failed++ })
		return 0, NoAnswer, err
	}
	s.count(func(st *Stats) { st.FromFallback++ })
	return sum, FromFallback, nil
}

func (s *Service) count(update func(*Stats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	update(&s.stats)
}
