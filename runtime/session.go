package runtime

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxHistory is how many menus a call remembers for back: the menus it came
// through, the oldest forgotten first. A back past them goes to the start.
const MaxHistory = 8

// MaxSlips is the highest slip a flow can count: on invalid 9 { ... } is
// the last numbered handler; the counters stop there.
const MaxSlips = 9

// Session is what a call carries in every clientActionId besides its
// variables: how many times the flow has answered it, the invalid keys and
// silences in a row at the menu it is in, its language and the menus it
// came through.
type Session struct {
	Turns   int      // the answers the flow has given the call, this one included
	Invalid int      // invalid keys in a row at the current menu, before this turn
	Silence int      // silences in a row at the current menu, before this turn
	Lang    int      // the caller's language: an index into the flow's languages
	History []string // the menus the caller came through, oldest first, at most MaxHistory
}

// nav is a move of the call's history that an answer asked for.
type nav int

const (
	navNone nav = iota
	navBack     // back: the last menu of the history, which it forgets
	navTop      // the start: the history is forgotten
)

// appendSession writes s as TURNS.INVALID.SILENCE.LANG, then ~MENU for each
// menu of its history.
func appendSession(b []byte, s Session) []byte {
	b = strconv.AppendInt(b, int64(s.Turns), 10)
	b = strconv.AppendInt(append(b, '.'), int64(s.Invalid), 10)
	b = strconv.AppendInt(append(b, '.'), int64(s.Silence), 10)
	b = strconv.AppendInt(append(b, '.'), int64(s.Lang), 10)
	for _, m := range s.History {
		b = append(append(b, '~'), m...)
	}
	return b
}

// parseSession reads what appendSession writes, the history into hist.
func parseSession(v string, hist *[MaxHistory]string) (Session, bool) {
	counts, history, _ := strings.Cut(v, "~")
	var s Session
	var n [4]int
	for i := range n {
		f, more, found := strings.Cut(counts, ".")
		if found != (i < 3) {
			return s, false
		}
		x, ok := canonicalInt(f)
		if !ok || x < 0 {
			return s, false
		}
		n[i], counts = x, more
	}
	s.Turns, s.Invalid, s.Silence, s.Lang = n[0], n[1], n[2], n[3]
	if s.Invalid > MaxSlips || s.Silence > MaxSlips {
		return s, false
	}
	if history != "" || strings.HasSuffix(v, "~") {
		s.History = hist[:0]
		for m := range strings.SplitSeq(history, "~") {
			if len(s.History) == MaxHistory || !validPlace(m) {
				return s, false
			}
			s.History = append(s.History, m)
		}
	}
	return s, true
}

// Begin starts a new call's session: the start reply is its first answer,
// and the caller comes from no menu.
func (t *Turn) Begin() {
	t.sess = Session{Turns: 1}
	t.lang, t.nav, t.reprompt, t.starting = 0, navNone, false, true
}

// Resume takes the session a clientActionId carries (nil for none, as after
// an outbound call's first capture): this turn is one more answer, in the
// language the caller chose.
func (t *Turn) Resume(st *State) {
	t.sess = Session{}
	if st != nil {
		t.sess = st.sess
	}
	t.sess.Turns++
	t.lang = t.sess.Lang
}

// Turns is the number of this answer in the call: 1 for the start.
func (t *Turn) Turns() int { return t.sess.Turns }

// Slips is the number of this slip at the menu, after NoMatch: 1 for the
// first invalid key (or silence) in a row, 2 for the second, and so on;
// invalid keys and silences are counted apart. It stops at MaxSlips.
func (t *Turn) Slips() int {
	n := t.sess.Invalid
	if t.handler == "silence" {
		n = t.sess.Silence
	}
	return min(n+1, MaxSlips)
}

// Lang is the caller's language, an index into the flow's languages.
func (t *Turn) Lang() int { return t.lang }

// SetLang sets the caller's language for the rest of the call.
func (t *Turn) SetLang(lang int) { t.lang = lang }

// Back returns the menu the caller came from, which the call's history then
// forgets; "" when the history is empty (the start menu, or a call deeper
// than MaxHistory menus), and the flow goes to its start.
func (t *Turn) Back() string {
	t.nav = navBack
	if n := len(t.sess.History); n > 0 {
		return t.sess.History[n-1]
	}
	return ""
}

// Top records that the caller goes to the start: the history is forgotten.
func (t *Turn) Top() { t.nav = navTop }

// Reprompt records that the menu the caller enters next plays its short
// prompt (reprompt "..."), and Reprompting says so to the menu's entry.
func (t *Turn) Reprompt() { t.reprompt = true }

// Reprompting reports whether the menu entered plays its short prompt.
func (t *Turn) Reprompting() bool { return t.reprompt }

// next is the session the reply carries into menu place: the counters go on
// when the caller stays in the menu after a slip and start again
// otherwise; leaving a menu adds it to the history, unless the caller went
// back or to the start.
func (t *Turn) next(place string) Session {
	s := Session{Turns: t.sess.Turns, Lang: t.lang}
	switch h := t.sess.History; {
	case t.nav == navBack:
		if len(h) > 0 {
			s.History = h[:len(h)-1]
		}
	case t.nav == navTop || t.starting:
	case place == t.place:
		s.History = h
		switch t.handler {
		case "invalid":
			s.Invalid, s.Silence = min(t.sess.Invalid+1, MaxSlips), t.sess.Silence
		case "silence":
			s.Invalid, s.Silence = t.sess.Invalid, min(t.sess.Silence+1, MaxSlips)
		}
	default:
		if len(h) >= MaxHistory {
			h = h[len(h)-MaxHistory+1:]
		}
		s.History = append(append(t.history[:0], h...), t.place)
	}
	return s
}

// Finish writes the clientActionId of a reply that leaves the caller in a
// menu: the menu, the session and the values the reply carries, signed. A
// reply that ends the call's time in the flow (a hangup, a transfer) is
// returned as it is.
func (t *Turn) Finish(r Reply) Reply {
	if r.body != nil {
		return r
	}
	// After the turn's earlier bodies, which stay as they are: the
	// handler's turn has the room of the request before it.
	start := len(t.room)
	t.room = appendSessionReplyBody(t.room, t.Codec(), r.place, t.next(r.place), r.vars, r.callflow)
	r.body = t.room[start:len(t.room):len(t.room)]
	return r
}

// appendSessionReplyBody appends replyBody of the clientActionId encode
// writes, the id written straight into the body.
func appendSessionReplyBody(dst []byte, c *StateCodec, place string, s Session, vars string, callflow []byte) []byte {
	const head, mid = `{"clientActionId":"`, `","callflow":`
	start := len(dst)
	body := slices.Grow(dst, len(head)+idSize(place, s, vars)+len(mid)+len(callflow)+1)
	body = c.appendID(append(body, head...), place, s, vars)
	for _, b := range body[start+len(head):] {
		if b >= utf8.RuneSelf || !jsonSafe(b) { // never: ids are made of characters JSON takes as they are
			return append(body[:start], replyBody(c.encode(place, s, vars), callflow)...)
		}
	}
	return append(append(append(body, mid...), callflow...), '}')
}
