package dsl

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// parser parses a whole file. A lookahead of 0 commits to an alternative
// as soon as it has taken a token, so that a syntax error is reported where
// the statement goes wrong ("voice" then no string), not where it began.
var parser = participle.MustBuild[File](
	participle.Lexer(ivrLexer),
	participle.Elide("Whitespace", "Comment"),
	participle.UseLookahead(0),
)

// Parse parses a .ivr file. name is used in positions. It reports every
// lexical problem and at least one syntax error per broken top-level
// declaration. The File is nil when the file does not parse; when it does,
// it comes with the lexical errors that did not stop the parse, so that
// Check can add its own.
func Parse(name string, src []byte) (*File, Diagnostics) {
	toks, err := lexAll(name, src)
	if err != nil {
		return nil, Diagnostics{syntaxDiagnostic(name, err, 0)}
	}
	diags, broken := lexDiagnostics(toks)
	file, err := parser.ParseBytes(name, src)
	if err == nil {
		file.Name = name
		return file, diags
	}
	syntax := chunkDiagnostics(name, src, toks, broken)
	if len(syntax) == 0 && len(broken) == 0 {
		syntax = Diagnostics{syntaxDiagnostic(name, err, 0)}
	}
	return nil, append(diags, syntax...).Sorted()
}

// lexAll returns every token of src, whitespace and comments included. The
// lexer has a rule for every character, so an error is not expected.
func lexAll(name string, src []byte) ([]lexer.Token, error) {
	lex, err := ivrLexer.LexString(name, string(src))
	if err != nil {
		return nil, err
	}
	return lexer.ConsumeAll(lex)
}

// lexDiagnostics reports the tokens no grammar rule takes, in words, and
// the lines that hold them: a syntax error there would only repeat them.
// It also reports a comment that is probably a bare # key.
func lexDiagnostics(toks []lexer.Token) (diags Diagnostics, broken map[int]bool) {
	broken = map[int]bool{}
	report := func(t lexer.Token, msg string) {
		diags = append(diags, Diagnostic{Pos: posOf(t.Pos), Msg: msg})
		broken[t.Pos.Line] = true
	}
	for i, t := range toks {
		switch t.Type {
		case symbol["Unterminated"]:
			report(t, `unterminated string: close it with " on the same line`)
		case symbol["Stray"]:
			switch {
			case t.Value == ">" && i > 0 && toks[i-1].Value == "=":
				report(toks[i-1], "=> is not an arrow: a key leads on with ->")
			case t.Value == "*":
				report(t, `a key * must be quoted: write "*"`)
			default:
				report(t, fmt.Sprintf("unexpected character %q", t.Value))
			}
		case symbol["Comment"]:
			if bareHashKey.MatchString(t.Value) {
				diags = append(diags, Diagnostic{Pos: posOf(t.Pos), Msg: `a bare # starts a comment: write the key # as "#"`})
			}
		}
	}
	return diags, broken
}

var (
	symbol      = ivrLexer.Symbols()
	bareHashKey = regexp.MustCompile(`^#\s*->`)
)

// chunkDiagnostics parses each top-level declaration on its own, so that a
// syntax error in one menu does not hide those in the next. A chunk with a
// broken line is skipped: the lexical error is the cause, and what
// participle would say of it is noise.
func chunkDiagnostics(name string, src []byte, toks []lexer.Token, broken map[int]bool) Diagnostics {
	var diags Diagnostics
	starts := declStarts(toks)
	for i, start := range starts {
		end := len(src)
		if i+1 < len(starts) {
			end = starts[i+1].Pos.Offset
		}
		if anyLine(broken, start.Pos.Line, lineAt(toks, end)) {
			continue
		}
		if _, err := parser.ParseBytes(name, src[start.Pos.Offset:end]); err != nil {
			d := syntaxDiagnostic(name, err, start.Pos.Line-1)
			if i+1 < len(starts) { // the chunk's end is the next declaration
				d.Msg = strings.Replace(d.Msg, "unexpected end of file", fmt.Sprintf("unexpected %q", starts[i+1].Value), 1)
			}
			diags = append(diags, d)
		}
	}
	return diags
}

// declStarts returns where each top-level declaration begins: the file's
// start, and every keyword at column 1 that begins a declaration there.
// ivr, start, number and menu can only be top-level; settings and "on" are
// taken only outside braces, where they cannot belong to a menu.
func declStarts(toks []lexer.Token) []lexer.Token {
	starts := []lexer.Token{{Pos: lexer.Position{Line: 1, Column: 1}}}
	depth := 0
	for _, t := range toks {
		switch {
		case t.Pos.Column == 1 && t.Pos.Offset > 0 && topOnly[t.Value]:
			depth = 0
			starts = append(starts, t)
		case t.Pos.Column == 1 && t.Pos.Offset > 0 && depth <= 0 && topToo[t.Value]:
			starts = append(starts, t)
		case t.Value == "{":
			depth++
		case t.Value == "}":
			depth--
		}
	}
	return starts
}

var (
	topOnly = map[string]bool{"ivr": true, "start": true, "number": true, "menu": true}
	topToo  = map[string]bool{
		"on": true, "voice": true, "speed": true, "digits": true, "digit-timeout": true, "timeout": true,
		"tries": true, "complete-on-hash": true, "success": true, "failure": true,
	}
)

// lineAt returns the line of the last token before offset.
func lineAt(toks []lexer.Token, offset int) int {
	line := 1
	for _, t := range toks {
		if t.Pos.Offset >= offset {
			break
		}
		line = t.Pos.Line
	}
	return line
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

func posOf(p lexer.Position) Pos {
	return Pos{File: p.Filename, Line: p.Line, Col: p.Column}
}

// syntaxDiagnostic turns a participle error into a Diagnostic, its line
// moved down by lineOffset.
func syntaxDiagnostic(name string, err error, lineOffset int) Diagnostic {
	var perr participle.Error
	if !errors.As(err, &perr) {
		return Diagnostic{Pos: Pos{File: name, Line: 1, Col: 1}, Msg: err.Error()}
	}
	pos := posOf(perr.Position())
	pos.File, pos.Line = name, pos.Line+lineOffset
	return Diagnostic{Pos: pos, Msg: humanize(perr.Message())}
}

var (
	unexpectedToken = regexp.MustCompile(`^unexpected token "(.*)"(?: \(expected (.*)\))?$`)
	// firstExpected keeps the first of a sequence: "->" of "->" Target.
	firstExpected = regexp.MustCompile(`^("[^"]*") .*`)
)

// humanize rewrites participle's "unexpected token" messages to name what
// was expected the way a user thinks of it.
func humanize(msg string) string {
	m := unexpectedToken.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	got := `unexpected "` + m[1] + `"`
	if m[1] == "<EOF>" {
		got = "unexpected end of file"
	}
	want := firstExpected.ReplaceAllString(m[2], "$1")
	if want == "" { // nothing in the grammar took the token: a top-level one
		want = "Decl"
	}
	if w, ok := expectations[want]; ok {
		want = w
	}
	return got + " (expected " + want + ")"
}

// expectations name grammar nodes the way a user thinks of them.
var expectations = map[string]string{
	"Decl":        "ivr, start, number, menu, on or a setting",
	"Name":        "a name",
	"MenuDecl":    "a name",
	"NumberDecl":  "a name",
	"NumberValue": `env VAR or a "+E164" string`,
	"Str":         "a string",
	"SayStmt":     "the text to say, a string",
	"PlayStmt":    "the URL to play, a string",
	"Num":         "a number",
	"Dur":         "a duration such as 10s or 500ms",
	"Digits":      "a number of digits such as 1 or 1..4",
	"YesNo":       "yes or no",
	"Block":       "a { block }",
	"Target":      "a menu, transfer NAME, hangup or a { block }",
	"MenuEnd":     `a key, "prompt", a setting, "on" or "}"`,
	"BlockEnd":    `say, play, goto, transfer, hangup or "}"`,
}
