package dsl

import "github.com/alecthomas/participle/v2/lexer"

// A statement tree is the file cut into statements before any is parsed:
// statements end at a newline or ; and a {...} group holds the statements
// of a menu or a block. It needs only matched braces, so a statement that
// does not parse can be left out and its neighbours parsed without it.

// kind is what a statement can be: which grammar production parses it.
type kind int

const (
	topKind   kind = iota // a top-level declaration: Decl
	menuKind              // a statement in a menu or an ask: MenuItem
	hookKind              // a statement in a hook: HookItem
	blockKind             // an action in a block: Stmt
	calKind               // a line of a calendar: CalItem
	hoursKind             // a branch of hours: HoursItem
)

// stmt is one statement: the tokens first..last, with the groups of
// statements inside it.
type stmt struct {
	first, last int
	groups      []*group
	broken      bool // it does not parse: left out of its parent
}

// group is a {...} in a statement.
type group struct {
	open, close int // the indexes of { and }
	kind        kind
	stmts       []*stmt
	settled     bool // each statement in it has been parsed on its own
}

type treeBuilder struct{ toks []token }

// statements cuts toks[i:] into statements, up to a } or the end.
func (b *treeBuilder) statements(i int, in kind) ([]*stmt, int) {
	var out []*stmt
	for i < len(b.toks) {
		switch t := b.toks[i]; {
		case t.isSep():
			i++
		case t.is("}"):
			if in != topKind {
				return out, i
			}
			i++ // cannot happen once braces match
		default:
			var s *stmt
			s, i = b.statement(i, in)
			out = append(out, s)
		}
	}
	return out, i
}

// statement reads one statement from i. Newlines before a { do not end it,
// so that a { may open a block on a line of its own.
func (b *treeBuilder) statement(i int, in kind) (*stmt, int) {
	s := &stmt{first: i, last: i}
	for i < len(b.toks) {
		t := b.toks[i]
		switch {
		case t.isNL() && b.braceFollows(i):
			i++
		case t.isSep() || t.is("}"):
			return s, i
		case t.is("{"):
			g := &group{open: i}
			g.stmts, i = b.statements(i+1, blockKind)
			g.close = i
			s.groups = append(s.groups, g)
			s.last = min(i, len(b.toks)-1)
			i++
		default:
			s.last = i
			i++
		}
	}
	return s, i
}

// braceFollows reports whether the newlines from i lead to a {.
func (b *treeBuilder) braceFollows(i int) bool {
	for i < len(b.toks) && b.toks[i].isNL() {
		i++
	}
	return i < len(b.toks) && b.toks[i].is("{")
}

// setKinds says which statements each group holds: in a top-level
// statement, a menu's (or an ask's) when it begins with menu or ask, a
// hook's when it begins with hook, actions when it begins with on; else
// what most of the group's statements look like (so that a menu whose
// first word is misspelled is still read as one). Actions anywhere else.
func setKinds(toks []token, ss []*stmt, in kind) {
	for _, s := range ss {
		for i, g := range s.groups {
			g.kind = blockKind
			if in == topKind && i == 0 {
				g.kind = groupKind(toks[s.first].Value, next(toks, s.first), func() bool { return holdsMenuItems(toks, g) })
				if k, ok := holdsOwnLines(toks, g); ok && g.kind != hookKind {
					g.kind = k // a calendar or hours that lost its keyword
				}
			}
			setKinds(toks, g.stmts, g.kind)
		}
	}
}

// groupKind is what the first block of a top-level statement that begins
// with word, then next, holds; when word is none of menu, ask, hook and on,
// nor a misspelling of one, NAME ( is a hook that lost its keyword, and
// else guess says whether it is a menu's.
func groupKind(word string, next token, guess func() bool) kind {
	kinds := map[string]kind{"menu": menuKind, "ask": menuKind, "hook": hookKind, "on": blockKind, "calendar": calKind, "hours": hoursKind}
	if k, ok := kinds[word]; ok {
		return k
	}
	if w, ok := misspelt(word, set("menu", "ask", "hook", "on", "calendar", "hours")); ok {
		return kinds[w]
	}
	if next.is("(") {
		return hookKind
	}
	if guess() {
		return menuKind
	}
	return blockKind
}

// holdsMenuItems guesses whether g holds a menu's statements: more of them
// begin as only a menu's can (prompt, a key, a setting) than as actions.
func holdsMenuItems(toks []token, g *group) bool {
	votes := 0
	for _, s := range g.stmts {
		switch t := toks[s.first]; {
		case !fits(t, next(toks, s.first), blockKind):
			votes++
		case t.Type == tokIdent && actionWords[t.Value]:
			votes--
		}
	}
	return votes > 0
}

// locate finds where in s the token at i lies: in which group, and in which
// statement of it. A separator or } belongs to the statement before it.
// g is nil when i is in s's own words.
func (s *stmt) locate(i int) (g *group, in *stmt) {
	for _, g := range s.groups {
		if i <= g.open || i > g.close {
			continue
		}
		for _, c := range g.stmts {
			if c.first > i {
				break
			}
			in = c
		}
		return g, in
	}
	return nil, nil
}

func virtualToken(typ lexer.TokenType, value string, pos lexer.Position) lexer.Token {
	return lexer.Token{Type: typ, Value: value, Pos: pos}
}

// holdsOwnLines reports whether every statement of g begins as only a
// calendar's (a day and its hours, closed DATE) or only an hours branch's
// (open -> or closed ->) can, and which.
func holdsOwnLines(toks []token, g *group) (kind, bool) {
	cal, hours := len(g.stmts) > 0, len(g.stmts) > 0
	for _, s := range g.stmts {
		t, n := toks[s.first], next(toks, s.first)
		cal = cal && t.Type == tokIdent && (n.Type == tokHours || t.Value == "closed" && n.Type == tokDates || t.Value == "zone" && n.Type == tokString)
		hours = hours && (t.Value == "open" || t.Value == "closed") && n.Value == "->"
	}
	switch {
	case cal:
		return calKind, true
	case hours:
		return hoursKind, true
	}
	return 0, false
}
