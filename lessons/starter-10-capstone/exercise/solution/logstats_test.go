package main

// Task 3, the wrapper: summarizeRust gives the same answers as the Go
// parser, field by field, and its errors carry Rust's kind and message.

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// task: 3
func TestSummarizeRustFillsEveryField(t *testing.T) {
	body := "ts=1 level=debug dur_ms=40 path=/a\n" +
		"ts=2 level=info dur_ms=10 path=/b\n" +
		"\n" +
		"ts=3 level=warn dur_ms=20 path=b\n" +
		"ts=4 level=error dur_ms=30 path=/d\n" +
		"ts=5 level=error dur_ms=4294967295 path=/e\n"
	got, err := summarizeRust([]byte(body))
	want := Summary{
		Lines: 4, Bad: 1, FirstBadLine: 4,
		Levels: LevelCounts{Debug: 1, Info: 1, Warn: 0, Error: 2},
		DurMs:  DurStats{P50: 30, P99: 4294967295, Max: 4294967295},
	}
	if err != nil || got != want {
		t.Errorf("summarizeRust = %+v, %v\nwant %+v, nil", got, err, want)
	}
}

// task: 3
func TestSummarizeRustErrorsAreInvalidInputWithRustsMessage(t *testing.T) {
	for body, message := range map[string]string{
		"":                         "the body has no log lines",
		"\n\r\n":                   "the body has no log lines",
		"ts=1 level=info \xff\xfe": "the body is not UTF-8",
	} {
		_, err := summarizeRust([]byte(body))
		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("body %q: got %v, want an error that errors.Is finds as ErrInvalidInput", body, err)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Message != message {
			t.Errorf("body %q: got %#v, want an *Error with the message %q", body, err, message)
		}
		if errors.Is(err, ErrPanicked) {
			t.Errorf("body %q: an invalid body must not also be ErrPanicked", body)
		}
	}
	// A nil slice is an empty body, not a crash.
	if _, err := summarizeRust(nil); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("summarizeRust(nil): got %v, want ErrInvalidInput", err)
	}
}

// edgeCases are bodies where two parsers written separately tend to differ.
var edgeCases = []string{
	"ts=1 level=info dur_ms=1 path=/",
	"ts=1 level=info dur_ms=1 path=/\r\n\r\n",
	"\n\nts=1 level=info dur_ms=1 path=/\nbad",
	"ts=+1 level=info dur_ms=1 path=/",
	"ts=1 level=info dur_ms=+1 path=/",
	"ts=18446744073709551615 level=info dur_ms=4294967295 path=/",
	"ts=18446744073709551616 level=info dur_ms=1 path=/",
	"ts=1 level=info dur_ms=4294967296 path=/",
	"ts=1 level=Info dur_ms=1 path=/",
	"ts=1 level=info dur_ms=1 path=/ path=/",
	"ts=1 level=info dur_ms=1 path=/ x=1 x=2",
	"ts=1 level=info dur_ms=1 path=/ =x",
	"ts=1 level=info dur_ms=1 path=/ flag",
	"   ts=1    level=info dur_ms=1 path=/a=b   ",
	"ts=1\tlevel=info dur_ms=1 path=/",
	"ts=1 level=info dur_ms= path=/",
	"ts=1 level=info dur_ms=1 path=",
	"ts=1 level=info dur_ms=1 path=/é",
	"\r",
	" ",
	"ts=1 level=info dur_ms=1 path=/\r\r\n",
	"ts=1 level=warn dur_ms=3 path=/\nts=1 level=warn dur_ms=1 path=/\nts=1 level=warn dur_ms=2 path=/\nts=1 level=warn dur_ms=2 path=/",
}

// task: 3
// The cross-check: on tricky bodies and on generated ones of many sizes,
// Rust and the Go parser give the same Summary, or the same error.
func TestRustAndGoAgree(t *testing.T) {
	bodies := append([]string{}, edgeCases...)
	for _, n := range []int{1, 2, 3, 10, 96, 97, 98, 100, 1000, 5000} {
		for seed := range uint64(3) {
			bodies = append(bodies, string(sampleBody(n, seed)))
		}
	}
	for i, body := range bodies {
		gotRust, errRust := summarizeRust([]byte(body))
		gotGo, errGo := summarizeGo([]byte(body))
		if fmt.Sprint(errRust) != fmt.Sprint(errGo) || !reflect.DeepEqual(gotRust, gotGo) {
			shown := body
			if len(shown) > 200 {
				shown = shown[:200] + "..."
			}
			t.Errorf("body %d %q:\nrust %+v, %v\ngo   %+v, %v", i, shown, gotRust, errRust, gotGo, errGo)
		}
	}
}

// task: 3
// A long message is cut by Rust to fit the buffer; what Go gets is never
// longer than the buffer and holds no NUL bytes.
func TestMessagesHoldNoNULBytes(t *testing.T) {
	_, err := summarizeRust([]byte("\xff"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want an *Error", err)
	}
	if strings.ContainsRune(e.Message, 0) || len(e.Message) >= messageCap {
		t.Errorf("message %q (%d bytes): want the text up to the NUL only", e.Message, len(e.Message))
	}
	if e.Error() != "summarize: invalid input: the body is not UTF-8" {
		t.Errorf("Error() = %q", e.Error())
	}
}
