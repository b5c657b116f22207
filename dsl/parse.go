package dsl

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

var parser = participle.MustBuild[File](
	participle.Lexer(ivrLexer),
	participle.Elide("Whitespace", "Comment"),
)

// Parse parses a .ivr file. name is used in positions. It reports every
// lexical problem and at least one syntax error per broken top-level
// declaration. The File is nil when the file does not parse; it comes with
// lexical errors that did not stop the parse, so that Check can add its own.
func Parse(name string, src []byte) (*File, Diagnostics) {
	diags := lexDiagnostics(name, src)
	file, err := parser.ParseBytes(name, src)
	if err == nil {
		file.Name = name
		return file, diags
	}
	syntax := chunkDiagnostics(name, src, diags)
	if len(syntax) == 0 && len(diags) == 0 {
		syntax = Diagnostics{syntaxDiagnostic(name, err, 0)}
	}
	return nil, dropShadowed(append(diags, syntax...).Sorted())
}

// lexDiagnostics reports tokens no grammar rule can take, in words.
func lexDiagnostics(name string, src []byte) Diagnostics {
	var diags Diagnostics
	lex, err := ivrLexer.LexString(name, string(src))
	if err != nil {
		return Diagnostics{{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: err.Error()}}
	}
	symbols := ivrLexer.Symbols()
	var prev lexer.Token
	for {
		tok, err := lex.Next()
		if err != nil || tok.EOF() {
			return diags
		}
		pos := posOf(tok.Pos)
		if tok.Value == ">" && prev.Value == "=" && prev.Pos.Offset+1 == tok.Pos.Offset {
			diags = append(diags, Diagnostic{Pos: posOf(prev.Pos), Msg: `=> is not an arrow: a key leads on with ->`})
			prev = tok
			continue
		}
		if tok.Type != symbols["Whitespace"] {
			prev = tok
		}
		switch tok.Type {
		case symbols["Unterminated"]:
			diags = append(diags, Diagnostic{Pos: pos, Msg: "unterminated string: close it with \" on the same line"})
		case symbols["Stray"]:
			msg := fmt.Sprintf("unexpected character %q", tok.Value)
			if tok.Value == "*" {
				msg = `a key * must be quoted: write "*"`
			}
			diags = append(diags, Diagnostic{Pos: pos, Msg: msg})
		case symbols["Comment"]:
			if bareHashKey.MatchString(tok.Value) {
				diags = append(diags, Diagnostic{Pos: pos, Msg: `a bare # starts a comment: write the key # as "#"`})
			}
		}
	}
}

var bareHashKey = regexp.MustCompile(`^#\s*->`)

// chunkDiagnostics parses each top-level declaration on its own, so that a
// syntax error in one menu does not hide those in the next. A chunk holding
// a lexical error is skipped: that error is the cause, and what participle
// would say of it is noise.
func chunkDiagnostics(name string, src []byte, lexical Diagnostics) Diagnostics {
	bad := map[int]bool{}
	for _, d := range lexical {
		bad[d.Pos.Line] = true
	}
	var diags Diagnostics
	lines := strings.SplitAfter(string(src), "\n")
	start := 0
	for i := 1; i <= len(lines); i++ {
		if i < len(lines) && !declStart.MatchString(lines[i]) {
			continue
		}
		if !anyLine(bad, start+1, i) {
			if _, err := parser.ParseString(name, strings.Join(lines[start:i], "")); err != nil {
				diags = append(diags, syntaxDiagnostic(name, err, start))
			}
		}
		start = i
	}
	return diags
}

// anyLine reports whether any line from first to last is in set.
func anyLine(set map[int]bool, first, last int) bool {
	for l := first; l <= last; l++ {
		if set[l] {
			return true
		}
	}
	return false
}

// declStart matches the lines that begin a declaration that can never sit
// inside a menu, where a chunk may safely start.
var declStart = regexp.MustCompile(`^(ivr|start|number|menu)\b`)

// syntaxDiagnostic turns a participle error into a Diagnostic, its line
// moved down by lineOffset.
func syntaxDiagnostic(name string, err error, lineOffset int) Diagnostic {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return Diagnostic{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: err.Error()}
	}
	pos := posOf(perr.Position())
	pos.Line += lineOffset
	return Diagnostic{Pos: pos, Msg: humanize(perr.Message())}
}

// expectations name grammar nodes the way a user thinks of them.
var expectations = strings.NewReplacer(
	"<ident>", "a name",
	"<string>", "a string",
	"<number>", "a number",
	"<duration>", "a duration such as 10s",
	"<eof>", "the end of the file",
	"<unterminated>", "a string",
	"<stray>", "a character",
	"Target", "a menu, transfer NAME, hangup or a { block }",
	"Stmt", "say, play, goto, transfer or hangup",
	"MenuItem", `prompt, a key, "on" or a setting`,
	"Decl", `ivr, start, number, on, menu or a setting`,
	"Key", `a key (digits, or quoted: "*", "#")`,
	"Digits", "a number of digits",
	"YesNo", "yes or no",
	"unexpected token", "unexpected",
)

func humanize(msg string) string { return expectations.Replace(msg) }

// dropShadowed removes a syntax error that repeats, at the same place, a
// lexical one already reported.
func dropShadowed(diags Diagnostics) Diagnostics {
	out := diags[:0]
	for i, d := range diags {
		if i > 0 && d.Pos == diags[i-1].Pos {
			continue
		}
		out = append(out, d)
	}
	return out
}

func posOf(p lexer.Position) Pos {
	return Pos{File: p.Filename, Line: p.Line, Col: p.Column}
}
