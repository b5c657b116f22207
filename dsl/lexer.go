package dsl

import "github.com/alecthomas/participle/v2/lexer"

// ivrLexer splits a .ivr file into tokens. Durations come before numbers
// (10s is one token), ".." before numbers (1..4 is three), and identifiers
// may hold inner hyphens (digit-timeout) without swallowing "->".
// Unterminated strings and stray characters get tokens of their own, so that
// lexing never fails and the checks can say what is wrong with them.
var ivrLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Comment", Pattern: `#[^\n]*`},
	{Name: "String", Pattern: `"(\\.|[^"\\\n])*"`},
	{Name: "Unterminated", Pattern: `"(\\.|[^"\\\n])*`},
	{Name: "Duration", Pattern: `[0-9]+(\.[0-9]+)?(ms|us|ns|h|m|s)`},
	{Name: "Range", Pattern: `\.\.`},
	{Name: "Number", Pattern: `[0-9]+(\.[0-9]+)?`},
	{Name: "Arrow", Pattern: `->`},
	{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*`},
	{Name: "Punct", Pattern: `[{}=;]`},
	{Name: "Whitespace", Pattern: `[ \t\r\n]+`},
	{Name: "Stray", Pattern: `.`},
})

// keywords cannot name a flow, menu or number.
var keywords = map[string]bool{
	"ivr": true, "start": true, "number": true, "env": true, "on": true, "menu": true,
	"prompt": true, "voice": true, "speed": true, "digits": true, "digit-timeout": true,
	"timeout": true, "tries": true, "complete-on-hash": true, "success": true,
	"failure": true, "yes": true, "no": true, "say": true, "play": true, "repeat": true,
	"goto": true, "transfer": true, "hangup": true,
}
