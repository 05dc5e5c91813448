package main

// Task 3, the handler: the contract's status codes and bodies, through
// httptest.NewRecorder (no socket), with the Rust parser and the Go one.

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// serve sends one request to h and returns the recorded answer.
func serve(h http.Handler, method, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/v1/summary", strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// errorMessage is the "error" field of an error answer, or a note that there is none.
func errorMessage(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var e struct {
		Error *string `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == nil {
		t.Errorf("body %q: want JSON with an \"error\" field", rec.Body.String())
		return ""
	}
	return *e.Error
}

func rustHandler() *Handler { return &Handler{Summarize: summarizeRust, MaxBody: DefaultMaxBody} }

// task: 3
func TestAGoodBodyIs200WithTheSummaryAsJSON(t *testing.T) {
	body := "ts=1 level=info dur_ms=12 path=/a\nts=2 level=warn dur_ms=250 path=/b\nnot a log line\n"
	rec := serve(rustHandler(), http.MethodPost, body)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, body %q; want 200", rec.Code, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	want := `{"lines":2,"bad":1,"first_bad_line":3,"levels":{"debug":0,"info":1,"warn":1,"error":0},"dur_ms":{"p50":12,"p99":250,"max":250}}` + "\n"
	if rec.Body.String() != want {
		t.Errorf("body\n%s\nwant\n%s", rec.Body.String(), want)
	}
}

// task: 3
func TestAnyMethodButPostIs405WithAllow(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodHead} {
		rec := serve(rustHandler(), method, "")
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != http.MethodPost {
			t.Errorf("%s: status %d, Allow %q; want 405 and Allow: POST", method, rec.Code, rec.Header().Get("Allow"))
		}
	}
	errorMessage(t, serve(rustHandler(), http.MethodGet, ""))
}

// task: 3
func TestABodyTheParserRefusesIs400WithItsMessage(t *testing.T) {
	for body, message := range map[string]string{
		"":               "the body has no log lines",
		"\n\n":           "the body has no log lines",
		"ts=1 \xff path": "the body is not UTF-8",
	} {
		rec := serve(rustHandler(), http.MethodPost, body)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("body %q: status %d, want 400", body, rec.Code)
			continue
		}
		if got := errorMessage(t, rec); got != message {
			t.Errorf("body %q: error %q, want %q", body, got, message)
		}
	}
}

// task: 3
// The limit is MaxBody bytes: a body of exactly MaxBody is read, one byte
// more is a 413 and never reaches the parser.
func TestABodyOverTheLimitIs413(t *testing.T) {
	line := "ts=1 level=info dur_ms=1 path=/abc\n" // 35 bytes
	calls := 0
	h := &Handler{MaxBody: 70, Summarize: func(b []byte) (Summary, error) { calls++; return summarizeRust(b) }}
	if rec := serve(h, http.MethodPost, strings.Repeat(line, 2)); rec.Code != http.StatusOK {
		t.Errorf("70 bytes with MaxBody 70: status %d, want 200", rec.Code)
	}
	rec := serve(h, http.MethodPost, strings.Repeat(line, 2)+"x")
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("71 bytes with MaxBody 70: status %d, want 413", rec.Code)
	}
	if !strings.Contains(errorMessage(t, rec), "70") {
		t.Errorf("the 413's message %q should name the limit", rec.Body.String())
	}
	if calls != 1 {
		t.Errorf("the parser ran %d times, want once: a body over the limit must not reach it", calls)
	}
}

// task: 3
// Any failure that is not the client's is a 500 whose body says nothing
// of the cause; the cause goes to the log.
func TestAPanicIs500AndOnlyTheLogSaysWhy(t *testing.T) {
	var logged bytes.Buffer
	h := &Handler{
		MaxBody: DefaultMaxBody,
		Log:     slog.New(slog.NewTextHandler(&logged, nil)),
		Summarize: func([]byte) (Summary, error) {
			return Summary{}, &Error{ErrPanicked, "index out of bounds: the len is 0 but the index is 0"}
		},
	}
	rec := serve(h, http.MethodPost, "ts=1 level=info dur_ms=1 path=/")
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "index out of bounds") {
		t.Errorf("the 500's body %q shows the cause to the client", rec.Body.String())
	}
	errorMessage(t, rec)
	if !strings.Contains(logged.String(), "index out of bounds") {
		t.Errorf("the log %q does not hold the cause", logged.String())
	}
}

// task: 3
// The same requests through a handler on Rust and one on Go: the same
// status and the same bytes.
func TestTheRustAndGoHandlersAnswerTheSame(t *testing.T) {
	rust := rustHandler()
	goH := &Handler{Summarize: summarizeGo, MaxBody: DefaultMaxBody}
	bodies := append([]string{"", "\xff"}, edgeCases...)
	bodies = append(bodies, string(sampleBody(10000, 7)))
	for _, body := range bodies {
		a, b := serve(rust, http.MethodPost, body), serve(goH, http.MethodPost, body)
		if a.Code != b.Code || a.Body.String() != b.Body.String() {
			t.Errorf("body %.60q: rust %d %s, go %d %s", body, a.Code, a.Body.String(), b.Code, b.Body.String())
		}
	}
}
