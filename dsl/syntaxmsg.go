package dsl

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/alecthomas/participle/v2"
)

// syntaxError says what is wrong with statement s, whose parse stopped at
// the token bad (at index i of the file's tokens).
func (r *recovery) syntaxError(s *stmt, k kind, err error, bad token, i int) Diagnostic {
	msg := err.Error()
	var perr participle.Error
	if errors.As(err, &perr) {
		msg = perr.Message()
	}
	at := func(t token, format string, args ...any) Diagnostic {
		return Diagnostic{Pos: posOf(t.Pos), Msg: fmt.Sprintf(format, args...)}
	}
	first := r.toks[s.first]
	if i == s.first {
		next := token{}
		if i+1 < len(r.toks) {
			next = r.toks[i+1]
		}
		return at(bad, "%s", startError(bad, next, k))
	}
	prev := r.toks[i-1]
	if k == hookKind && (prev.Value == "url" || prev.Value == "auth") && i-1 == s.first {
		return at(prev, "%s is written %s env VAR: an outcome cannot be named %s", prev.Value, prev.Value, prev.Value)
	}
	if bad.Type == tokString && prev.Value == "transfer" {
		return at(bad, "transfer dials a declared number: add number NAME = %s at the top of the file, then write transfer NAME", bad.Value)
	}
	ended := !strings.Contains(msg, "(expected") // the statement went on past its end
	// a second statement on the line without its ;: the action word the
	// parse stopped at, or, when the first was still going, the word before
	if next := bad; ended && blockActions[next.Value] && next.Type == tokIdent {
		return at(next, "two statements on one line need a ; between them: write ; before %s", next.Value)
	}
	if !ended && i-1 > s.first && blockActions[prev.Value] && prev.Type == tokIdent && !set("->", "{", ";")[r.toks[i-2].Value] {
		return at(prev, "two statements on one line need a ; between them: write ; before %s", prev.Value)
	}
	// a misspelt keyword: the word the parse stopped at, or, when the
	// statement went on past its end, the word before it
	typos := []token{bad}
	if ended {
		typos = append(typos, prev)
	}
	if t, kw, ok := closestTypo(typos); ok {
		return at(t, "unknown %s %s (did you mean %s?)", wordClass(kw), t.Value, kw)
	}
	if ended {
		if i >= 2 && r.toks[i-2].Value == "->" && bad.Type == tokIdent {
			if fix, ok := phrasing(prev.Value, bad.Value, "-> "); ok {
				return at(prev, "%s", fix)
			}
		}
		if set("say", "play", "goto")[prev.Value] && i >= 2 && r.toks[i-2].Value == "->" {
			if prev.Value == "goto" && bad.Type == tokIdent {
				if r.declaresNumber(bad.Value) {
					return at(prev, "%s is a number, not a menu: write -> transfer %s", bad.Value, bad.Value)
				}
				return at(prev, "a key leads to a menu without goto: write -> %s", bad.Value)
			}
			return at(prev, "actions after -> go in a block: write -> { %s ...; hangup }", prev.Value)
		}
		want := `";" or a new line`
		if first.Value == "say" || first.Value == "play" {
			want = `voice, speed, repeat, ";" or a new line`
		}
		return at(bad, "unexpected %s (expected %s)", describeToken(bad), want)
	}
	want := expected(msg)
	if want == "" {
		want = startExpected[k]
	}
	return at(bad, "unexpected %s (expected %s)", describeToken(bad), want)
}

// blockActions are the words that begin a statement of a block.
var blockActions = set("say", "play", "goto", "transfer", "hangup", "repeat", "reprompt", "back", "top")

// declaresNumber reports whether the file declares number name.
func (r *recovery) declaresNumber(name string) bool {
	for i := 0; i+2 < len(r.toks); i++ {
		if r.toks[i].Value == "number" && r.toks[i+1].Value == name && r.toks[i+2].is("=") {
			return true
		}
	}
	return false
}

// phrasing says how to write what was said in other words: call NAME, hang
// up, go to NAME. before is what the fix is written after ("-> " for a
// key's target).
func phrasing(word, next, before string) (string, bool) {
	switch {
	case set("call", "dial", "ring", "connect", "forward")[word]:
		return fmt.Sprintf("unknown action %s: to dial a number write %stransfer %s", word, before, next), true
	case word == "hang" && next == "up":
		return fmt.Sprintf(`"hang up" is one word: write %shangup`, before), true
	case word == "go" && next == "to" && before != "":
		return "a key leads to a menu without go to: write -> NAME", true
	case word == "go" && next == "to":
		return "write goto NAME, one word", true
	}
	return "", false
}

// closestTypo returns the word among ts that is closest to a keyword it
// is probably a misspelling of.
func closestTypo(ts []token) (token, string, bool) {
	var best token
	bestKw, bestDist := "", 0
	for _, t := range ts {
		if t.Type != tokIdent || allWords[t.Value] {
			continue
		}
		if kw, ok := misspelt(t.Value, allWords); ok {
			if d := distance(t.Value, kw); bestKw == "" || d < bestDist {
				best, bestKw, bestDist = t, kw, d
			}
		}
	}
	return best, bestKw, bestKw != ""
}

// startError says what is wrong with a statement that goes wrong at its
// first word.
func startError(t, next token, k kind) string {
	w := t.Value
	isWord := t.Type == tokIdent
	switch {
	case isWord && k != blockKind && actionWords[w]:
		example := `1 -> { say "..."; hangup }`
		if k == topKind {
			example = `on invalid { say "..."; hangup }`
		}
		return fmt.Sprintf("%s is an action: it goes in a block, such as %s", w, example)
	case isWord && k == topKind && w == "prompt":
		return `prompt belongs in a menu: menu NAME { prompt "..." }`
	case k == topKind && isKey(t):
		return fmt.Sprintf("a key belongs in a menu: menu NAME { %s -> ... }", w)
	case isWord && k != topKind && w == "turns" && next.Type == tokNumber:
		return "turns N is written at the top level, outside every menu: it caps the answers of the whole call"
	case isWord && k != blockKind && handlerEvents[w]:
		return fmt.Sprintf("%s is an event: write on %s { ... }", w, w)
	case isWord && k == topKind && !allWords[w] && next.is("="):
		return fmt.Sprintf("a number is declared as number %s = env VAR or number %s = \"+E164\"", w, w)
	case isWord && k == menuKind && topOnly[w]:
		return fmt.Sprintf("%s is written at the top level, outside every menu", w)
	case isWord && !allWords[w]:
		if kw, ok := misspelt(w, startWords[k]); ok {
			class := wordClass(kw)
			if k == menuKind && !settingWords[kw] { // reprompt is an action in a block, a statement in a menu
				class = "word"
			}
			return fmt.Sprintf("unknown %s %s (did you mean %s?)", class, w, kw)
		}
		if fix, ok := phrasing(w, next.Value, ""); ok && k == blockKind && next.Type == tokIdent {
			return fix
		}
	}
	return fmt.Sprintf("unexpected %s (expected %s)", describeToken(t), startExpected[k])
}

var startExpected = map[kind]string{
	topKind:   "ivr, start, number, menu, ask, hook, on, global, language, calendar, hours, turns or a setting",
	menuKind:  `a key, prompt, a setting, on or "}"`,
	hookKind:  `an outcome NAME -> ..., url env VAR, auth env VAR or "}"`,
	blockKind: `say, play, goto, transfer, hangup or "}"`,
	calKind:   `zone "Area/City", days and hours such as mon-fri 09:00-17:00, closed DATE or "}"`,
	hoursKind: `open -> ..., closed -> ... or "}"`,
}

// describeToken quotes a token for a message; a newline is the end of the
// line.
func describeToken(t token) string {
	switch {
	case t.isNL():
		return "end of line"
	case t.EOF():
		return "end of file"
	case t.Type == tokString:
		return t.Value
	}
	return fmt.Sprintf("%q", t.Value)
}

var (
	expectedPart = regexp.MustCompile(`\(expected (.*)\)$`)
	// firstExpected keeps the first of a sequence: "->" of "->" Target.
	firstExpected = regexp.MustCompile(`^("[^"]*"|<\w+>|\w+)\s.*$`)
	// firstAlternative keeps the first of alternatives: "->" of
	// (("->" Target) | ("=" ChoiceValue)), which is what a menu's key wants.
	firstAlternative = regexp.MustCompile(`^\(\(("[^"]*")\s.*$`)
)

// expected names what participle expected the way a user thinks of it.
func expected(msg string) string {
	m := expectedPart.FindStringSubmatch(msg)
	if m == nil {
		return "something else"
	}
	want := firstAlternative.ReplaceAllString(m[1], "$1")
	want = firstExpected.ReplaceAllString(want, "$1")
	if w, ok := expectations[want]; ok {
		return w
	}
	return want
}

// expectations name grammar nodes the way a user thinks of them.
var expectations = map[string]string{
	"Name":        "a name",
	"MenuDecl":    "a name",
	"NumberDecl":  "a name",
	"NumberValue": `env VAR or a "+E164" string`,
	"Str":         "a string",
	"TextLit":     "a string",
	"Translation": `a language and its text, such as es "Hola"`,
	"LangDecl":    `a name and its voice: language es "es-ES-ElviraNeural"`,
	"CalDecl":     `a name: calendar office { zone "Europe/London" ... }`,
	"HoursDecl":   "a name and a calendar: hours NAME CALENDAR { open -> ...; closed -> ... }",
	"Closed":      "a date such as 2026-12-25, or a range 2026-12-24..2026-12-26",
	"Clock":       "hours such as 09:00-17:00",
	"CalEnd":      `zone "Area/City", days and hours such as mon-fri 09:00-17:00, closed DATE or "}"`,
	"HoursEnd":    `open -> ..., closed -> ... or "}"`,
	"<string>":    "a string",
	"SayStmt":     "the text to say, a string",
	"PlayStmt":    "the URL to play, a string",
	"Num":         "a number",
	"Dur":         "a duration such as 10s or 500ms",
	"Digits":      "a number of digits such as 1 or 1..4",
	"YesNo":       "yes or no",
	"Block":       "a { block }",
	"Target":      "a menu, transfer NAME, hangup, repeat, reprompt, back, top or a { block }",
	"MenuEnd":     `a key, prompt, a setting, on or "}"`,
	"HookEnd":     `an outcome NAME -> ..., url env VAR, auth env VAR or "}"`,
	"KindDecl":    "a kind: number MIN..MAX, digits MIN..MAX or text MIN..MAX",
	"ChoiceValue": "a name, the value the key gives",
	"ValueDecl":   "a name",
	"OutcomeDecl": "an outcome NAME -> ...",
	"Inputs":      "(NAME, ...), the variables the hook takes",
	"BlockEnd":    `say, play, language, goto, transfer, hangup, repeat, reprompt, back, top or "}"`,
}
