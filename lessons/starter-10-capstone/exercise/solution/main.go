// Command capstone is a small log-summary service: POST newline-separated
// log lines to /v1/summary and get counts per level, duration percentiles
// and the bad lines as JSON. The parser is Rust (rust/, through cgo) or
// the pure-Go parsego.go.
//
// Check runs the tests (rust/tests/, *_test.go). Locally:
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .                  # serve on 127.0.0.1:8080
//	go run . -sample 1000     # print 1000 generated log lines
//	go run . -compare         # time both parsers at several sizes
//	go test -run '^$' -bench . # the same comparison with testing.B
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	which := flag.String("parser", "rust", "parser that serves requests: rust or go")
	maxBody := flag.Int64("max-body", DefaultMaxBody, "largest request body, in bytes")
	compare := flag.Bool("compare", false, "time both parsers at several sizes, print the table and exit")
	rounds := flag.Int("rounds", 7, "with -compare: rounds per parser and size")
	roundTime := flag.Duration("round-time", 20*time.Millisecond, "with -compare: least time of one round")
	sample := flag.Int("sample", 0, "print this many generated log lines and exit")
	flag.Parse()

	goParser := parser{"go", summarizeGo}
	rustParser := parser{"rust", summarizeRust}
	switch {
	case *sample > 0:
		os.Stdout.Write(sampleBody(*sample, 1))
		return
	case *compare:
		sizes := []int{1, 10, 100, 1000, 10000}
		if err := runCompare(os.Stdout, goParser, rustParser, sizes, *rounds, *roundTime); err != nil {
			fmt.Fprintln(os.Stderr, "compare:", err)
			os.Exit(1)
		}
		return
	}

	h := &Handler{Summarize: rustParser.summarize, MaxBody: *maxBody}
	switch *which {
	case "rust":
	case "go":
		h.Summarize = goParser.summarize
	default:
		fmt.Fprintf(os.Stderr, "-parser %q: want rust or go\n", *which)
		os.Exit(2)
	}
	mux := http.NewServeMux()
	mux.Handle("/v1/summary", h)
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown) // finishes the requests in flight, then returns
	}()
	slog.Info("serving", "url", "http://"+*addr+"/v1/summary", "parser", *which, "max_body", *maxBody)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		slog.Error("serve", "err", err)
		os.Exit(1)
	}
	<-done
}
