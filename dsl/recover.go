package dsl

import (
	"errors"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The parsers, one a statement kind. A lookahead of 0 commits to an
// alternative as soon as it has taken a token, so that a syntax error is
// reported where the statement goes wrong ("voice" then no string), not
// where it began.
var (
	fileParser = participle.MustBuild[File](
		participle.Lexer(ivrLexer),
		participle.Elide("Whitespace", "Comment"),
		participle.UseLookahead(0),
	)
	declParser  = mustProduction[Decl]()
	itemParser  = mustProduction[MenuItem]()
	hookParser  = mustProduction[HookItem]()
	stmtParser  = mustProduction[Stmt]()
	calParser   = mustProduction[CalItem]()
	hoursParser = mustProduction[HoursItem]()
)

func mustProduction[P any]() *participle.Parser[P] {
	p, err := participle.ParserForProduction[P](fileParser)
	if err != nil {
		panic(err)
	}
	return p
}

// recovery parses a statement tree one statement at a time. A statement
// that does not parse is reported once and left out: of the file when it
// is top-level, of its menu or block when it is inside one.
type recovery struct {
	name  string
	toks  []token
	diags Diagnostics
	lines map[int]bool // lines that have a diagnostic: one is enough
	// strays are the } that the brace repair left out of toks: the one
	// that ends a statement is named in its error
	strays []token
}

// decl parses a top-level statement, or returns nil when it is broken.
func (r *recovery) decl(s *stmt) *Decl {
	if view, ok := r.view(s); ok {
		if d, ok := fastView(view); ok { // the statement parses: see fastparse.go
			return d
		}
	}
	feed := r.feed(s)
	if d, err := parseTokens(declParser, feed); err == nil {
		return d
	}
	if !r.settle(s, topKind) {
		return nil
	}
	d, err := parseTokens(declParser, r.feed(s))
	if err != nil { // settle parsed it already
		panic(err)
	}
	return d
}

// settle parses s until it parses, leaving out the statements inside it
// that do not. It reports whether s itself parses; when it does not, the
// statements inside it are still parsed on their own, for their errors.
func (r *recovery) settle(s *stmt, k kind) bool {
	for {
		feed := r.feed(s)
		err := parse(k, feed)
		if err == nil {
			return true
		}
		i, bad := r.errorToken(s, feed, err)
		g, in := s.locate(i)
		switch {
		case g != nil && !g.settled:
			r.settleGroup(g)
			continue
		case g != nil && in != nil && !in.broken:
			// parses on its own, but not in its place
			r.report(in, g.kind, err, bad, i)
			in.broken = true
			continue
		}
		r.report(s, k, err, bad, i)
		s.broken = true
		for _, g := range s.groups {
			if !g.settled {
				r.settleGroup(g)
			}
		}
		return false
	}
}

func (r *recovery) settleGroup(g *group) {
	g.settled = true
	for _, c := range g.stmts {
		if !r.settle(c, g.kind) {
			c.broken = true
		}
	}
}

// feed returns the tokens of s for the parser: those of broken statements
// inside it and the newlines before a { left out, and a newline at the end.
func (r *recovery) feed(s *stmt) []token {
	out := make([]token, 0, s.last-s.first+2)
	r.collect(s, &out)
	last := r.toks[s.last]
	end := last.Pos
	end.Offset += len(last.Value)
	end.Column += len(last.Value)
	return append(out, token{Token: virtualToken(tokNL, "\n", end), virtual: true})
}

// view returns the tokens of s as they stand in the file when they are its
// feed but for the newline at the end: nothing inside s is broken, and no
// newline leads to a {. Most statements are so, and need no copy.
func (r *recovery) view(s *stmt) ([]token, bool) {
	if s.broken || hasBroken(s) {
		return nil, false
	}
	b := treeBuilder{r.toks}
	for i := s.first; i <= s.last; i++ {
		if r.toks[i].isNL() && b.braceFollows(i) {
			return nil, false
		}
	}
	return r.toks[s.first : s.last+1], true
}

func hasBroken(s *stmt) bool {
	for _, g := range s.groups {
		for _, c := range g.stmts {
			if c.broken || hasBroken(c) {
				return true
			}
		}
	}
	return false
}

func (r *recovery) collect(s *stmt, out *[]token) {
	i := s.first
	for _, g := range s.groups {
		r.words(i, g.open, out)
		*out = append(*out, r.toks[g.open])
		i = g.open + 1
		for _, c := range g.stmts {
			r.words(i, c.first, out)
			if !c.broken {
				r.collect(c, out)
			}
			i = c.last + 1
		}
		r.words(i, g.close, out)
		i = g.close
	}
	r.words(i, s.last+1, out)
}

// words appends toks[from:to], less the newlines that lead to a {.
func (r *recovery) words(from, to int, out *[]token) {
	b := treeBuilder{r.toks}
	for i := from; i < min(to, len(r.toks)); i++ {
		if r.toks[i].isNL() && b.braceFollows(i) {
			continue
		}
		*out = append(*out, r.toks[i])
	}
}

// errorToken finds the token a syntax error points at: its index in the
// file's tokens (one past s for the newline that ends the feed) and the
// token itself.
func (r *recovery) errorToken(s *stmt, feed []token, err error) (int, token) {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return s.first, r.toks[s.first]
	}
	pos := perr.Position()
	for i, t := range feed {
		if t.Pos.Offset != pos.Offset || t.Pos.Line != pos.Line {
			continue
		}
		if i == len(feed)-1 {
			return s.last + 1, r.follower(s, t)
		}
		for j := s.first; j <= s.last && j < len(r.toks); j++ {
			if r.toks[j].Pos == t.Pos && r.toks[j].Value == t.Value {
				return j, t
			}
		}
	}
	return s.first, r.toks[s.first]
}

// follower is the token that ended s, for a message about its end: the }
// or ; that follows it on its line, the end of the file, or else end, the
// newline that ends the feed.
func (r *recovery) follower(s *stmt, end token) token {
	j := s.last + 1
	if j >= len(r.toks) {
		return token{Token: lexer.EOFToken(end.Pos)}
	}
	if t := r.toks[j]; !t.virtual && (t.is("}") || t.is(";")) {
		return t
	}
	last := r.toks[s.last].Pos
	for _, t := range r.strays {
		if t.Pos.Line == last.Line && t.Pos.Offset > last.Offset && t.Pos.Offset < r.toks[j].Pos.Offset {
			return t
		}
	}
	return end
}

// report adds the syntax error of s, unless its line has a diagnostic.
func (r *recovery) report(s *stmt, k kind, err error, bad token, i int) {
	d := r.syntaxError(s, k, err, bad, i)
	if r.lines[d.Pos.Line] {
		return
	}
	r.lines[d.Pos.Line] = true
	r.diags = append(r.diags, d)
}

// parse parses toks as one statement of kind k.
func parse(k kind, toks []token) error {
	var err error
	switch k {
	case topKind:
		_, err = parseTokens(declParser, toks)
	case menuKind:
		_, err = parseTokens(itemParser, toks)
	case hookKind:
		_, err = parseTokens(hookParser, toks)
	case calKind:
		_, err = parseTokens(calParser, toks)
	case hoursKind:
		_, err = parseTokens(hoursParser, toks)
	default:
		_, err = parseTokens(stmtParser, toks)
	}
	return err
}

func parseTokens[P any](p *participle.Parser[P], toks []token) (*P, error) {
	lex, err := lexer.Upgrade(&sliceLexer{toks: toks})
	if err != nil {
		return nil, err
	}
	return p.ParseFromLexer(lex, participle.AllowTrailing(true))
}

// sliceLexer hands tokens already lexed to participle.
type sliceLexer struct {
	toks []token
	i    int
}

func (l *sliceLexer) Next() (lexer.Token, error) {
	if l.i >= len(l.toks) {
		end := lexer.Position{}
		if n := len(l.toks); n > 0 {
			end = l.toks[n-1].Pos
		}
		return lexer.EOFToken(end), nil
	}
	l.i++
	return l.toks[l.i-1].Token, nil
}

// collectBroken records the broken statements in s, whose top-level
// statement is owner and which stands in group g (nil at the top level).
func (r *recovery) collectBroken(s, owner *stmt, g *group, k kind, out *[]*Broken) {
	if s.broken {
		b := r.describeBroken(s, k)
		b.Owner = posOf(r.toks[owner.first].Pos)
		if g != nil {
			b.Block = posOf(r.toks[g.open].Pos)
		}
		if k == topKind && b.Word == "menu" {
			b.Items = r.orphanItems(s)
		}
		*out = append(*out, b)
	}
	for _, sg := range s.groups {
		for _, c := range sg.stmts {
			r.collectBroken(c, owner, sg, sg.kind, out)
		}
	}
}

// describeBroken guesses what a broken statement was meant to be from its
// first words.
func (r *recovery) describeBroken(s *stmt, k kind) *Broken {
	t := r.toks[s.first]
	var next token
	if s.first < s.last {
		next = r.toks[s.first+1]
	}
	b := &Broken{Pos: posOf(t.Pos), In: k}
	if last := r.toks[s.last]; last.Type == tokUnterm && strings.ContainsAny(last.Value, ";}") {
		return b // the string ran on over what may have been more statements: anything
	}
	switch {
	case t.Type != tokIdent:
		switch {
		case k == menuKind && t.Type == tokString:
			b.Word = "text"
		case k == menuKind && isKey(t) && (next.Value == ".." || s.first == s.last):
			b.Word = "digits" // a number with no arrow after it: digits lost its keyword
		case k == menuKind && isKey(t):
			b.Word, b.Name = "key", t.Value
		}
		return b
	case k == hookKind && next.Value != "env": // url -> ... is an outcome named url, broken
		b.Word, b.Name = "outcome", t.Value
		return b
	case startWords[k][t.Value]:
		b.Word = t.Value
	case allWords[t.Value]: // a value such as yes or no, its setting lost: anything
	case misspeltAny(t.Value, startWords[k]):
		b.Word, _ = misspelt(t.Value, startWords[k])
	case k == topKind && handlerEvents[t.Value]: // on is missing: invalid { ... }
		b.Word = "on"
	case k == topKind && (next.is("{") || next.is("=") || next.is("(")): // the keyword is missing: NAME {, NAME =, NAME (
		b.Word, b.Name = map[string]string{"{": "menu", "=": "number", "(": "hook"}[next.Value], t.Value
		return b
	}
	// the name after the keyword, when what follows it says it is one
	// (hook (a, b) lost its name; menu { lost the menu's)
	var after token
	if s.first+1 < s.last {
		after = r.toks[s.first+2]
	}
	follows := map[string]bool{"menu": after.is("{"), "ask": after.is("{"), "number": after.is("="),
		"hook": after.is("(") || after.is("{") || after.Value == "within"}
	if follows[b.Word] && next.Type == tokIdent {
		b.Name = next.Value
	}
	return b
}

// orphanItems parses the statements of a broken menu's body that parse on
// their own.
func (r *recovery) orphanItems(s *stmt) []*MenuItem {
	var items []*MenuItem
	for _, g := range s.groups {
		if g.kind != menuKind {
			continue
		}
		for _, c := range g.stmts {
			if c.broken {
				continue
			}
			if it, err := parseTokens(itemParser, r.feed(c)); err == nil {
				items = append(items, it)
			}
		}
	}
	return items
}
