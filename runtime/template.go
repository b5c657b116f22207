package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Hole marks a text that a Template leaves to be filled per request: set a
// Say's Text, or a SayAndCapture's PromptMessage, SuccessMessage or
// FailureMessage, to Hole. The whole text must be Hole, not a part of it.
const Hole = "\x00ivrgen-hole\x00"

// holeMark is Hole as json.Marshal writes it, the quotes included, and
// holeBody the same without them.
var (
	holeMark = mustMarshal(Hole)
	holeBody = holeMark[1 : len(holeMark)-1]
)

// Template is an action marshalled once, with holes for texts given per
// request, in the order the fields are marshalled. The zero Template is no
// action; make one with NewTemplate.
type Template struct {
	name  string
	parts [][]byte
}

// NewTemplate marshals a and splits the JSON at each Hole. It panics if a
// cannot be marshalled, which the action types rule out, or if a text holds
// Hole among other characters: both are bugs in the generated code.
func NewTemplate(a Action) Template {
	b := mustMarshal(a)
	parts := bytes.Split(b, holeMark)
	if bytes.Count(b, holeBody) != len(parts)-1 {
		panic(fmt.Sprintf("ivrruntime: %s: a hole must be a whole text", a.ActionName()))
	}
	return Template{name: a.ActionName(), parts: parts}
}

// Holes is the number of texts Add takes for t.
func (t Template) Holes() int { return max(len(t.parts)-1, 0) }

// mustMarshal is json.Marshal for values that always marshal.
func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("ivrruntime: marshalling a callflow: %v", err))
	}
	return b
}

// ReplyBuilder assembles one callflow from Templates, for a reply that
// depends on the request. Get one from Turn.Reply.
type ReplyBuilder struct {
	actions []byte // the callflow's actions, comma-separated
	n       int    // how many
	last    string // the last action's name
}

// Add appends t's action, each hole filled with the next of texts,
// JSON-escaped as encoding/json escapes a string. It panics if texts are not
// exactly t.Holes(), a bug in the generated code.
func (b *ReplyBuilder) Add(t Template, texts ...string) {
	if len(texts) != t.Holes() || len(t.parts) == 0 {
		panic(fmt.Sprintf("ivrruntime: the %q template takes %d texts, given %d", t.name, t.Holes(), len(texts)))
	}
	if b.n > 0 {
		b.actions = append(b.actions, ',')
	}
	b.actions = append(b.actions, t.parts[0]...)
	for i, text := range texts {
		b.actions = append(appendJSONString(b.actions, text), t.parts[i+1]...)
	}
	b.n++
	b.last = t.name
}

// Done returns the reply: the actions, and clientActionID as NewReply
// takes it (a menu, which Turn.Finish completes; a transfer; "" when the
// callflow ends the call). The bytes are those NewReply writes for the
// same actions, and Next is clientActionID or, when "", the last action's
// name.
func (b *ReplyBuilder) Done(clientActionID string) Reply {
	next := clientActionID
	if next == "" {
		next = b.last
	}
	return newReply(next, clientActionID, "", b.callflow())
}

// DoneState is Done for the menu w is at, carrying w's values.
func (b *ReplyBuilder) DoneState(w *StateWriter) Reply {
	return newReply(w.place, w.place, w.encodeVars(), b.callflow())
}

// callflow is the actions as a JSON array, null for none as json.Marshal
// writes an empty slice of nil.
func (b *ReplyBuilder) callflow() []byte {
	if b.n == 0 {
		return []byte("null")
	}
	out := make([]byte, 0, len(b.actions)+2)
	return append(append(append(out, '['), b.actions...), ']')
}

// appendJSONString appends s as a JSON string, escaped as json.Marshal
// escapes it: HTML characters, U+2028 and U+2029 as \u escapes, invalid
// UTF-8 as \ufffd.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && jsonSafe(c) {
			i++
			continue
		}
		esc, size := jsonEscape(s[i:])
		if esc != "" {
			dst = append(append(dst, s[start:i]...), esc...)
			start = i + size
		}
		i += size
	}
	return append(append(dst, s[start:]...), '"')
}

// jsonEscape is the escape of the character s starts with and its size in
// bytes; the escape is "" when json.Marshal writes the character as is.
func jsonEscape(s string) (esc string, size int) {
	if c := s[0]; c < utf8.RuneSelf {
		if jsonSafe(c) {
			return "", 1
		}
		return jsonEscapes[c], 1
	}
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError && size == 1:
		return `\ufffd`, 1
	case r == '\u2028':
		return `\u2028`, size
	case r == '\u2029':
		return `\u2029`, size
	}
	return "", size
}

// jsonEscapes are the escapes of ASCII bytes, for those jsonSafe refuses.
var jsonEscapes = func() (esc [utf8.RuneSelf]string) {
	const hex = "0123456789abcdef"
	for c := range esc {
		esc[c] = string([]byte{'\\', 'u', '0', '0', hex[c>>4], hex[c&15]})
	}
	for c, e := range map[byte]string{'\\': `\\`, '"': `\"`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`} {
		esc[c] = e
	}
	return esc
}()

// jsonSafe reports whether json.Marshal writes the ASCII byte c as is in a
// string.
func jsonSafe(c byte) bool {
	return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}
