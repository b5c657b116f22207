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
	diags = append(diags, syntaxDiagnostic(name, err, 0))
	diags = append(diags, chunkDiagnostics(name, src)...)
	return nil, dropShadowed(diags.Sorted())
}

// lexDiagnostics reports tokens no grammar rule can take, in words.
func lexDiagnostics(name string, src []byte) Diagnostics {
	var diags Diagnostics
	lex, err := ivrLexer.LexString(name, string(src))
	if err != nil {
		return Diagnostics{{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: err.Error()}}
	}
	symbols := ivrLexer.Symbols()
	for {
		tok, err := lex.Next()
		if err != nil || tok.EOF() {
			return diags
		}
		pos := posOf(tok.Pos)
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
// syntax error in one menu does not hide those in the next.
func chunkDiagnostics(name string, src []byte) Diagnostics {
	var diags Diagnostics
	lines := strings.SplitAfter(string(src), "\n")
	start := 0
	for i := 1; i <= len(lines); i++ {
		if i < len(lines) && !startsDecl(lines[i]) {
			continue
		}
		chunk := strings.Join(lines[start:i], "")
		if _, err := parser.ParseString(name, chunk); err != nil {
			diags = append(diags, syntaxDiagnostic(name, err, start))
		}
		start = i
	}
	return diags
}

var declStart = regexp.MustCompile(`^(ivr|start|number|on|menu|voice|speed|digits|digit-timeout|timeout|tries|complete-on-hash|success|failure)\b`)

func startsDecl(line string) bool { return declStart.MatchString(line) }

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
