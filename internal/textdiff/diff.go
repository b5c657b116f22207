// Package textdiff writes the unified diff of two texts, line by line, as
// diff -u does: for ivrgen generate -check, and for fmt -d.
package textdiff

import (
	"fmt"
	"strings"
)

// context is how many unchanged lines a hunk shows around a change.
const context = 3

// maxEdits bounds the edit search; texts further apart than this are shown
// as one hunk that replaces the whole of the old text.
const maxEdits = 4000

// Unified returns the unified diff that turns old into new, with the file
// names oldName and newName in its header; "" when they are equal.
func Unified(oldName, newName string, old, new string) string {
	if old == new {
		return ""
	}
	a, b := lines(old), lines(new)
	ops := edits(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, a, b)
	}
	return out.String()
}

// lines splits s after each newline; a last line without one is marked as
// diff marks it.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		return l[:len(l)-1]
	}
	l[len(l)-1] += "\n\\ No newline at end of file\n"
	return l
}

// op is one line of the edit script: kept (both), deleted from a, or
// inserted from b.
type op struct {
	kind byte // ' ', '-', '+'
	i, j int  // the line in a and in b it stands before or is
}

// edits is a shortest edit script from a to b (Myers' algorithm), or, past
// maxEdits, the deletion of a and the insertion of b.
func edits(a, b []string) []op {
	n, m := len(a), len(b)
	max := min(n+m, maxEdits)
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[max+k-1] < v[max+k+1] {
				x = v[max+k+1] // down: an insertion
			} else {
				x = v[max+k-1] + 1 // right: a deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[max+k] = x
			if x >= n && y >= m {
				return backtrack(trace, max, n, m, a, b)
			}
		}
	}
	var ops []op
	for i := range a {
		ops = append(ops, op{'-', i, 0})
	}
	for j := range b {
		ops = append(ops, op{'+', n, j})
	}
	return ops
}

// backtrack walks the trace of edits back from (n, m) to the start.
func backtrack(trace [][]int, max, n, m int, a, b []string) []op {
	var rev []op
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || k != d && v[max+k-1] < v[max+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[max+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			rev = append(rev, op{' ', x, y})
		}
		if d > 0 {
			if x == prevX {
				rev = append(rev, op{'+', x, prevY})
			} else {
				rev = append(rev, op{'-', prevX, y})
			}
		}
		x, y = prevX, prevY
	}
	ops := make([]op, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// hunks cuts the script into runs of changes with their context.
func hunks(ops []op) [][]op {
	var out [][]op
	start, end := -1, -1 // the current hunk, ops[start:end]
	for i, o := range ops {
		if o.kind == ' ' {
			continue
		}
		lo, hi := max(i-context, 0), min(i+context+1, len(ops))
		if start >= 0 && lo <= end {
			end = max(end, hi)
			continue
		}
		if start >= 0 {
			out = append(out, ops[start:end])
		}
		start, end = lo, hi
	}
	if start >= 0 {
		out = append(out, ops[start:end])
	}
	return out
}

func writeHunk(out *strings.Builder, h []op, a, b []string) {
	i, j := h[0].i, h[0].j
	var na, nb int
	for _, o := range h {
		switch o.kind {
		case ' ':
			na, nb = na+1, nb+1
		case '-':
			na++
		case '+':
			nb++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(i, na), span(j, nb))
	for _, o := range h {
		var line string
		if o.kind == '+' {
			line = b[o.j]
		} else {
			line = a[o.i]
		}
		out.WriteByte(o.kind)
		out.WriteString(line)
	}
}

// span is a hunk's range as diff writes it: the first line and the count,
// the count left out when it is 1.
func span(first, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", first)
	case 1:
		return fmt.Sprint(first + 1)
	}
	return fmt.Sprintf("%d,%d", first+1, n)
}
