package dsl

import "github.com/alecthomas/participle/v2/lexer"

// The syntax tree, as participle parses it. It holds what was written, in
// order, with positions; Check turns it into a Flow.

// File is a whole .ivr file. Parse does not hand it to participle whole: it
// parses one top-level statement at a time, so that a broken statement is
// left out and the rest still parse (see recover.go).
type File struct {
	Name string // the file name given to Parse
	// Broken are the statements left out for syntax errors, with what each
	// was probably meant to be: the checks stay quiet about what they could
	// have said (a menu they may declare, a key they may add).
	Broken []*Broken
	Decls  []*Decl `parser:"( @@ | NL | ';' )*"`
}

// Broken is a statement left out for a syntax error.
type Broken struct {
	Pos Pos  // its first token
	In  kind // where it stands: at the top level, in a menu or in a block
	// Word is the keyword it begins with, or the one its first word is a
	// misspelling of; in a menu, "key" for a number, "text" for a string (a
	// quoted key or a prompt without its keyword); "" when it cannot be told.
	Word string
	// Name is the name it declares (menu NAME, number NAME), when it can be
	// told; for a key, the key.
	Name  string
	Owner Pos // the first token of the top-level statement it is in
	Block Pos // the { of the menu or block it is in; zero at the top level
	// Items are, for a menu whose first line is broken, the statements of
	// its body that parse: their values are still checked.
	Items []*MenuItem
}

// Statements end at the end of their line, at ; or before the } that
// closes their block; eos says so to participle.
type eos struct{}

// Decl is one top-level declaration.
type Decl struct {
	Pos     lexer.Position
	Ivr     *Name        `parser:"( 'ivr' @@"`
	Start   *Name        `parser:"| 'start' @@"`
	Number  *NumberDecl  `parser:"| 'number' @@"`
	On      *HandlerDecl `parser:"| @@"`
	Menu    *MenuDecl    `parser:"| 'menu' @@"`
	Ask     *MenuDecl    `parser:"| 'ask' @@"`
	Hook    *HookDecl    `parser:"| 'hook' @@"`
	Global  *BranchDecl  `parser:"| 'global' @@"`
	Turns   *Num         `parser:"| 'turns' @@"`
	Lang    *LangDecl    `parser:"| 'language' @@"`
	Cal     *CalDecl     `parser:"| 'calendar' @@"`
	Hours   *HoursDecl   `parser:"| 'hours' @@"`
	Setting *Setting     `parser:"| @@ )"`
	End     eos          `parser:"(?= NL | ';' | '}')"`
}

// Name is an identifier where a name is expected.
type Name struct {
	Pos  lexer.Position
	Name string `parser:"@Ident"`
}

// Str is a string literal, still quoted.
type Str struct {
	Pos lexer.Position
	Raw string `parser:"@String"`
}

// Num is a number literal.
type Num struct {
	Pos lexer.Position
	Raw string `parser:"@Number"`
}

// Dur is a duration literal such as 10s.
type Dur struct {
	Pos lexer.Position
	Raw string `parser:"@Duration"`
}

// NumberDecl is number NAME = env VAR, or number NAME = "+E164".
type NumberDecl struct {
	Pos   lexer.Position
	Name  *Name        `parser:"@@ '='"`
	Value *NumberValue `parser:"@@"`
}

// NumberValue is env VAR or "+E164".
type NumberValue struct {
	Pos     lexer.Position
	Env     *Name `parser:"  'env' @@"`
	Literal *Str  `parser:"| @@"`
}

// Setting is one capture or voice setting, at file or menu level.
type Setting struct {
	Pos            lexer.Position
	Voice          *Str     `parser:"  'voice' @@"`
	Speed          *Num     `parser:"| 'speed' @@"`
	Digits         *Digits  `parser:"| 'digits' @@"`
	DigitTimeout   *Dur     `parser:"| 'digit-timeout' @@"`
	Timeout        *Dur     `parser:"| 'timeout' @@"`
	Tries          *Num     `parser:"| 'tries' @@"`
	CompleteOnHash *YesNo   `parser:"| 'complete-on-hash' @@"`
	CheckPrompt    *YesNo   `parser:"| 'check-prompt' @@"`
	Success        *TextLit `parser:"| 'success' @@"`
	Failure        *TextLit `parser:"| 'failure' @@"`
}

// Digits is digits N or digits MIN..MAX.
type Digits struct {
	Pos lexer.Position
	Min *Num `parser:"@@"`
	Max *Num `parser:"( '..' @@ )?"`
}

// YesNo is yes or no.
type YesNo struct {
	Pos   lexer.Position
	Value string `parser:"@( 'yes' | 'no' )"`
}

// HandlerDecl is on invalid [N] BLOCK, on silence [N] BLOCK or on turns
// BLOCK. N is the slip in a row it answers (1 for the first); without it,
// every slip that has no handler of its own.
type HandlerDecl struct {
	Pos   lexer.Position
	Event *Name  `parser:"'on' @@"`
	Count *Num   `parser:"@@?"`
	Block *Block `parser:"@@"`
}

// LangDecl is language NAME "VOICE": a language the flow speaks, and the
// voice that speaks it.
type LangDecl struct {
	Pos   lexer.Position
	Name  *Name `parser:"@@"`
	Voice *Str  `parser:"@@"`
}

// CalDecl is calendar NAME { zone "ZONE"; DAYS HOURS ...; closed DATE
// ["MESSAGE"] }: opening hours in an IANA time zone.
type CalDecl struct {
	Pos   lexer.Position
	Name  *Name      `parser:"@@ '{'"`
	Items []*CalItem `parser:"( @@ | NL | ';' )*"`
	End   *CalEnd    `parser:"@@"`
}

// CalItem is zone "ZONE", DAYS HH:MM-HH:MM[, HH:MM-HH:MM] (mon-fri
// 09:00-17:00), or closed DATE[..DATE] ["MESSAGE"] (a holiday, and what a
// caller hears).
type CalItem struct {
	Pos    lexer.Position
	Zone   *Str     `parser:"( 'zone' @@"`
	Closed *Closed  `parser:"| 'closed' @@"`
	Days   *Name    `parser:"| @@"`
	Spans  []*Clock `parser:"  @@ ( ',' @@ )* )"`
	End    eos      `parser:"(?= NL | ';' | '}')"`
}

// Closed is a dated closure: a date or a range of dates, and its message.
type Closed struct {
	Pos     lexer.Position
	Dates   string   `parser:"@Dates"`
	Message *TextLit `parser:"@@?"`
}

// Clock is HH:MM-HH:MM, a time of day when a calendar is open.
type Clock struct {
	Pos  lexer.Position
	Span string `parser:"@Hours"`
}

// HoursDecl is hours NAME CALENDAR { open -> TARGET; closed -> TARGET }: a
// place that goes one way or the other by the calendar.
type HoursDecl struct {
	Pos      lexer.Position
	Name     *Name        `parser:"@@"`
	Calendar *Name        `parser:"@@ '{'"`
	Items    []*HoursItem `parser:"( @@ | NL | ';' )*"`
	End      *HoursEnd    `parser:"@@"`
}

// CalEnd is the "}" closing a calendar.
type CalEnd struct {
	Brace string `parser:"@'}'"`
}

// HoursEnd is the "}" closing an hours branch.
type HoursEnd struct {
	Brace string `parser:"@'}'"`
}

// HoursItem is open -> TARGET or closed -> TARGET.
type HoursItem struct {
	Pos    lexer.Position
	When   string  `parser:"@( 'open' | 'closed' ) '->'"`
	Target *Target `parser:"@@"`
	End    eos     `parser:"(?= NL | ';' | '}')"`
}

// NoGlobal is no global [KEY, ...]: the global keys a menu does without,
// all of them when none is named.
type NoGlobal struct {
	Pos  lexer.Position
	Keys []*Key `parser:"'no' 'global' ( @@ ( ',' @@ )* )?"`
}

// MenuDecl is menu NAME { ... }, or ask NAME { ... }: a question whose
// digits become the variable NAME. Both hold MenuItems; the checks say
// which items belong to which.
type MenuDecl struct {
	Pos   lexer.Position
	Name  *Name       `parser:"@@ '{'"`
	Items []*MenuItem `parser:"( @@ | NL | ';' )*"`
	End   *MenuEnd    `parser:"@@"`
}

// MenuEnd is the "}" closing a menu. It is a node of its own so that a
// syntax error inside a menu can say what a menu holds.
type MenuEnd struct {
	Brace string `parser:"@'}'"`
}

// MenuItem is one statement inside a menu or an ask.
type MenuItem struct {
	Pos      lexer.Position
	Prompt   *TextLit     `parser:"( 'prompt' @@"`
	Reprompt *TextLit     `parser:"| 'reprompt' @@"`
	NoGlobal *NoGlobal    `parser:"| @@"`
	Confirm  *TextLit     `parser:"| 'confirm' @@"`
	Then     *Target      `parser:"| 'then' '->' @@"`
	Secret   bool         `parser:"| @'secret'"`
	Number   *Digits      `parser:"| 'number' @@"`
	Branch   *BranchDecl  `parser:"| @@"`
	On       *HandlerDecl `parser:"| @@"`
	Setting  *Setting     `parser:"| @@ )"`
	End      eos          `parser:"(?= NL | ';' | '}')"`
}

// BranchDecl is KEY -> TARGET (a menu's key), or KEY = VALUE ["SPOKEN"]
// (a choice of an ask).
type BranchDecl struct {
	Pos    lexer.Position
	Key    *Key         `parser:"@@"`
	Target *Target      `parser:"( '->' @@"`
	Choice *ChoiceValue `parser:"| '=' @@ )"`
}

// ChoiceValue is the value a key of an ask gives, and how it is spoken
// when that is not its name.
type ChoiceValue struct {
	Pos    lexer.Position
	Name   *Name `parser:"@@"`
	Spoken *Str  `parser:"@@?"`
}

// HookDecl is hook NAME(INPUT, ...) within DURATION { ... }: business logic
// that answers with one of its outcomes.
type HookDecl struct {
	Pos    lexer.Position
	Name   *Name       `parser:"@@"`
	Inputs *Inputs     `parser:"@@?"`
	Within *Dur        `parser:"( 'within' @@ )? '{'"`
	Items  []*HookItem `parser:"( @@ | NL | ';' )*"`
	End    *HookEnd    `parser:"@@"`
}

// Inputs is (NAME, ...): the variables a hook is called with.
type Inputs struct {
	Pos   lexer.Position
	Names []*Name `parser:"'(' ( @@ ( ',' @@ )* )? ')'"`
}

// HookEnd is the "}" closing a hook.
type HookEnd struct {
	Brace string `parser:"@'}'"`
}

// HookItem is one statement inside a hook: an outcome, or where its HTTP
// call goes.
type HookItem struct {
	Pos     lexer.Position
	URL     *Name        `parser:"( 'url' 'env' @@"`
	Auth    *Name        `parser:"| 'auth' 'env' @@"`
	Outcome *OutcomeDecl `parser:"| @@ )"`
	End     eos          `parser:"(?= NL | ';' | '}')"`
}

// OutcomeDecl is NAME(VALUE KIND, ...) -> TARGET: an outcome of a hook,
// the values it gives and where the caller goes.
type OutcomeDecl struct {
	Pos    lexer.Position
	Name   *Name        `parser:"@@"`
	Values []*ValueDecl `parser:"( '(' @@ ( ',' @@ )* ')' )?"`
	Target *Target      `parser:"'->' @@"`
}

// ValueDecl is NAME KIND: a value an outcome gives. The kind may be left
// out for a variable declared elsewhere (an ask, another outcome).
type ValueDecl struct {
	Pos  lexer.Position
	Name *Name     `parser:"@@"`
	Kind *KindDecl `parser:"@@?"`
}

// KindDecl is number MIN..MAX, digits MIN..MAX or text MIN..MAX (a single
// N is N..N).
type KindDecl struct {
	Pos   lexer.Position
	Type  string  `parser:"@( 'number' | 'digits' | 'text' )"`
	Range *Digits `parser:"@@"`
}

// Key is a bare digit run or a quoted key such as "*".
type Key struct {
	Pos    lexer.Position
	Digits string `parser:"  @Number"`
	Quoted *Str   `parser:"| @@"`
}

// Target is what a key leads to.
type Target struct {
	Pos      lexer.Position
	Block    *Block `parser:"  @@"`
	Transfer *Name  `parser:"| 'transfer' @@"`
	Hangup   bool   `parser:"| @'hangup'"`
	Move     string `parser:"| @( 'repeat' | 'reprompt' | 'back' | 'top' )"`
	Menu     *Name  `parser:"| @@"`
}

// Block is { STMT ... }.
type Block struct {
	Pos   lexer.Position
	Stmts []*Stmt   `parser:"'{' ( @@ | NL | ';' )*"`
	End   *BlockEnd `parser:"@@"`
}

// BlockEnd is the "}" closing a block, a node of its own for the same
// reason as MenuEnd.
type BlockEnd struct {
	Brace string `parser:"@'}'"`
}

// Stmt is one action in a block.
type Stmt struct {
	Pos      lexer.Position
	Say      *SayStmt  `parser:"( 'say' @@"`
	Play     *PlayStmt `parser:"| 'play' @@"`
	Goto     *Name     `parser:"| 'goto' @@"`
	Transfer *Name     `parser:"| 'transfer' @@"`
	Hangup   bool      `parser:"| @'hangup'"`
	Move     string    `parser:"| @( 'repeat' | 'reprompt' | 'back' | 'top' )"`
	Lang     *Name     `parser:"| 'language' @@ )"`
	End      eos       `parser:"(?= NL | ';' | '}')"`
}

// SayStmt is say "TEXT" OPTIONS.
type SayStmt struct {
	Pos  lexer.Position
	Text *TextLit  `parser:"@@"`
	Opts []*Option `parser:"@@*"`
}

// PlayStmt is play "URL" OPTIONS.
type PlayStmt struct {
	Pos  lexer.Position
	URL  *Str      `parser:"@@"`
	Opts []*Option `parser:"@@*"`
}

// Option is an option of say or play.
type Option struct {
	Pos    lexer.Position
	Voice  *Str `parser:"  'voice' @@"`
	Speed  *Num `parser:"| 'speed' @@"`
	Repeat *Num `parser:"| 'repeat' @@"`
}

// TextLit is a text the caller hears: "TEXT", then the same in each other
// language the flow declares, as LANG "TEXT" (es "Hola").
type TextLit struct {
	Pos   lexer.Position
	First *Str           `parser:"@@"`
	Tr    []*Translation `parser:"( (?! 'voice' | 'speed' | 'repeat') @@ )*"`
}

// Translation is LANG "TEXT".
type Translation struct {
	Pos  lexer.Position
	Lang *Name `parser:"@@"`
	Text *Str  `parser:"@@"`
}
