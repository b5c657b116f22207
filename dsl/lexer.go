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

// reserved names would read as something else where a menu is expected:
// "1 -> hangup" ends the call, "1 -> transfer x" dials. Every other keyword
// is free to name a menu or number (menu start, menu menu), because names
// only appear where the grammar expects a name.
var reserved = map[string]bool{"hangup": true, "transfer": true}
