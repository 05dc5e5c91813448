package main

import "testing"

// The claims the capstone page makes, asked of both languages through cgo.

func TestRustParseTakesAPlusSignThatGoRefuses(t *testing.T) {
	if v, ok := rustParse("+5", true); !ok || v != 5 {
		t.Errorf(`Rust parse::<u64>("+5") = %d, %v; want 5, true`, v, ok)
	}
	if _, ok := goParse("+5"); ok {
		t.Error(`strconv.ParseUint("+5") accepted it; the page says Go refuses a sign`)
	}
	if _, ok := rustParse("+5", false); ok {
		t.Error(`the digits-only rule accepted "+5"`)
	}
}

func TestTheFormatsRulesAgreeOnEveryText(t *testing.T) {
	for _, text := range numberTexts {
		rv, rok := rustParse(text, false)
		gv, gok := goParse(text)
		// On overflow strconv returns the largest value with its error: compare values only when both read one.
		if rok != gok || (rok && rv != gv) {
			t.Errorf("%q: Rust digits only = %d, %v; Go = %d, %v", text, rv, rok, gv, gok)
		}
	}
	for _, text := range lineTexts {
		if r, g := rustFields(text, splitSpace), goFieldsSpace(text); r != g {
			t.Errorf("%q: Rust split(' ') = %d fields, Go = %d", text, r, g)
		}
	}
}

func TestAVerticalTabSplitsForGoAndForUnicodeButNotForASCII(t *testing.T) {
	const line = "a\vb"
	if got := rustFields(line, splitWhitespace); got != 2 {
		t.Errorf("split_whitespace: %d fields, want 2", got)
	}
	if got := rustFields(line, splitASCIIWhitespace); got != 1 {
		t.Errorf("split_ascii_whitespace: %d fields, want 1", got)
	}
}
