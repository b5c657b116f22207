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

// Suggest is suggest, for the command line's messages.
func Suggest(name string, known []string) string { return suggest(name, known) }

// suggest returns " (did you mean NAME?)" for the known name closest to
// name, when one is close enough to be a typo: at most two edits, and no
// more than half its letters (fr is not a typo of en); else "".
func suggest(name string, known []string) string {
	sort.Strings(known)
	best, bestDist := "", 3
	for _, k := range known {
		d := distance(strings.ToLower(name), strings.ToLower(k))
		if d < bestDist && 2*d <= len(name) {
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

// warnings reports what compiles but is probably not meant: menus, asks
// and hooks no call can reach, numbers never dialled, values never used.
// While a broken statement or an unknown name may hide a key, a goto or a
// transfer, they say nothing.
func (c *checker) warnings() {
	if c.q.reach() || c.unresolved || c.flow.Start == nil {
		return
	}
	for _, m := range c.flow.Menus {
		if !c.reached[m] && m.Confirms == nil {
			c.warnf(m.Pos, "%s cannot be reached from %s", m.What(), c.startWhat())
		}
	}
	for _, h := range c.flow.Hooks {
		if !c.reached[h] {
			c.warnf(h.Pos, "hook %s cannot be reached from %s", h.Name, c.startWhat())
		}
	}
	for _, h := range c.flow.Hours {
		if !c.reached[h] {
			c.warnf(h.Pos, "hours %s cannot be reached from %s", h.Name, c.startWhat())
		}
	}
	for _, n := range c.flow.Numbers {
		if !c.used[n] {
			c.warnf(n.Pos, "number %s is never used: no transfer dials it", n.Name)
		}
	}
	for _, v := range c.flow.Vars {
		if !c.varUsed[v] && !c.badKinds[v] {
			c.warnf(v.Pos, "the value of %s (%s) is never used: speak it as {%s}, or pass it to a hook", v.Name, v.From, v.Name)
		}
	}
}

// goIdents reports two things the generator would give one exported Go
// name: a choice's type and a hook's types are made from the names in the
// file (Day, DayToday; BookInput, BookResult, BookBooked), and so are the
// menus' constants (MenuMain).
func (c *checker) goIdents() {
	taken := map[string]string{}
	for _, id := range []string{"Menu", "ParseMenu", "Numbers", "NumbersFromEnv", "Flow", "New", "App", "Hooks", "HTTPHooks", "NewHTTPHooks"} {
		taken[id] = "a name of the generated package"
	}
	claim := func(id, what string, p Pos) {
		other, dup := taken[id]
		switch {
		case dup && other == "a name of the generated package":
			c.errorf(p, "%s would be %s in Go, a name the generated package has already: rename it", what, id)
			return
		case dup:
			c.errorf(p, "%s would be %s in Go, which is already %s: rename one", what, id, other)
			return
		}
		taken[id] = what
	}
	for _, m := range c.flow.Menus { // menus clashing with menus are reported where they are declared
		if _, dup := taken["Menu"+m.GoName]; !dup {
			taken["Menu"+m.GoName] = "the constant of " + m.What()
		}
	}
	for _, v := range c.flow.Vars {
		if v.Kind.Type != ChoiceKind {
			continue
		}
		claim(v.GoName, "the type of "+v.From, v.Pos)
		for _, ch := range v.Kind.Choices {
			claim(v.GoName+ch.GoName, "the constant of value "+ch.Name+" of "+v.From, ch.Pos)
		}
	}
	for _, h := range c.flow.Hooks {
		claim(h.GoName+"Input", "the input of hook "+h.Name, h.Pos)
		claim(h.GoName+"Result", "the result of hook "+h.Name, h.Pos)
		seen := map[string]bool{}
		for _, o := range h.Outcomes {
			if !seen[o.GoName] { // two outcomes of one Go name are reported by hookOutcome
				claim(h.GoName+o.GoName, "outcome "+o.Name+" of hook "+h.Name, o.Pos)
			}
			seen[o.GoName] = true
		}
		for _, v := range h.Inputs {
			if v.GoName == "Call" || v.GoName == "Key" {
				c.errorf(h.Pos, "hook %s takes %s, whose Go name %s is already a field of every hook's input: rename the variable", h.Name, v.Name, v.GoName)
			}
		}
	}
}

// startWhat names where calls start: "the start menu main", "the start
// hours reception".
func (c *checker) startWhat() string {
	if _, ok := c.flow.Start.(*Hours); ok {
		return "the start hours " + c.flow.Start.PlaceName()
	}
	return "the start menu " + c.flow.Start.PlaceName()
}
