package dsl

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// token is a token the parser sees: whitespace and comments left out,
// newlines kept. A virtual token was put in by the brace repair.
type token struct {
	lexer.Token
	virtual bool
}

func (t token) is(value string) bool {
	return (t.Type == tokPunct || t.Type == tokNL) && t.Value == value
}

func (t token) isNL() bool  { return t.Type == tokNL }
func (t token) isSep() bool { return t.Type == tokNL || (t.Type == tokPunct && t.Value == ";") }

// source is a lexed file: its significant tokens and where each line is
// indented, which the brace repair reads.
type source struct {
	name string
	src  []byte
	toks []token
	// indent is, by line, the width of its leading blanks, a tab counting
	// to the next multiple of 4 (0 for a line with no token)
	indent lineInts
	first  lineInts // by line, the index in toks of its first token
}

// lineInts holds an int for each line of a file, by line number; a line
// past the end has 0.
type lineInts []int

func (l lineInts) at(line int) int {
	if line < 0 || line >= len(l) {
		return 0
	}
	return l[line]
}

// scan lexes src. The lexer has a rule for every character, so lexing
// cannot fail.
func scan(name string, src []byte) (*source, Diagnostics) {
	text := string(src)
	s := &source{name: name, src: src}
	s.toks = make([]token, 0, len(text)/4)
	lines := 1
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			lines++
		}
	}
	s.indent = make(lineInts, lines+1)
	s.first = make(lineInts, lines+1)
	var diags Diagnostics
	pos := lexer.Position{Filename: name, Line: 1, Column: 1}
	lineDone := 0 // the last line whose first token is known
	for pos.Offset < len(text) {
		typ, n := nextToken(text[pos.Offset:])
		t := lexer.Token{Type: typ, Value: text[pos.Offset : pos.Offset+n], Pos: pos}
		advance(&pos, typ, t.Value)
		switch typ {
		case tokWhitespace:
			continue
		case tokComment:
			if bareHashKey.MatchString(t.Value) {
				diags = append(diags, Diagnostic{Pos: posOf(t.Pos), Msg: `a bare # starts a comment: write the key # as "#"`})
			}
			continue
		}
		if line := t.Pos.Line; line != lineDone && typ != tokNL {
			lineDone = line
			s.first[line] = len(s.toks)
			s.indent[line] = indentWidth(src[t.Pos.Offset-t.Pos.Column+1 : t.Pos.Offset])
		}
		s.toks = append(s.toks, token{Token: t})
	}
	return s, diags
}

func indentWidth(blank []byte) int {
	w := 0
	for _, b := range blank {
		if b == '\t' {
			w += 4 - w%4
		} else {
			w++
		}
	}
	return w
}

// lineStart reports whether toks[i] is the first token of its line.
func (s *source) lineStart(toks []token, i int) bool {
	return i == 0 || toks[i-1].isNL()
}

// lexical reports the tokens no grammar rule takes, one diagnostic a line:
// a line holds one statement, and its first lexical problem is the one to
// fix. A text with no opening quote is said as such, where the text starts.
func (s *source) lexical() Diagnostics {
	var diags Diagnostics
	done := map[int]bool{}
	for i, t := range s.toks {
		if done[t.Pos.Line] || (t.Type != tokUnterm && t.Type != tokStray) {
			continue
		}
		d, ok := s.openingQuote(i)
		if !ok {
			d = s.lexProblem(i)
		}
		diags = append(diags, d)
		done[t.Pos.Line] = true
	}
	return diags
}

// lexProblem says what is wrong with the token at i.
func (s *source) lexProblem(i int) Diagnostic {
	t := s.toks[i]
	at := func(t token, msg string) Diagnostic { return Diagnostic{Pos: posOf(t.Pos), Msg: msg} }
	switch {
	case t.Type == tokUnterm:
		return at(t, `unterminated string: close it with " on the same line`)
	case t.Value == ">" && i > 0 && s.toks[i-1].Value == "=":
		return at(s.toks[i-1], "=> is not an arrow: a key leads on with ->")
	case t.Value == "*":
		return at(t, `a key * must be quoted: write "*"`)
	case t.Value == "-" && i > 0 && s.toks[i-1].Type == tokNumber && s.toks[s.first.at(t.Pos.Line)].Value == "closed":
		// 2026-1-5 is no date token: a number, a stray -, a number
		return at(s.toks[i-1], "closed takes a date as YYYY-MM-DD, such as 2026-12-25")
	case t.Value == "-" && i+1 < len(s.toks) && s.toks[i+1].Type == tokNumber:
		return at(t, "numbers here are 0 or more: a .ivr file has no negative numbers")
	case t.Value == "-" && i+1 < len(s.toks) && s.toks[i+1].Type == tokDuration:
		return at(t, "a duration is 0 or more: a .ivr file has no negative durations")
	case t.Value == "+" && i > 0 && s.toks[i-1].Value == "transfer" && i+1 < len(s.toks) && s.toks[i+1].Type == tokNumber:
		return at(t, fmt.Sprintf(`transfer dials a declared number: add number NAME = "+%s" at the top of the file, then write transfer NAME`, s.toks[i+1].Value))
	}
	return at(t, fmt.Sprintf("unexpected character %q", t.Value))
}

// textKeywords take a quoted text.
var textKeywords = map[string]bool{"say": true, "prompt": true, "play": true, "voice": true, "success": true, "failure": true}

// openingQuote recognises a text whose opening quote is missing: on the
// line of the problem token at i, a keyword that takes a text is followed by
// something else, and the line ends in an unterminated string, which began
// at the quote meant to close the text (say Hello, world.").
func (s *source) openingQuote(i int) (Diagnostic, bool) {
	line := s.toks[i].Pos.Line
	j := s.first.at(line)
	var last token // the unterminated string that ends the line
	for k := j; k < len(s.toks) && !s.toks[k].isNL(); k++ {
		last = s.toks[k]
	}
	if last.Type != tokUnterm {
		return Diagnostic{}, false
	}
	for k := i; k >= j; k-- {
		kw := s.toks[k]
		if kw.Type != tokIdent || !textKeywords[kw.Value] || k+1 >= len(s.toks) {
			continue
		}
		next := s.toks[k+1]
		if next.Type == tokString || next.Type == tokUnterm || next.isSep() {
			continue
		}
		text := strings.TrimSpace(string(s.src[next.Pos.Offset : last.Pos.Offset+1]))
		return Diagnostic{Pos: posOf(next.Pos), Msg: fmt.Sprintf(`the text of %s must be quoted: write %s "%s`, kw.Value, kw.Value, text)}, true
	}
	return Diagnostic{}, false
}
