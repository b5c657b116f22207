package dsl

import (
	"regexp"

	"github.com/alecthomas/participle/v2/lexer"
)

// Parse parses a .ivr file. name is used in positions. It reports every
// broken statement at once, one diagnostic each, and always returns a File:
// the statements that parse. Those that did not are in File.Broken, and the
// diagnostics hold an error for each.
//
// How: the file is lexed once and cut into a tree of statements by its
// braces (tree.go); each top-level statement is parsed on its own, a broken
// statement inside it left out and reported (recover.go). A statement is one
// line, so every error is on the line of the statement that has it. When
// the braces do not match, or the file does not parse as its braces say,
// the indentation is asked where they were meant to be (braces.go), and the
// reading with fewer errors is kept (the indentation's, when they tie).
func Parse(name string, src []byte) (*File, Diagnostics) {
	s, diags := scan(name, src)
	diags = append(diags, s.lexical()...)
	lines := map[int]bool{}
	for _, d := range diags {
		lines[d.Pos.Line] = true
	}
	var best *reading
	if s.bracesMatch(s.toks) {
		best = s.read(s.toks, nil, nil, clone(lines))
	}
	if best == nil || len(best.diags) > 0 {
		repaired := clone(lines)
		toks, braceDiags, strays := s.repairBraces(s.toks, repaired)
		if r := s.read(toks, braceDiags, strays, repaired); best == nil || len(r.diags) < best.score() {
			best = r
		}
	}
	file := &File{Name: name, Decls: best.decls, Broken: best.broken}
	diags = append(diags, best.diags...)
	return file, diags.Sorted()
}

// reading is the file parsed with its braces read one way.
type reading struct {
	decls  []*Decl
	diags  Diagnostics
	broken []*Broken
	// against counts the statements at the start of a line indented no
	// deeper than the statement whose block holds them: a reading that goes
	// against the indentation this often is that much less likely.
	against int
}

func (r *reading) score() int { return len(r.diags) + r.against }

// read parses the statements of toks, whose braces match.
func (s *source) read(toks []token, braceDiags Diagnostics, strays []token, lines map[int]bool) *reading {
	r := &recovery{name: s.name, toks: toks, lines: lines, strays: strays}
	b := &treeBuilder{toks: toks}
	top, _ := b.statements(0, topKind)
	setKinds(toks, top, topKind)
	out := &reading{against: s.against(toks, top)}
	for _, st := range top {
		if d := r.decl(st); d != nil {
			out.decls = append(out.decls, d)
		}
	}
	for _, st := range top {
		r.collectBroken(st, st, nil, topKind, &out.broken)
	}
	for _, t := range strays {
		if !lines[t.Pos.Line] {
			lines[t.Pos.Line] = true
			r.diags = append(r.diags, Diagnostic{Pos: posOf(t.Pos), Msg: "unexpected }: no block is open here"})
		}
	}
	out.diags = append(braceDiags, r.diags...)
	return out
}

// against counts where the blocks of ss go against the indentation: a
// statement that starts a line indented no deeper than the line of the
// statement that owns its block, and a } that closes a block opened on an
// earlier line indented otherwise than the }'s line, or at the end of a
// line indented deeper than it.
func (s *source) against(toks []token, ss []*stmt) int {
	n := 0
	for _, st := range ss {
		for _, g := range st.groups {
			owner := s.indent.at(toks[st.first].Pos.Line)
			for _, c := range g.stmts {
				if s.lineStart(toks, c.first) && s.indent.at(toks[c.first].Pos.Line) <= owner {
					n++
				}
			}
			if g.close < len(toks) {
				open, end := toks[g.open].Pos.Line, toks[g.close].Pos.Line
				if end > open && s.indent.at(end) != s.indent.at(open) {
					n++
				}
			}
			n += s.against(toks, g.stmts)
		}
	}
	return n
}

func clone(m map[int]bool) map[int]bool {
	c := make(map[int]bool, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

var bareHashKey = regexp.MustCompile(`^#\s*->`)

func posOf(p lexer.Position) Pos {
	return Pos{File: p.Filename, Line: p.Line, Col: p.Column}
}
