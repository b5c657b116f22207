package dsl

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var seed = flag.Int64("seed", 1, "seed of TestRecoveryProperty's mutations")

// TestRecoveryProperty breaks k statements (k = 1 to 5) of every example at
// random and checks that exactly the broken statements are reported, one
// error each, and nothing else is: no error on any other line (warnings,
// such as an unreachable menu, may follow from a broken statement).
//
// The mutations are those of a hurried typist: drop a token, misspell a
// keyword, drop a quote, drop a brace. A mutation after which the file
// still parses is not used. The line a mutation must be reported on is its
// own, except for a dropped brace: that is reported where its block began
// (the line of the statement that owns the {), since that is the block the
// user must close or open.
func TestRecoveryProperty(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/*.ivr")
	more, _ := filepath.Glob("testdata/*.ivr")
	files = append(files, more...)
	if len(files) < 3 {
		t.Fatalf("examples not found: %v", files)
	}
	rng := rand.New(rand.NewSource(*seed))
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		muts := mutations(t, path, src)
		for k := 1; k <= 5; k++ {
			for trial := 0; trial < 40; trial++ {
				picked := pickMutations(rng, muts, k)
				if picked == nil {
					continue
				}
				checkMutated(t, path, src, picked)
			}
		}
	}
}

// mutation is one edit of a line and the line it must be reported on.
type mutation struct {
	line   int    // the line edited
	report int    // the line the error must be on
	what   string // for the failure message
	offset int    // the edit: src[offset:offset+cut] becomes put
	cut    int
	put    string
}

// mutations returns every single-token mutation of src that breaks its parse.
func mutations(t *testing.T, name string, src []byte) []mutation {
	s, _ := scan(name, src)
	owner := braceOwners(s.toks)
	var out []mutation
	add := func(m mutation) {
		if _, diags := Parse(name, apply(src, []mutation{m})); diags.HasErrors() {
			out = append(out, m)
		}
	}
	for i, tk := range s.toks {
		if tk.isNL() {
			continue
		}
		line, off := tk.Pos.Line, tk.Pos.Offset
		switch {
		case tk.is("{") || tk.is("}"):
			add(mutation{line: line, report: owner[i], what: "drop " + tk.Value, offset: off, cut: 1})
			continue
		case tk.Type == tokString:
			add(mutation{line: line, report: line, what: "drop opening quote", offset: off, cut: 1})
			add(mutation{line: line, report: line, what: "drop closing quote", offset: off + len(tk.Value) - 1, cut: 1})
		case tk.Type == tokIdent && allWords[tk.Value]:
			for _, w := range misspellings(tk.Value) {
				add(mutation{line: line, report: line, what: "misspell " + tk.Value + " as " + w, offset: off, cut: len(tk.Value), put: w})
			}
		}
		cut := len(tk.Value)
		if s.lineStart(s.toks, i) { // the blank after a word that starts a line goes with it
			for off+cut < len(src) && src[off+cut] == ' ' {
				cut++
			}
		}
		add(mutation{line: line, report: line, what: "drop " + tk.Value, offset: off, cut: cut})
	}
	if len(out) < 10 {
		t.Fatalf("%s: only %d mutations break the parse", name, len(out))
	}
	return out
}

// braceOwners maps the index of each brace to the line of the statement
// that owns its block.
func braceOwners(toks []token) map[int]int {
	owner := map[int]int{}
	var open []int
	stmtLine := 0
	for i, tk := range toks {
		if i == 0 || toks[i-1].isSep() || toks[i-1].is("{") || toks[i-1].is("}") {
			if !tk.isNL() && !tk.is("{") && !tk.is("}") {
				stmtLine = tk.Pos.Line
			}
		}
		switch {
		case tk.is("{"):
			open = append(open, stmtLine)
			owner[i] = stmtLine
		case tk.is("}"):
			owner[i] = open[len(open)-1]
			open = open[:len(open)-1]
		}
	}
	return owner
}

// misspellings of a keyword: neighbours swapped, a letter dropped, a letter
// doubled; none of them a keyword.
func misspellings(w string) []string {
	var out []string
	for _, m := range []string{
		w[:len(w)/2-1] + w[len(w)/2:len(w)/2+1] + w[len(w)/2-1:len(w)/2] + w[len(w)/2+1:],
		w[:len(w)-1],
		w + w[len(w)-1:],
	} {
		if m != "" && !allWords[m] {
			out = append(out, m)
		}
	}
	return out
}

// pickMutations chooses k mutations on k different lines, none reported on the line
// of another, or nil when there are not enough.
func pickMutations(rng *rand.Rand, muts []mutation, k int) []mutation {
	lines := map[int]bool{}
	var out []mutation
	for _, i := range rng.Perm(len(muts)) {
		m := muts[i]
		if lines[m.line] || lines[m.report] {
			continue
		}
		lines[m.line], lines[m.report] = true, true
		out = append(out, m)
		if len(out) == k {
			return out
		}
	}
	return nil
}

func apply(src []byte, muts []mutation) []byte {
	sorted := append([]mutation(nil), muts...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].offset > sorted[j].offset })
	out := append([]byte(nil), src...)
	for _, m := range sorted {
		out = append(out[:m.offset], append([]byte(m.put), out[m.offset+m.cut:]...)...)
	}
	return out
}

func checkMutated(t *testing.T, name string, src []byte, muts []mutation) {
	t.Helper()
	broken := apply(src, muts)
	_, diags := Compile(name, broken)
	want := map[int]bool{}
	for _, m := range muts {
		want[m.report] = true
	}
	got := map[int]int{}
	var problems []string
	for _, d := range diags {
		if d.Severity != Error {
			continue
		}
		got[d.Pos.Line]++
		switch {
		case !want[d.Pos.Line]:
			problems = append(problems, "error on a line not broken: "+d.String())
		case got[d.Pos.Line] > 1:
			problems = append(problems, "second error on a line: "+d.String())
		}
	}
	for line := range want {
		if got[line] == 0 {
			problems = append(problems, fmt.Sprintf("no error on line %d", line))
		}
	}
	if len(problems) > 0 {
		var what []string
		for _, m := range muts {
			what = append(what, fmt.Sprintf("line %d: %s (report at %d)", m.line, m.what, m.report))
		}
		t.Errorf("%s with %s:\n%s\ndiagnostics:\n%v\nsource:\n%s", name, strings.Join(what, "; "),
			strings.Join(problems, "\n"), diags, numbered(broken))
	}
}

func numbered(src []byte) string {
	lines := strings.Split(string(src), "\n")
	for i := range lines {
		lines[i] = fmt.Sprintf("%3d  %s", i+1, lines[i])
	}
	return strings.Join(lines, "\n")
}
