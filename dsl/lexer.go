package dsl

import "github.com/alecthomas/participle/v2/lexer"

// ivrLexer splits a .ivr file into tokens. A newline is a token: a statement
// ends at the end of its line (or at ;), which is what lets a syntax error be
// pinned to its statement and the rest of the file be parsed on.
//
// Durations come before numbers (10s is one token, and so is 15sec, so that
// the checks can name a unit they do not know), ".." before numbers (1..4 is
// three tokens), and identifiers may hold inner hyphens (digit-timeout)
// without swallowing "->". Unterminated strings and stray characters get
// tokens of their own, so that lexing never fails and the parser can say
// what is wrong with them.
var ivrLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Comment", Pattern: `#[^\n]*`},
	{Name: "String", Pattern: `"(\\.|[^"\\\n])*"`},
	{Name: "Unterminated", Pattern: `"(\\.|[^"\\\n])*`},
	{Name: "Dates", Pattern: `[0-9]{4}-[0-9]{2}-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?`},
	{Name: "Hours", Pattern: `[0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}`},
	{Name: "Duration", Pattern: `[0-9]+(\.[0-9]+)?[A-Za-z_][A-Za-z0-9_]*`},
	{Name: "Range", Pattern: `\.\.`},
	{Name: "Number", Pattern: `[0-9]+(\.[0-9]+)?`},
	{Name: "Arrow", Pattern: `->`},
	{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*`},
	{Name: "Punct", Pattern: `[{}=;(),]`},
	{Name: "NL", Pattern: `\r?\n`},
	{Name: "Whitespace", Pattern: `[ \t\r\f\v]+`},
	{Name: "Stray", Pattern: `.`},
})

// Token types, by name.
var (
	symbol        = ivrLexer.Symbols()
	tokNL         = symbol["NL"]
	tokIdent      = symbol["Ident"]
	tokString     = symbol["String"]
	tokUnterm     = symbol["Unterminated"]
	tokStray      = symbol["Stray"]
	tokComment    = symbol["Comment"]
	tokWhitespace = symbol["Whitespace"]
	tokPunct      = symbol["Punct"]
)

// reserved names would read as something else where a menu is expected:
// "1 -> hangup" ends the call, "1 -> transfer x" dials. Every other keyword
// is free to name a menu or number (menu start, menu menu), because names
// only appear where the grammar expects a name.
var reserved = map[string]bool{"hangup": true, "transfer": true, "repeat": true, "reprompt": true, "back": true, "top": true}
