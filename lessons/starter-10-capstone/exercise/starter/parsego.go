package main

// The pure-Go parser: the same rules as rust/src/parse.rs, the same
// answers (the tests of Task 3 check that they agree), and what Rust is
// measured against (Task 4). Provided complete. It is written the way you
// would write a Go hot path: no allocation per line, no conversion of the
// body to a string, digits parsed by hand.

import (
	"bytes"
	"slices"
	"unicode/utf8"
)

// summarizeGo parses every line of body and adds them up. A body that is
// not UTF-8, or has no line that is not empty, is an *Error of kind
// ErrInvalidInput with the message Rust gives.
func summarizeGo(body []byte) (Summary, error) {
	if !utf8.Valid(body) {
		return Summary{}, &Error{ErrInvalidInput, "the body is not UTF-8"}
	}
	var s Summary
	var durations []uint32
	lineNo := 0
	for rest := body; ; {
		lineNo++
		line := rest
		end := bytes.IndexByte(rest, '\n')
		if end >= 0 {
			line, rest = rest[:end], rest[end+1:]
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if len(line) > 0 {
			if level, dur, ok := parseLineGo(line); ok {
				s.Lines++
				switch level {
				case 0:
					s.Levels.Debug++
				case 1:
					s.Levels.Info++
				case 2:
					s.Levels.Warn++
				default:
					s.Levels.Error++
				}
				durations = append(durations, dur)
			} else {
				s.Bad++
				if s.FirstBadLine == 0 {
					s.FirstBadLine = lineNo
				}
			}
		}
		if end < 0 {
			break
		}
	}
	if s.Lines+s.Bad == 0 {
		return Summary{}, &Error{ErrInvalidInput, "the body has no log lines"}
	}
	slices.Sort(durations)
	s.DurMs = DurStats{P50: percentileGo(durations, 50), P99: percentileGo(durations, 99)}
	if len(durations) > 0 {
		s.DurMs.Max = durations[len(durations)-1]
	}
	return s, nil
}

// parseLineGo checks one line (without its newline) and returns its level
// (0 debug, 1 info, 2 warn, 3 error) and dur_ms, or ok false.
func parseLineGo(line []byte) (level int, dur uint32, ok bool) {
	var seenTs, seenLevel, seenDur, seenPath bool
	for len(line) > 0 {
		field := line
		if sp := bytes.IndexByte(line, ' '); sp >= 0 {
			field, line = line[:sp], line[sp+1:]
		} else {
			line = nil
		}
		if len(field) == 0 {
			continue // a run of spaces
		}
		eq := bytes.IndexByte(field, '=')
		if eq <= 0 {
			return 0, 0, false // no '=', or an empty key
		}
		key, value := field[:eq], field[eq+1:]
		switch string(key) { // no allocation: the compiler compares the bytes
		case "ts":
			if _, good := parseDigits(value, 1<<64-1); !good || seenTs {
				return 0, 0, false
			}
			seenTs = true
		case "level":
			switch string(value) {
			case "debug":
				level = 0
			case "info":
				level = 1
			case "warn":
				level = 2
			case "error":
				level = 3
			default:
				return 0, 0, false
			}
			if seenLevel {
				return 0, 0, false
			}
			seenLevel = true
		case "dur_ms":
			n, good := parseDigits(value, 1<<32-1)
			if !good || seenDur {
				return 0, 0, false
			}
			dur, seenDur = uint32(n), true
		case "path":
			if len(value) == 0 || value[0] != '/' || seenPath {
				return 0, 0, false
			}
			seenPath = true
		}
	}
	return level, dur, seenTs && seenLevel && seenDur && seenPath
}

// parseDigits reads ASCII digits only (no sign), and fails above limit.
func parseDigits(v []byte, limit uint64) (uint64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	var n uint64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if n > (limit-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// percentileGo is the nearest-rank pth percentile of sorted (ascending):
// the value at rank ceil(p/100 * n), counting from 1; 0 when empty.
func percentileGo(sorted []uint32, p int) uint32 {
	if len(sorted) == 0 {
		return 0
	}
	rank := max((p*len(sorted)+99)/100, 1)
	return sorted[min(rank, len(sorted))-1]
}
