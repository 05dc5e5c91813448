package main

// The HTTP side (Task 3): one handler, POST a body of log lines, get its
// summary as JSON. The parser is a field, so the same handler serves Rust
// or Go, and tests can hand it a parser that fails on purpose.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
)

// DefaultMaxBody is the largest body the service reads: 1 MiB.
const DefaultMaxBody = 1 << 20

// Handler answers POST requests whose body is log lines.
type Handler struct {
	// Summarize parses a body: summarizeRust or summarizeGo.
	Summarize func(body []byte) (Summary, error)
	// MaxBody is the largest body read, in bytes; a larger one is a 413.
	MaxBody int64
	// Log receives what a client is not told (a 500's cause); nil means slog.Default().
	Log *slog.Logger
}

// ServeHTTP answers by the contract on the capstone's page:
//
//   - 405 (with an Allow: POST header) for any method but POST;
//   - 413 for a body over MaxBody bytes;
//   - 400 for a body the parser refuses (ErrInvalidInput), with its message;
//   - 500 for any other failure, with a generic message (the cause is logged);
//   - 200 with the Summary as JSON.
//
// Every answer is JSON; an error is {"error": "..."}.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{"use POST, with the log lines as the body"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.MaxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeJSON(w, http.StatusRequestEntityTooLarge, errorBody{fmt.Sprintf("the body is larger than %d bytes", h.MaxBody)})
			return
		}
		writeJSON(w, http.StatusBadRequest, errorBody{"could not read the body: " + err.Error()})
		return
	}
	summary, err := h.Summarize(body)
	var failure *Error
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, summary)
	case errors.Is(err, ErrInvalidInput) && errors.As(err, &failure):
		writeJSON(w, http.StatusBadRequest, errorBody{failure.Message})
	default:
		h.logger().Error("summarize failed", "err", err, "bytes", len(body))
		writeJSON(w, http.StatusInternalServerError, errorBody{"internal error: the failure is in the service's log"})
	}
}

func (h *Handler) logger() *slog.Logger {
	if h.Log != nil {
		return h.Log
	}
	return slog.Default()
}

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error string `json:"error"`
}

// writeJSON answers with status and v as JSON (and a newline).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // an error here means the client is gone: nothing to do
}
