package dsl

import (
	"errors"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2"
)

// TestKeywordsMatchGrammar keeps the word lists of keywords.go in step with
// the grammar: every keyword the grammar has is known, and the words said
// to begin a statement of each kind are exactly those the parser takes
// there.
func TestKeywordsMatchGrammar(t *testing.T) {
	literal := regexp.MustCompile(`"([a-z][a-z-]*)"`)
	grammar := map[string]bool{}
	for _, m := range literal.FindAllStringSubmatch(fileParser.String(), -1) {
		grammar[m[1]] = true
	}
	if got, want := sorted(allWords), sorted(grammar); got != want {
		t.Errorf("allWords = %s\nthe grammar's keywords = %s", got, want)
	}
	for k, name := range map[kind]string{topKind: "top level", menuKind: "menu", blockKind: "block"} {
		var starts []string
		for w := range allWords {
			if beginsStatement(t, k, w) {
				starts = append(starts, w)
			}
		}
		if got, want := sorted(set(starts...)), sorted(startWords[k]); got != want {
			t.Errorf("%s: the parser takes %s first\nstartWords = %s", name, got, want)
		}
	}
}

// beginsStatement reports whether a statement of kind k may begin with w:
// its parse does not stop at w.
func beginsStatement(t *testing.T, k kind, w string) bool {
	s, diags := scan("k.ivr", []byte(w+" \n"))
	if len(diags) > 0 || len(s.toks) != 2 {
		t.Fatalf("%q lexes as %v %v", w, s.toks, diags)
	}
	err := parse(k, s.toks)
	var perr participle.Error
	if err == nil || !errors.As(err, &perr) {
		return true
	}
	return perr.Position().Offset > 0
}

func sorted(m map[string]bool) string {
	var ws []string
	for w := range m {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	return strings.Join(ws, " ")
}
