// Command wordcount counts lines, words and bytes in Rust, called from Go:
// one text, then a batch of texts in one call, then a text that makes the
// Rust counter panic.
//
//	cargo build --release --manifest-path rust/Cargo.toml
//	go run .
package main

import (
	"fmt"
	"os"
)

func main() {
	texts := [][]byte{
		[]byte("Go keeps the service,\nRust takes the hot path.\n"),
		nil,
		[]byte("one\r\ntwo\r\nthree\r\n"),
	}
	for _, text := range texts {
		counts, err := Count(text)
		fmt.Printf("Count(%q) = %+v, %v\n", text, counts, err)
	}
	total, err := CountMany(texts)
	fmt.Printf("CountMany(all %d) = %+v, %v\n", len(texts), total, err)

	_, err = Count([]byte("a line that ends in a lone CR\r"))
	fmt.Printf("a text ending in \\r: %v\n", err)
	if total.Words != 12 {
		fmt.Println("check: the totals are wrong")
		os.Exit(1)
	}
	fmt.Println("check: ok, and the process is still here")
}
