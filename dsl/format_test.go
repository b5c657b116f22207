package dsl

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exampleFiles are the .ivr files of the examples.
func exampleFiles(t testing.TB) []string {
	a, _ := filepath.Glob("../examples/*/*.ivr")
	b, _ := filepath.Glob("../examples/*/*/*.ivr")
	return append(a, b...)
}

// The examples are written as ivrgen fmt writes them.
func TestFormatExamplesAsTheyAre(t *testing.T) {
	for _, path := range exampleFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, diags := Format(path, src)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", path, diags)
		}
		if string(got) != string(src) {
			t.Errorf("%s is not formatted:\n%s", path, got)
		}
	}
}

// scramble lays src out anew, as a careless hand would: other indents,
// more spaces between tokens, trailing spaces, CRLF, blank lines doubled
// and put just inside braces. It changes no token.
func scramble(src string, r *rand.Rand) string {
	var b strings.Builder
	nl := "\n"
	if r.IntN(2) == 0 {
		nl = "\r\n"
	}
	for _, line := range formatLines(src) {
		if len(line) == 0 {
			b.WriteString(strings.Repeat(nl, 1+r.IntN(3)))
			continue
		}
		b.WriteString([]string{"", "  ", "\t", "        ", " \t "}[r.IntN(5)])
		for i, t := range line {
			if i > 0 {
				b.WriteString([]string{"", " ", "  ", "\t"}[r.IntN(4)])
				if spaceBetween(line[i-1], t) && b.String()[b.Len()-1] != ' ' && b.String()[b.Len()-1] != '\t' {
					b.WriteByte(' ') // where a space was, one stays
				}
			}
			b.WriteString(t.value)
		}
		b.WriteString([]string{"", " ", "\t  "}[r.IntN(3)])
		b.WriteString(nl)
		if line[len(line)-1].value == "{" && r.IntN(2) == 0 {
			b.WriteString(nl) // a blank line just inside the brace
		}
	}
	return strings.Repeat(nl, r.IntN(2)) + b.String() + strings.Repeat(nl, r.IntN(3))
}

// Each example, scrambled, formats back to itself.
func TestFormatUnscrambles(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, path := range exampleFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			messy := scramble(string(src), r)
			got, diags := Format(path, []byte(messy))
			if diags.HasErrors() {
				t.Fatalf("%s, scrambled %d: %v\n%s", path, i, diags, messy)
			}
			if string(got) != string(src) {
				t.Fatalf("%s, scrambled %d, formats to\n%s\nfrom\n%q", path, i, got, messy)
			}
		}
	}
}

// A file with a syntax error is not formatted: its diagnostics say why.
func TestFormatRefusesSyntaxErrors(t *testing.T) {
	got, diags := Format("bad.ivr", []byte("ivr bad\nmenu main {\n    prompt \"x\n}\n"))
	if got != nil || !diags.HasErrors() || !strings.HasPrefix(diags[0].String(), "bad.ivr:3:") {
		t.Errorf("got %q, %v", got, diags)
	}
}

// A block's { joins the line that opens it, across blank lines, but not
// after a comment, which would swallow it.
func TestFormatJoinsBraces(t *testing.T) {
	src := "ivr x\nstart m\nvoice \"en-US-ZiraRUS\"\non invalid\n\n{ hangup }\nmenu m # the menu\n{\n    prompt \"Press 1.\"\n    1 -> { hangup }\n}\n"
	want := "ivr x\nstart m\nvoice \"en-US-ZiraRUS\"\non invalid { hangup }\nmenu m # the menu\n{\n    prompt \"Press 1.\"\n    1 -> { hangup }\n}\n"
	got, diags := Format("x.ivr", []byte(src))
	if diags.HasErrors() || string(got) != want {
		t.Errorf("got %v\n%s\nwant\n%s", diags, got, want)
	}
}

// Trailing comments of neighbouring lines at one depth share a column, one
// space after the longest line; a blank line, a line without one or another
// depth starts anew.
func TestFormatAlignsComments(t *testing.T) {
	src := "ivr x # the flow\nstart m   # where calls start\nvoice \"en-US-ZiraRUS\" # a voice\n\nnumber desk = env IVR_DESK_NUMBER # one\nnumber n = env IVR_N # two\nnumber o = env IVR_O\non invalid { hangup } # at last\n"
	want := "ivr x                 # the flow\nstart m               # where calls start\nvoice \"en-US-ZiraRUS\" # a voice\n\nnumber desk = env IVR_DESK_NUMBER # one\nnumber n = env IVR_N              # two\nnumber o = env IVR_O\non invalid { hangup } # at last\n"
	got, diags := Format("x.ivr", []byte(src))
	if diags.HasErrors() || string(got) != want {
		t.Errorf("got %v\n%s\nwant\n%s", diags, got, want)
	}
}
