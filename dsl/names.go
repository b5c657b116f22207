package dsl

import (
	"sort"
	"strings"
	"unicode"
)

// GoName turns a .ivr name into an exported Go name: split on _ and -, each
// part's first letter upper-cased and the rest kept, so book_table,
// bookTable and book-table are all BookTable.
func GoName(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' }) {
		r := []rune(part)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	if b.Len() == 0 || !unicode.IsLetter([]rune(b.String())[0]) {
		return "X" + b.String()
	}
	return b.String()
}

// suggest returns " (did you mean NAME?)" for the known name closest to
// name, when one is close enough to be a typo; else "".
func suggest(name string, known []string) string {
	sort.Strings(known)
	best, bestDist := "", 3
	for _, k := range known {
		d := distance(strings.ToLower(name), strings.ToLower(k))
		if d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// distance is the optimal string alignment distance between a and b: the
// edits (insert, delete, change a letter, swap two neighbours) from a to b.
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// warnings reports what compiles but is probably not meant: menus no call
// can reach and numbers never dialled. While a broken statement or an
// unknown name may hide a key, a goto or a transfer, they say nothing.
func (c *checker) warnings() {
	if c.q.reach() || c.unresolved {
		return
	}
	reached := c.reachable()
	for _, m := range c.flow.Menus {
		if c.flow.Start != nil && !reached[m] {
			c.warnf(m.Pos, "menu %s cannot be reached from the start menu %s", m.Name, c.flow.Start.Name)
		}
	}
	for _, n := range c.flow.Numbers {
		if !c.used[n] {
			c.warnf(n.Pos, "number %s is never used: no transfer dials it", n.Name)
		}
	}
}

// reachable returns the menus a call can reach from the start menu.
func (c *checker) reachable() map[*Menu]bool {
	seen := map[*Menu]bool{}
	var visit func(*Menu)
	visit = func(m *Menu) {
		if m == nil || seen[m] {
			return
		}
		seen[m] = true
		for _, o := range m.Outcomes() {
			if o == nil {
				continue
			}
			if g, ok := o.End.(*Goto); ok {
				visit(g.Menu)
			}
		}
	}
	visit(c.flow.Start)
	return seen
}
