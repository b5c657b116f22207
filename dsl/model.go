package dsl

import "time"

// Flow is a checked .ivr file: every name resolved, every default applied,
// every 8x8 limit met. Codegen works from a Flow only, never from a File.
type Flow struct {
	Name    string    // ivr NAME
	File    string    // the file name given to Parse
	Start   *Menu     // start NAME
	Menus   []*Menu   // in source order
	Numbers []*Number // in source order
}

// Transfers reports whether any branch transfers the caller, so that the
// server needs a caller id (IVR_VIRTUAL_NUMBER) for makeCall.
func (f *Flow) Transfers() bool {
	for _, m := range f.Menus {
		for _, o := range m.Outcomes() {
			if _, ok := o.End.(*Transfer); ok {
				return true
			}
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
	Success, Failure      string // successMessage, failureMessage; "" when unset
}

// Menu is a prompt that captures digits and the branches taken on them.
type Menu struct {
	Name    string // its clientActionId on the wire
	GoName  string // exported Go name, unique among menus: BookTable for book_table
	Pos     Pos
	Prompt  string
	Voice   Voice
	Capture Capture
	Keys    []*Branch // in source order, keys unique and receivable
	// Invalid answers a key the menu does not list: the menu's own
	// "on invalid", else the file's. Silence answers no input: the menu's
	// "on silence", else its "on invalid", else the file's "on silence", else
	// the file's "on invalid". Handlers written once in the file are the same
	// *Outcome in every menu that uses them.
	Invalid *Outcome
	Silence *Outcome
}

// Outcomes returns every outcome the menu can lead to: its keys' in source
// order, then Invalid and Silence.
func (m *Menu) Outcomes() []*Outcome {
	out := make([]*Outcome, 0, len(m.Keys)+2)
	for _, b := range m.Keys {
		out = append(out, b.Then)
	}
	return append(out, m.Invalid, m.Silence)
}

// Branch is a key of a menu and what it leads to.
type Branch struct {
	Key  string // digits, * and #, as the caller presses them
	Pos  Pos
	Then *Outcome
}

// Outcome is what the caller meets after an input: steps, then an end that
// never leaves the caller in silence.
type Outcome struct {
	Pos   Pos // the block, or the target after ->
	Steps []Step
	End   End
	// Handler is "invalid" or "silence" for an "on" handler, "" for a key.
	Handler string
	// Menu is the menu whose "on" handler this is; nil for a key's outcome
	// and for a handler written at file level.
	Menu *Menu
}

// Step is an action that speaks to the caller and goes on: *Say or *Play.
type Step interface{ step() }

// Say speaks text (1 to 3000 characters).
type Say struct {
	Pos    Pos
	Text   string
	Voice  Voice
	Repeat int // 1 to 3; 0 when not written
}

// Play plays an audio file from an http(s) URL.
type Play struct {
	Pos    Pos
	URL    string
	Repeat int // 1 to 3; 0 when not written
}

func (*Say) step()  {}
func (*Play) step() {}

// End is how an outcome ends: *Goto, *Transfer or *Hangup.
type End interface{ end() }

// Goto puts the caller in a menu.
type Goto struct {
	Pos  Pos
	Menu *Menu
}

// Transfer bridges the caller to a number (makeCall).
type Transfer struct {
	Pos    Pos
	Number *Number
}

// Hangup ends the call.
type Hangup struct{ Pos Pos }

func (*Goto) end()     {}
func (*Transfer) end() {}
func (*Hangup) end()   {}
