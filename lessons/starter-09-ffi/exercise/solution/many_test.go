package main

// Task 4: CountMany passes a batch of documents in one call, pinning what
// cgo's rules require, and handles empty documents and empty batches.

import (
	"errors"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// cgoCalls reads how many calls from Go to C this process has made.
func cgoCalls() uint64 {
	sample := []metrics.Sample{{Name: "/cgo/go-to-c-calls:calls"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// task: 4
func TestCountManyAddsUpEveryDocument(t *testing.T) {
	docs := [][]byte{[]byte("one two\n"), []byte("three\nfour five\n")}
	got, err := CountMany(docs)
	if err != nil || got != (Counts{Lines: 3, Words: 5, Bytes: 24}) {
		t.Errorf("CountMany = %+v, %v; want {3 5 24}, nil", got, err)
	}
}

// task: 4
// The array of wc_doc holds a Go pointer per document: passed without
// pinning them, cgo's check panics ("Go pointer to unpinned Go pointer").
func TestCountManyPassesCgosPointerCheck(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("CountMany panicked: %v", r)
		}
	}()
	docs := make([][]byte, 50)
	for i := range docs {
		docs[i] = []byte("a few words\n")
	}
	got, err := CountMany(docs)
	if err != nil || got != (Counts{Lines: 50, Words: 150, Bytes: 600}) {
		t.Errorf("CountMany of 50 documents = %+v, %v; want {50 150 600}, nil", got, err)
	}
}

// task: 4
// A batch crosses the boundary once, however many documents it holds: one
// cgo call, not one per document.
func TestCountManyMakesOneCall(t *testing.T) {
	docs := [][]byte{[]byte("a\n"), []byte("b c\n"), []byte("d e f\n")}
	before := cgoCalls()
	if _, err := CountMany(docs); err != nil {
		t.Fatal(err)
	}
	if calls := cgoCalls() - before; calls != 1 {
		t.Errorf("CountMany of %d documents made %d cgo calls; want 1", len(docs), calls)
	}
}

// task: 4
func TestCountManyWithEmptyDocuments(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("CountMany panicked: %v", r)
		}
	}()
	docs := [][]byte{nil, []byte("word\n"), {}, []byte("abc")[3:]}
	got, err := CountMany(docs)
	if err != nil || got != (Counts{Lines: 1, Words: 1, Bytes: 5}) {
		t.Errorf("CountMany = %+v, %v; want {1 1 5}, nil", got, err)
	}
}

// task: 4
func TestCountManyWithNoDocuments(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("CountMany panicked: %v", r)
		}
	}()
	for _, docs := range [][][]byte{nil, {}} {
		got, err := CountMany(docs)
		if err != nil || got != (Counts{}) {
			t.Errorf("CountMany(%#v) = %+v, %v; want {0 0 0}, nil", docs, got, err)
		}
	}
}

// task: 4
func TestCountManyReportsAPanic(t *testing.T) {
	_, err := CountMany([][]byte{[]byte("fine\n"), []byte("broken\r")})
	if !errors.Is(err, ErrPanicked) {
		t.Errorf("got %v, want ErrPanicked", err)
	}
}

// task: 4
// Every Pin needs its Unpin once the call is over. A runtime.Pinner that is
// collected while it still pins something makes the runtime panic, from a
// finalizer: the whole process ends.
func TestCountManyLeavesNothingPinned(t *testing.T) {
	for range 200 {
		if _, err := CountMany([][]byte{[]byte("pin me\n"), []byte("and me\n")}); err != nil {
			t.Fatal(err)
		}
	}
	for range 10 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
}
