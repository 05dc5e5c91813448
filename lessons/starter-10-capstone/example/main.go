// The capstone's first lesson in one run: the same texts put to Rust's and
// Go's standard libraries through cgo, to see where they read them
// differently, and that the format's own rules (digits only; fields split on
// the space) give the same answers on both sides. The output is the same on
// every machine.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// numberTexts are values a `dur_ms=` or `ts=` field might hold.
var numberTexts = []string{"5", "+5", "-5", "05", " 5", "5_000", "18446744073709551615", "18446744073709551616", "\u0663", ""}

// lineTexts are lines whose fields the splitters might count differently.
var lineTexts = []string{"a b", "a  b ", "a\tb", "a\vb", "a\u00a0b", "a\u2003b"}

func answer(v uint64, ok bool) string {
	if !ok {
		return "refused"
	}
	return strconv.FormatUint(v, 10)
}

func main() {
	formatAgrees, stdDiffers := 0, 0
	fmt.Println("Is it a number? (the format: ASCII digits only)")
	fmt.Printf("%-24s %-22s %-22s %s\n", "text", "Rust parse::<u64>", "Rust digits only", "Go strconv.ParseUint")
	for _, text := range numberTexts {
		std := answer(rustParse(text, true))
		digits := answer(rustParse(text, false))
		goes := answer(goParse(text))
		fmt.Printf("%-24s %-22s %-22s %s\n", strconv.QuoteToASCII(text), std, digits, goes)
		if digits == goes {
			formatAgrees++
		}
		if std != goes {
			stdDiffers++
		}
	}

	spaceAgrees, asciiDiffers := 0, 0
	fmt.Println()
	fmt.Println("How many fields? (the format: split on the space character)")
	fmt.Printf("%-12s %-17s %-23s %-18s %-16s %s\n", "line", "split_whitespace", "split_ascii_whitespace", "Go strings.Fields", "Rust split(' ')", "Go split on ' '")
	for _, text := range lineTexts {
		unicode := rustFields(text, splitWhitespace)
		ascii := rustFields(text, splitASCIIWhitespace)
		fields := len(strings.Fields(text))
		rustSpace := rustFields(text, splitSpace)
		goSpace := goFieldsSpace(text)
		fmt.Printf("%-12s %-17d %-23d %-18d %-16d %d\n", strconv.QuoteToASCII(text), unicode, ascii, fields, rustSpace, goSpace)
		if rustSpace == goSpace {
			spaceAgrees++
		}
		if ascii != fields {
			asciiDiffers++
		}
	}

	fmt.Println()
	if formatAgrees != len(numberTexts) || spaceAgrees != len(lineTexts) {
		fmt.Printf("check: FAILED, the format's rules disagree: numbers on %d of %d texts, fields on %d of %d lines\n",
			len(numberTexts)-formatAgrees, len(numberTexts), len(lineTexts)-spaceAgrees, len(lineTexts))
		os.Exit(1)
	}
	fmt.Printf("check: ok, the format's rules agree on all %d texts and %d lines; "+
		"parse::<u64> differs from strconv.ParseUint on %d, split_ascii_whitespace from strings.Fields on %d\n",
		len(numberTexts), len(lineTexts), stdDiffers, asciiDiffers)
}
