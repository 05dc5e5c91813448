package main

// What both parsers answer, and how they fail. Provided complete: the
// Rust wrapper (logstats.go), the Go parser (parsego.go) and the handler
// (handler.go) all speak these types.

import (
	"errors"
	"fmt"
)

// Summary is what one request body adds up to. It is also the JSON the
// service answers with.
type Summary struct {
	Lines        int         `json:"lines"`          // well-formed lines
	Bad          int         `json:"bad"`            // lines that are not empty and not well formed
	FirstBadLine int         `json:"first_bad_line"` // number (from 1, empty lines included) of the first bad line; 0 when none
	Levels       LevelCounts `json:"levels"`
	DurMs        DurStats    `json:"dur_ms"` // all 0 when Lines is 0
}

// LevelCounts counts the well-formed lines per level.
type LevelCounts struct {
	Debug int `json:"debug"`
	Info  int `json:"info"`
	Warn  int `json:"warn"`
	Error int `json:"error"`
}

// DurStats are nearest-rank percentiles and the maximum of dur_ms over the
// well-formed lines.
type DurStats struct {
	P50 uint32 `json:"p50"`
	P99 uint32 `json:"p99"`
	Max uint32 `json:"max"`
}

// The kinds of failure, one per LOG_* status in rust/src/lib.rs. Test for
// them with errors.Is.
var (
	ErrInvalidInput  = errors.New("invalid input")
	ErrPanicked      = errors.New("Rust panicked (caught at the boundary)")
	ErrUnknownStatus = errors.New("unknown status from Rust")
)

// Error is a failed summary: its kind (one of the Err* sentinels above)
// and the message for the caller.
type Error struct {
	Kind    error
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("summarize: %v: %s", e.Kind, e.Message) }

// Is lets errors.Is(err, ErrInvalidInput) and the like see the kind.
func (e *Error) Is(target error) bool { return target == e.Kind }
