package dsl

import (
	"slices"
	"strings"
	"time"
)

// Flow is a checked .ivr file: every name resolved, every default applied,
// every 8x8 limit met. Codegen works from a Flow only, never from a File.
type Flow struct {
	Name  string // ivr NAME
	File  string // the file name given to Parse
	Start Place  // start NAME: a menu, an ask or an hours branch
	// Menus are the places that capture digits, in source order: menus,
	// asks, and after each ask with a confirm its read-back.
	Menus   []*Menu
	Hooks   []*Hook   // in source order
	Vars    []*Var    // in the order they are declared
	Numbers []*Number // in source order
	// Langs are the languages the flow speaks, the first the one a call
	// starts in; none when the file declares none (it speaks in its voices).
	Langs     []*Lang
	Calendars []*Calendar // in source order
	Hours     []*Hours    // in source order
	// MaxTurns is the most answers a call gets (turns N, default
	// DefaultMaxTurns); the next CALL_ACTION takes OnTurns, which ends the
	// call.
	MaxTurns int
	OnTurns  *Outcome
}

// DefaultMaxTurns is the turn cap of a file that sets none.
const DefaultMaxTurns = 50

// Lang is a language the flow speaks: language NAME "VOICE".
type Lang struct {
	Name  string
	Voice string // the voice profile that speaks it
	Pos   Pos
}

// Calendar is opening hours in an IANA time zone.
type Calendar struct {
	Name     string
	GoName   string
	Pos      Pos
	Zone     string
	Week     [7][]Span // by time.Weekday: Sunday first
	Closures []*Closure
}

// Span is a time of day a calendar is open, in minutes after midnight:
// From < To <= 1440.
type Span struct{ From, To int }

// Closure is a dated closure, From to To inclusive (dates as YYYY-MM-DD),
// and what the caller hears before the closed branch; Message is empty
// when it says nothing.
type Closure struct {
	From, To string
	Message  Text
	Voice    Voice // the file's, which speaks Message
	Pos      Pos
}

// Hours is a place that goes to Open or Closed by its calendar, read at
// the time of the call. A dated closure's message is said first.
type Hours struct {
	Name     string
	GoName   string // exported Go name, unique among places
	Pos      Pos
	Calendar *Calendar
	Open     *Outcome
	Closed   *Outcome
}

// PlaceName is the branch's name in the .ivr file.
func (h *Hours) PlaceName() string { return h.Name }

// Outcomes returns every outcome of the flow's menus and hooks, shared
// ones as often as they are used.
func (f *Flow) Outcomes() []*Outcome {
	var out []*Outcome
	for _, m := range f.Menus {
		out = append(out, m.Outcomes()...)
	}
	for _, h := range f.Hooks {
		out = append(out, h.Branches()...)
	}
	for _, h := range f.Hours {
		out = append(out, h.Open, h.Closed)
	}
	if f.OnTurns != nil {
		out = append(out, f.OnTurns)
	}
	return out
}

// Transfers reports whether any branch transfers the caller, so that the
// server needs a caller id (IVR_VIRTUAL_NUMBER) for makeCall.
func (f *Flow) Transfers() bool {
	for _, o := range f.Outcomes() {
		if _, ok := o.End.(*Transfer); ok {
			return true
		}
	}
	return false
}

// Number is a declared phone number: number NAME = env VAR, or = "+E164".
// Exactly one of Env and Literal is set.
type Number struct {
	Name    string
	GoName  string // exported Go name, unique among numbers: BookTable for book_table
	Pos     Pos
	Env     string // the environment variable it is read from
	Literal string // the E.164 number written in the file
}

// Voice is how text is spoken: a voice profile and a speed (0.5 to 2).
type Voice struct {
	Profile string
	Speed   float64
}

// Capture is a menu's sayAndCapture settings, defaults applied.
type Capture struct {
	MinDigits, MaxDigits  int           // 1 <= MinDigits <= MaxDigits <= 25
	DigitTimeout, Timeout time.Duration // whole milliseconds, DigitTimeout < Timeout
	Tries                 int           // noOfTries, >= 1
	CompleteOnHash        bool
	Success, Failure      Text // successMessage, failureMessage; empty when unset
}

// Menu is a prompt that captures digits and the branches taken on them: a
// menu, an ask (whose digits become a variable), or an ask's read-back.
type Menu struct {
	Name   string // its place in the clientActionId: the name, or ASK/confirm for a read-back
	GoName string // exported Go name, unique among menus: BookTable for book_table
	Pos    Pos
	Prompt Text
	// Reprompt is the short prompt reprompt plays (reprompt "..."); empty
	// when the menu has none, and reprompt plays Prompt.
	Reprompt Text
	Voice    Voice
	Capture  Capture
	// Keys are in source order, unique and receivable. For an ask of a
	// choice, each key gives a Choice, and all lead to Ask.Next.
	Keys []*Branch
	// Ask is set for an ask: the variable its digits become and what
	// follows a good value.
	Ask *Ask
	// Confirms is set for a read-back: the ask whose value it reads back.
	// Key 1 accepts the value (the ask's Then), key 2 asks again.
	Confirms *Menu
	// Needs are the variables set on every way into the menu, in Flow.Vars
	// order: what its clientActionId carries.
	Needs []*Var
	// Invalid answers a key the menu does not list: the menu's own
	// "on invalid", else the file's. Silence answers no input: the menu's
	// "on silence", else the file's, else the menu's "on invalid", else the
	// file's. Handlers written once in the file are the same *Outcome in
	// every menu that uses them. An ask's read-back says itself again on
	// another key.
	Invalid *Outcome
	Silence *Outcome
	// InvalidN and SilenceN answer the first, second... slip in a row where
	// on invalid N / on silence N are written (the menu's, else the
	// file's); a slip past them takes Invalid or Silence.
	InvalidN, SilenceN []*Outcome
}

// Outcomes returns every outcome the menu can lead to: its keys' in source
// order, what follows an ask's value, then its handlers.
func (m *Menu) Outcomes() []*Outcome {
	out := make([]*Outcome, 0, len(m.Keys)+3+len(m.InvalidN)+len(m.SilenceN))
	for _, b := range m.Keys {
		out = append(out, b.Then)
	}
	if m.Ask != nil && m.Ask.Var.Kind.Type != ChoiceKind {
		out = append(out, m.Ask.Next)
	}
	out = append(out, m.InvalidN...)
	out = append(out, m.SilenceN...)
	return append(out, m.Invalid, m.Silence)
}

// PlaceName is the menu's name in the .ivr file.
func (m *Menu) PlaceName() string { return m.Name }

// SilenceApart reports whether the menu answers no input otherwise than an
// invalid key: its own handlers of silence, or other counted ones.
func (m *Menu) SilenceApart() bool {
	return m.Silence != m.Invalid || !slices.Equal(m.SilenceN, m.InvalidN)
}

// What says what the menu is, for messages: "menu main", "ask party", or
// "the read-back of ask party".
func (m *Menu) What() string {
	switch {
	case m.Confirms != nil:
		return "the read-back of ask " + m.Confirms.Name
	case m.Ask != nil:
		return "ask " + m.Name
	}
	return "menu " + m.Name
}

// Branch is a key of a menu and what it leads to.
type Branch struct {
	Key    string // digits, * and #, as the caller presses them
	Pos    Pos
	Then   *Outcome
	Choice *Choice // for an ask of a choice: the value the key gives
	Global bool    // written once for every menu: global KEY -> TARGET
}

// Ask is what makes a menu an ask.
type Ask struct {
	Var *Var
	// Next follows a good value: the read-back when there is one, else
	// Then.
	Next *Outcome
	Then *Outcome // then -> TARGET: where the caller goes with the value
	// Confirm is the read-back ("You entered 4 2 1 5. Press 1 if that is
	// right, 2 to enter it again"), nil when the ask has none.
	Confirm *Menu
}

// Hook is business logic the flow calls while it answers: a Go method
// under go generate, an HTTP POST in a built server. It answers with one of
// its outcomes, or fails (an error, a panic, its deadline), which takes
// Error.
type Hook struct {
	Name    string
	GoName  string // exported Go name, unique among hooks: its method in Hooks
	Pos     Pos
	Inputs  []*Var        // in the order written
	Within  time.Duration // its deadline
	URLEnv  string        // the environment variable holding its URL in a built server
	AuthEnv string        // the variable holding its Authorization header; "" for none
	// Outcomes are in source order; error is not among them.
	Outcomes []*HookOutcome
	Error    *Outcome
	Needs    []*Var // set on every way into the hook, in Flow.Vars order
}

// Branches returns every outcome the hook can lead to, Error last.
func (h *Hook) Branches() []*Outcome {
	out := make([]*Outcome, 0, len(h.Outcomes)+1)
	for _, o := range h.Outcomes {
		out = append(out, o.Then)
	}
	return append(out, h.Error)
}

// PlaceName is the hook's name in the .ivr file.
func (h *Hook) PlaceName() string { return h.Name }

// HookOutcome is one outcome a hook can answer, the values it gives and
// where the caller goes.
type HookOutcome struct {
	Name   string
	GoName string // exported Go name, unique among the hook's outcomes
	Pos    Pos
	Values []*Var // in the order written
	Then   *Outcome
}

// Place is where a goto leads: a *Menu, a *Hook or an *Hours.
type Place interface {
	PlaceName() string
	place()
}

func (*Menu) place()  {}
func (*Hook) place()  {}
func (*Hours) place() {}

// Var is a variable: the value an ask collects, or a value a hook's
// outcome gives. Its Kind says what values it takes.
type Var struct {
	Name   string
	GoName string // exported Go name, unique among variables
	Pos    Pos    // where it is first declared
	From   string // what declares it there: "ask party", "hook book, outcome booked"
	Kind   Kind
	// Secret variables (an ask written secret, such as a PIN) are never
	// logged in clear and never spoken.
	Secret bool
}

// KindType is what a variable holds.
type KindType int

const (
	NumberKind KindType = iota // a whole number from Min to Max
	DigitsKind                 // a string of Min to Max digits, such as an account number
	ChoiceKind                 // one of Choices, each given by a key of its ask
	TextKind                   // a text of Min to Max characters, from a hook
)

// Kind is a variable's type: a KindType and its bounds.
type Kind struct {
	Type     KindType
	Min, Max int       // the range of a Number; the length of Digits and TextKind
	Choices  []*Choice // for Choice, in source order
}

// Choice is one value of a choice variable.
type Choice struct {
	Name   string // as written: today
	GoName string
	Spoken string // what a say speaks for it: the quoted text after it, else its name
	Key    string // the key that gives it
	Pos    Pos
}

// Text is a text 8x8 speaks: literal parts and the values of variables,
// in the flow's first language, and Tr in each of the others.
type Text struct {
	Parts []TextPart
	Tr    [][]TextPart // in Flow.Langs order from the second
}

// In returns the text in language lang, an index into Flow.Langs.
func (t Text) In(lang int) Text {
	if lang == 0 || len(t.Tr) == 0 {
		return Text{Parts: t.Parts}
	}
	return Text{Parts: t.Tr[lang-1]}
}

// all is the parts of the text in every language.
func (t Text) all() [][]TextPart { return append([][]TextPart{t.Parts}, t.Tr...) }

// TextPart is literal text (Var nil), or the value of Var spoken as Form
// says.
type TextPart struct {
	Lit  string
	Var  *Var
	Form Form
	Pos  Pos // where {NAME} is written
}

// Form is how a variable is spoken.
type Form int

const (
	Plain    Form = iota // a number as a number, digits one by one, a choice or a text as written
	AsDigits             // {x as digits}: one digit after another ("4 2 1 5")
	AsNumber             // {x as number}: a digit string as a number, leading zeros dropped
)

// Static returns the text, in its first language, when it speaks no
// variable in any.
func (t Text) Static() (string, bool) {
	for _, parts := range t.Tr {
		for _, p := range parts {
			if p.Var != nil {
				return "", false
			}
		}
	}
	var b strings.Builder
	for _, p := range t.Parts {
		if p.Var != nil {
			return "", false
		}
		b.WriteString(p.Lit)
	}
	return b.String(), true
}

// IsZero reports whether the text is empty (a success or failure message
// not written).
func (t Text) IsZero() bool { return len(t.Parts) == 0 }

// Vars returns the variables the text speaks, in order, in every
// language.
func (t Text) Vars() []*Var {
	var out []*Var
	for _, parts := range t.all() {
		for _, p := range parts {
			if p.Var != nil {
				out = append(out, p.Var)
			}
		}
	}
	return out
}

// Outcome is what the caller meets after an input: steps, then an end that
// never leaves the caller in silence.
type Outcome struct {
	Pos   Pos // the block, or the target after ->
	Steps []Step
	End   End
	// Handler is "invalid", "silence" or "turns" for an "on" handler, ""
	// for a key; Slip is N for on invalid N, 0 for the handler of any slip.
	Handler string
	Slip    int
	// Menu is the menu whose "on" handler this is; nil for a key's outcome
	// and for a handler written at file level.
	Menu *Menu
	// Sets are the variables taking this outcome sets: an ask's value on
	// its way to Then, a hook outcome's values.
	Sets []*Var
}

// Step is an action that speaks to the caller and goes on: *Say or *Play.
type Step interface{ step() }

// Say speaks text (1 to 3000 characters, however long its variables).
type Say struct {
	Pos    Pos
	Text   Text
	Voice  Voice
	Repeat int // 1 to 3; 0 when not written
}

// Play plays an audio file from an http(s) URL.
type Play struct {
	Pos    Pos
	URL    string
	Repeat int // 1 to 3; 0 when not written
}

// SetLang makes the caller's language Lang from here on: language NAME.
type SetLang struct {
	Pos  Pos
	Lang int // an index into Flow.Langs
}

func (*Say) step()     {}
func (*Play) step()    {}
func (*SetLang) step() {}

// End is how an outcome ends: *Goto, *Transfer, *Hangup or a *Move.
type End interface{ end() }

// Goto puts the caller in a menu, an ask, or a hook.
type Goto struct {
	Pos Pos
	To  Place
}

// Transfer bridges the caller to a number (makeCall).
type Transfer struct {
	Pos    Pos
	Number *Number
}

// Hangup ends the call.
type Hangup struct{ Pos Pos }

// Move is where a caller goes relative to the menu they are in.
type Move struct {
	Pos  Pos
	Kind MoveKind
}

// MoveKind is the kind of a Move.
type MoveKind int

const (
	Repeat   MoveKind = iota // the menu again, its prompt in full
	Reprompt                 // the menu again with its short prompt (reprompt "...")
	Back                     // the menu the caller came from
	Top                      // the start
)

// String is the move as written.
func (k MoveKind) String() string { return [...]string{"repeat", "reprompt", "back", "top"}[k] }

func (*Goto) end()     {}
func (*Transfer) end() {}
func (*Hangup) end()   {}
func (*Move) end()     {}
