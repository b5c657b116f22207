package dsl

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a .ivr file. Line and Col count from 1.
type Pos struct {
	File string
	Line int
	Col  int
}

// String returns file:line:col.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Severity says whether a Diagnostic stops the build.
type Severity int

const (
	Error   Severity = iota // the file cannot be compiled
	Warning                 // the file compiles, but probably not as meant
)

// Diagnostic is one problem found in a .ivr file.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

// String returns "file:line:col: message", with "warning: " before the
// message of a warning.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return fmt.Sprintf("%s: warning: %s", d.Pos, d.Msg)
	}
	return fmt.Sprintf("%s: %s", d.Pos, d.Msg)
}

// Diagnostics is every problem found, errors and warnings together. As an
// error it prints one diagnostic a line.
type Diagnostics []Diagnostic

// Error returns the diagnostics, one a line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic is an Error.
func (ds Diagnostics) HasErrors() bool { return ds.errors() > 0 }

// errors counts the errors.
func (ds Diagnostics) errors() int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Sorted returns the diagnostics ordered by file, line and column, with exact
// repeats removed.
func (ds Diagnostics) Sorted() Diagnostics {
	out := append(Diagnostics(nil), ds...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	uniq := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		uniq = append(uniq, d)
	}
	return uniq
}
