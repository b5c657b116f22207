package dsl

import (
	"io"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// ivrLexer splits a .ivr file into tokens. A newline is a token: a statement
// ends at the end of its line (or at ;), which is what lets a syntax error be
// pinned to its statement and the rest of the file be parsed on.
//
// Its rules, tried in this order at each point of the text, the first that
// matches taking the token (lexer_ref_test.go holds them as the regular
// expressions they were first written as, and checks that this lexer cuts
// every text as they do):
//
//	Comment       #[^\n]*
//	String        "(\\.|[^"\\\n])*"
//	Unterminated  "(\\.|[^"\\\n])*
//	Dates         [0-9]{4}-[0-9]{2}-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?
//	Hours         [0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}
//	Duration      [0-9]+(\.[0-9]+)?[A-Za-z_][A-Za-z0-9_]*
//	Range         \.\.
//	Number        [0-9]+(\.[0-9]+)?
//	Arrow         ->
//	Ident         [A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*
//	Punct         [{}=;(),]
//	NL            \r?\n
//	Whitespace    [ \t\r\f\v]+
//	Stray         .
//
// Durations come before numbers (10s is one token, and so is 15sec, so that
// the checks can name a unit they do not know), ".." before numbers (1..4 is
// three tokens), and identifiers may hold inner hyphens (digit-timeout)
// without swallowing "->". Unterminated strings and stray characters get
// tokens of their own, so that lexing never fails and the parser can say
// what is wrong with them.
//
// It is written by hand, not as participle's regular expressions, because
// lexing was a third of the time ivrgen check took on a large flow.
var ivrLexer lexer.Definition = ivrDefinition{}

// Token types: participle numbers a lexer's symbols from -2 on, in the order
// of its rules (EOF is -1), and these are the numbers its rules above had.
const (
	tokComment lexer.TokenType = -(iota + 2)
	tokString
	tokUnterm
	tokDates
	tokHours
	tokDuration
	tokRange
	tokNumber
	tokArrow
	tokIdent
	tokPunct
	tokNL
	tokWhitespace
	tokStray
)

// ruleNames are the names of the rules, in order, as the grammar and the
// Elide option name them.
var ruleNames = []string{"Comment", "String", "Unterminated", "Dates", "Hours", "Duration", "Range", "Number", "Arrow", "Ident", "Punct", "NL", "Whitespace", "Stray"}

// symbol is the token type of each rule, by name.
var symbol = func() map[string]lexer.TokenType {
	m := map[string]lexer.TokenType{"EOF": lexer.EOF}
	for i, name := range ruleNames {
		m[name] = tokComment - lexer.TokenType(i)
	}
	return m
}()

// ivrDefinition is the lexer as participle sees it.
type ivrDefinition struct{}

func (ivrDefinition) Symbols() map[string]lexer.TokenType { return symbol }

func (d ivrDefinition) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (ivrDefinition) LexString(filename string, s string) (lexer.Lexer, error) {
	return &ivrScanner{data: s, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

func (d ivrDefinition) LexBytes(filename string, b []byte) (lexer.Lexer, error) {
	return d.LexString(filename, string(b))
}

// ivrScanner hands out the tokens of data one at a time, whitespace and
// comments among them; past the end it hands out EOF.
type ivrScanner struct {
	data string
	off  int
	pos  lexer.Position
}

func (l *ivrScanner) Next() (lexer.Token, error) {
	if l.off >= len(l.data) {
		return lexer.EOFToken(l.pos), nil
	}
	typ, n := nextToken(l.data[l.off:])
	t := lexer.Token{Type: typ, Value: l.data[l.off : l.off+n], Pos: l.pos}
	l.off += n
	advance(&l.pos, typ, t.Value)
	return t, nil
}

// advance moves pos past the token value of type typ: a newline starts a
// line, and columns count characters, not bytes.
func advance(pos *lexer.Position, typ lexer.TokenType, value string) {
	pos.Offset += len(value)
	if typ == tokNL {
		pos.Line++
		pos.Column = 1
		return
	}
	pos.Column += runeCount(value)
}

// runeCount is utf8.RuneCountInString, quicker for the ASCII most tokens
// are.
func runeCount(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i + utf8.RuneCountInString(s[i:])
		}
	}
	return len(s)
}

// nextToken returns the type and length of the token that s (not empty)
// starts with: that of the first rule to match.
func nextToken(s string) (lexer.TokenType, int) {
	switch c := s[0]; {
	case c == '#':
		for i := 1; i < len(s); i++ {
			if s[i] == '\n' {
				return tokComment, i
			}
		}
		return tokComment, len(s)
	case c == '"':
		return quoted(s)
	case isDigit(c):
		if n := dates(s); n > 0 {
			return tokDates, n
		}
		if n := hours(s); n > 0 {
			return tokHours, n
		}
		n := digitEnd(s, 0)
		if n+1 < len(s) && s[n] == '.' && isDigit(s[n+1]) {
			n = digitEnd(s, n+1)
		}
		if n < len(s) && isLetter(s[n]) {
			return tokDuration, wordEnd(s, n+1)
		}
		return tokNumber, n
	case c == '.':
		if len(s) > 1 && s[1] == '.' {
			return tokRange, 2
		}
	case c == '-':
		if len(s) > 1 && s[1] == '>' {
			return tokArrow, 2
		}
	case isLetter(c):
		n := wordEnd(s, 1)
		for n+1 < len(s) && s[n] == '-' && isWord(s[n+1]) {
			n = wordEnd(s, n+2)
		}
		return tokIdent, n
	case c == '{' || c == '}' || c == '=' || c == ';' || c == '(' || c == ')' || c == ',':
		return tokPunct, 1
	case c == '\n':
		return tokNL, 1
	case c == '\r' && len(s) > 1 && s[1] == '\n':
		return tokNL, 2
	case isBlank(c):
		n := 1
		for n < len(s) && isBlank(s[n]) {
			n++
		}
		return tokWhitespace, n
	}
	if s[0] < utf8.RuneSelf {
		return tokStray, 1
	}
	_, n := utf8.DecodeRuneInString(s) // an invalid byte is a character of its own
	return tokStray, n
}

// quoted lexes the string that s starts with: up to its closing quote, or,
// unterminated, up to the end of its line. A backslash takes the character
// after it, unless that ends the line. Bytes are stepped over one at a
// time: none of a multi-byte character's is a quote, a backslash or a
// newline.
func quoted(s string) (lexer.TokenType, int) {
	i := 1
	for i < len(s) {
		switch s[i] {
		case '"':
			return tokString, i + 1
		case '\n':
			return tokUnterm, i
		case '\\':
			if i+1 >= len(s) || s[i+1] == '\n' {
				return tokUnterm, i
			}
			i += 2
		default:
			i++
		}
	}
	return tokUnterm, i
}

// dates returns the length of the date (2026-12-25) or range of dates
// (2026-12-24..2026-12-26) that s starts with, or 0.
func dates(s string) int {
	if !isDate(s) {
		return 0
	}
	if len(s) >= 22 && s[10] == '.' && s[11] == '.' && isDate(s[12:]) {
		return 22
	}
	return 10
}

func isDate(s string) bool {
	return len(s) >= 10 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) && s[4] == '-' &&
		isDigit(s[5]) && isDigit(s[6]) && s[7] == '-' && isDigit(s[8]) && isDigit(s[9])
}

// hours returns the length of the span of hours (9:00-17:00) that s starts
// with, or 0.
func hours(s string) int {
	n := clock(s, 0)
	if n == 0 || n >= len(s) || s[n] != '-' {
		return 0
	}
	return clock(s, n+1)
}

// clock returns the end of the time of day (9:00, 17:00) at s[i:], or 0.
func clock(s string, i int) int {
	switch {
	case i+1 < len(s) && isDigit(s[i]) && s[i+1] == ':':
		i += 2
	case i+2 < len(s) && isDigit(s[i]) && isDigit(s[i+1]) && s[i+2] == ':':
		i += 3
	default:
		return 0
	}
	if i+1 < len(s) && isDigit(s[i]) && isDigit(s[i+1]) {
		return i + 2
	}
	return 0
}

// digitEnd returns the end of the run of digits at s[i:].
func digitEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// wordEnd returns the end of the run of letters, digits and _ at s[i:].
func wordEnd(s string, i int) int {
	for i < len(s) && isWord(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
func isWord(c byte) bool   { return isLetter(c) || isDigit(c) }
func isBlank(c byte) bool  { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }

// reserved names would read as something else where a menu is expected:
// "1 -> hangup" ends the call, "1 -> transfer x" dials. Every other keyword
// is free to name a menu or number (menu start, menu menu), because names
// only appear where the grammar expects a name.
var reserved = map[string]bool{"hangup": true, "transfer": true, "repeat": true, "reprompt": true, "back": true, "top": true}
