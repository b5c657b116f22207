package dsl

import (
	"fmt"
	"slices"
	"strings"
)

// topOnly are the words that begin a statement only outside every brace: a
// statement starting with one inside braces means a } is missing. (number
// followed by a number is an ask's kind: see isTopOnly.)
var topOnly = map[string]bool{"ivr": true, "start": true, "number": true, "menu": true, "ask": true, "hook": true}

// isTopOnly reports whether a statement starting with t, then next, can
// only be a top-level one.
func isTopOnly(t, next token) bool {
	return t.Type == tokIdent && topOnly[t.Value] && !(t.Value == "number" && next.Type == tokNumber)
}

// repairBraces returns toks with every { matched by a } where the
// indentation says the braces were meant to be: a line indented less than
// the line that opened a block, or as much and holding a statement that
// cannot be in it (a menu inside a menu, a key inside a block of actions),
// closes it; a } indented deeper than the open block closes a block whose
// { is missing on the nearest line above indented as the }. Each brace put
// in or left out is reported once, where its block began; lines holds the
// lines reported. strays are the } left out whose lines the parse should
// still report.
func (s *source) repairBraces(toks []token, lines map[int]bool) (out []token, diags Diagnostics, strays []token) {
	r := &braceRepair{s: s, lines: lines}
	for i, t := range toks {
		if s.lineStart(toks, i) && !t.isNL() {
			r.closeBefore(t, next(toks, i))
		}
		switch {
		case t.is("{"):
			h := stmtHeader(r.out, len(r.out))
			r.open = append(r.open, openBrace{at: len(r.out), line: t.Pos.Line, header: h, kind: openKind(h, len(r.open))})
			r.out = append(r.out, t)
		case t.is("}"):
			r.close(t, s.lineStart(toks, i))
		default:
			r.out = append(r.out, t)
		}
	}
	for len(r.open) > 0 {
		r.unclosed()
	}
	return r.out, r.diags, r.strays
}

// bracesMatch reports whether the braces are where the indentation says:
// every { has its }, no menu begins inside braces (which is what a menu
// that lost its } looks like), no line inside a block reads as the end of
// it (a statement that starts a line indented no deeper than the line that
// opened the block, and cannot stand in it), and no key line lost the { of
// its actions (1 -> say "..."; hangup }).
func (s *source) bracesMatch(toks []token) bool {
	type open struct {
		indent int
		kind   kind
	}
	var stack []open
	for i, t := range toks {
		if n := len(stack); n > 0 && s.lineStart(toks, i) && !t.isNL() && !t.is("}") &&
			s.indent.at(t.Pos.Line) <= stack[n-1].indent && !fits(t, next(toks, i), stack[n-1].kind) {
			return false
		}
		switch {
		case t.is("{"):
			stack = append(stack, open{indent: s.indent.at(t.Pos.Line), kind: openKind(stmtHeader(toks, i), len(stack))})
		case t.is("}"):
			if len(stack) == 0 || (!s.lineStart(toks, i) && lostBlockOpen(toks, i) >= 0) {
				return false
			}
			stack = stack[:len(stack)-1]
		case len(stack) > 0 && (t.Value == "menu" || t.Value == "ask" || t.Value == "hook") && t.Type == tokIdent && (i == 0 || toks[i-1].isSep() || toks[i-1].is("{")):
			return false
		}
	}
	return len(stack) == 0
}

// lostBlockOpen finds, on the line of the } at i, the actions that lost
// their { (1 -> say "..."; hangup }, on invalid say "..."; hangup }): it
// returns the index of the token the { belongs after (the -> or the
// event), or -1.
func lostBlockOpen(toks []token, i int) int {
	after := -1
	for j := i - 1; j >= 0 && !toks[j].isNL(); j-- {
		t := toks[j]
		if t.is("{") {
			return -1
		}
		if j+1 < i && set("say", "play", "goto")[toks[j+1].Value] &&
			(t.Value == "->" || (j > 0 && toks[j-1].Value == "on" && handlerEvents[t.Value])) {
			after = j
		}
	}
	return after
}

type openBrace struct {
	at     int     // index of the { in out
	line   int     // the line that opened it
	header []token // the statement before the {
	kind   kind    // what it probably holds
}

// openKind is what the block a { opens holds, from its statement's
// header, depth blocks deep: a top-level block is a menu's unless its
// statement says otherwise.
func openKind(header []token, depth int) kind {
	switch {
	case depth > 0:
		return blockKind
	case len(header) == 0:
		return menuKind
	case isKey(header[0]) || slices.ContainsFunc(header, func(t token) bool { return t.Value == "->" }):
		return blockKind // a key's or an outcome's actions
	}
	return groupKind(header[0].Value, next(header, 0), func() bool { return true })
}

type braceRepair struct {
	s     *source
	out   []token
	open  []openBrace
	diags Diagnostics
	lines map[int]bool
	// strays are the } left out that the parse may not complain of
	strays []token
}

// stmtHeader returns the tokens of the statement that the { at toks[at] (or
// about to be appended there) belongs to.
func stmtHeader(toks []token, at int) []token {
	i := at
	for i > 0 && toks[i-1].isNL() { // a { on a line of its own
		i--
	}
	end := i
	for i > 0 && !toks[i-1].isSep() && !toks[i-1].is("{") && !toks[i-1].is("}") {
		i--
	}
	return toks[i:end]
}

// closeBefore closes the open blocks that the line starting with t shows
// have ended: a line indented less than the line that opened the block, or
// as much and not a statement the block can hold.
func (r *braceRepair) closeBefore(t, next token) {
	for len(r.open) > 0 {
		top := r.open[len(r.open)-1]
		ind, opened := r.s.indent.at(t.Pos.Line), r.s.indent.at(top.line)
		if ind > opened || (ind == opened && (t.is("}") || fits(t, next, top.kind))) {
			return
		}
		r.unclosed()
	}
}

// fits reports whether a statement starting with t, then next, can be
// inside a block of kind k. What looks like a top-level declaration does
// not: a top-only word, a misspelling of one, or a name and a { (a menu
// that lost its keyword).
func fits(t, next token, k kind) bool {
	if isTopOnly(t, next) || (t.Type == tokIdent && !allWords[t.Value] && (misspeltAny(t.Value, topOnly) || next.is("{"))) {
		return false
	}
	switch k {
	case menuKind:
		return true
	case hookKind: // outcomes, url and auth
		return t.Type == tokIdent && !actionWords[t.Value] && !startWords[menuKind][t.Value]
	case calKind: // days and their hours, closed DATE
		return t.Type == tokIdent && (next.Type == tokHours || t.Value == "closed" || t.Value == "zone")
	case hoursKind: // open -> and closed ->
		return t.Type == tokIdent && next.Value == "->"
	}
	// a block of actions: an action begins with a word; keys, prompts,
	// handlers and settings are not actions, nor a hook's outcomes (NAME ->
	// or NAME(...) ->) and url/auth env
	return t.Type == tokIdent && !startWords[menuKind][t.Value] && next.Value != "->" && !next.is("(") && next.Value != "env"
}

// next returns the token after i, or none.
func next(toks []token, i int) token {
	if i+1 < len(toks) {
		return toks[i+1]
	}
	return token{}
}

// isKey reports whether t can be a menu's key: a number or a string.
func isKey(t token) bool { return t.Type == tokString || t.Type == tokNumber }

// unclosed closes the innermost open block with a } of its own.
func (r *braceRepair) unclosed() {
	top := r.open[len(r.open)-1]
	r.open = r.open[:len(r.open)-1]
	last := r.out[len(r.out)-1]
	for k := len(r.out) - 1; k > top.at && r.out[k].isNL(); k-- {
		last = r.out[k-1]
	}
	where := fmt.Sprintf("after line %d", last.Pos.Line)
	switch {
	case last.Value == "{" && !last.virtual: // nothing in the block yet
		where = "on a line of its own after the block's statements"
	case last.Pos.Line == top.line:
		where = "at the end of the line"
	}
	r.report(top.header, top.line, fmt.Sprintf("%s is not closed: add } %s", describe(top.header), where))
	end := last.Pos
	end.Offset += len(last.Value)
	end.Column += len(last.Value)
	r.out = append(r.out, token{Token: virtualToken(tokPunct, "}", end), virtual: true},
		token{Token: virtualToken(tokNL, "\n", end), virtual: true})
}

// close matches a } with its {, or finds the line that lost its {. A } in
// the middle of a line that would close a block opened on a line indented
// less than its own (1 -> }) is not a block's end: it is left out, and
// the parse says what its line lacks. A } at the start of a line indented
// deeper than the line that opened the innermost block closes a block
// whose { is missing.
func (r *braceRepair) close(t token, lineStart bool) {
	n := len(r.open)
	var top openBrace
	if n > 0 {
		top = r.open[n-1]
	}
	ind := r.s.indent.at(t.Pos.Line)
	switch {
	case n > 0 && !lineStart && lostBlockOpen(r.out, len(r.out)) >= 0:
		// 1 -> say "..."; hangup }: the } closes the actions, whose { is lost
		j := lostBlockOpen(r.out, len(r.out))
		line := r.out[j].Pos.Line
		h := stmtHeader(r.out, j+1)
		r.report(h, line, fmt.Sprintf("%s has no {: add { after %s", describe(h), r.out[j].Value))
		r.out = append(r.out[:j+1], append([]token{{Token: virtualToken(tokPunct, "{", r.out[j].Pos), virtual: true}}, r.out[j+1:]...)...)
		r.out = append(r.out, t)
		return
	case n > 0 && !lineStart && top.line < t.Pos.Line && r.s.indent.at(top.line) < ind:
		r.strays = append(r.strays, t)
		return
	case lineStart && (n == 0 || ind > r.s.indent.at(top.line)):
		from := 0
		if n > 0 {
			from = top.at + 1
		}
		if h, ok := r.lostOpen(t, from); ok {
			r.report(r.out[h:], r.out[h].Pos.Line, fmt.Sprintf("%s has no {: add { at the end of the line (line %d closes its block)", describe(r.out[h:]), t.Pos.Line))
			end := r.lineEnd(h)
			r.out = append(r.out[:end], append([]token{{Token: virtualToken(tokPunct, "{", r.out[end-1].Pos), virtual: true}}, r.out[end:]...)...)
			r.out = append(r.out, t)
			return
		}
	}
	if n > 0 {
		r.open = r.open[:n-1]
		r.out = append(r.out, t)
		return
	}
	r.report([]token{t}, t.Pos.Line, "unexpected }: no block is open here")
}

// lostOpen finds the line whose { a } at the start of a line closes: the
// nearest line above, from out[from], indented no deeper, if it opens
// nothing.
func (r *braceRepair) lostOpen(t token, from int) (int, bool) {
	ind := r.s.indent.at(t.Pos.Line)
	for h := len(r.out) - 1; h >= from; h-- {
		if !r.s.lineStart(r.out, h) || r.out[h].isNL() || r.out[h].virtual || r.s.indent.at(r.out[h].Pos.Line) > ind {
			continue
		}
		end := r.lineEnd(h)
		ok := !r.out[h].is("}") && !r.out[end-1].is("{") && !r.lines[r.out[h].Pos.Line]
		return h, ok
	}
	return 0, false
}

// lineEnd returns the index in out just past the last token of the line
// that starts at h.
func (r *braceRepair) lineEnd(h int) int {
	end := h
	for end < len(r.out) && !r.out[end].isNL() {
		end++
	}
	return end
}

// report adds a brace diagnostic at the statement header, once a line.
func (r *braceRepair) report(header []token, line int, msg string) {
	if r.lines[line] || len(header) == 0 {
		return
	}
	r.lines[line] = true
	r.diags = append(r.diags, Diagnostic{Pos: posOf(header[0].Pos), Msg: msg})
}

// describe names the statement a block belongs to: menu main, on invalid,
// key 1.
func describe(header []token) string {
	var words []string
	for _, t := range header {
		if t.is("{") || t.isNL() {
			break
		}
		words = append(words, t.Value)
	}
	switch {
	case len(words) >= 2 && set("menu", "ask", "hook", "on")[words[0]]:
		return words[0] + " " + words[1]
	case len(words) >= 1 && isKey(header[0]):
		return "the block of key " + strings.Trim(words[0], `"`)
	case len(words) >= 2 && header[0].Type == tokIdent && (words[1] == "->" || words[1] == "("):
		return "the block of outcome " + words[0]
	case len(words) > 0:
		return strings.Join(words, " ")
	}
	return "this block"
}
