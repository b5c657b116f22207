package runtime

import (
	"context"
	"strings"
	"testing"
)

// session reads the session of the id a reply carries.
func session(t *testing.T, r Reply) (string, Session) {
	t.Helper()
	body := string(r.Body())
	const key = `"clientActionId":"`
	i := strings.Index(body, key)
	if i < 0 {
		t.Fatalf("no clientActionId in %s", body)
	}
	id := body[i+len(key):]
	id = id[:strings.IndexByte(id, '"')]
	st, err := DefaultStateCodec.Parse(id)
	if err != nil {
		t.Fatalf("Parse(%q): %v", id, err)
	}
	return st.Place(), st.sess
}

// turnAt is a turn answering place with the session s, as a parsed id
// would bring it.
func turnAt(place string, s Session, digits string) *Turn {
	t := NewTurn(context.Background(), nil, "", digits)
	t.Place(place)
	t.Resume(&State{place: place, sess: s})
	return t
}

func menuReply(place string) Reply { return NewReply(place, SayAndCapture{PromptMessage: "p"}) }

func TestSessionCounters(t *testing.T) {
	in := Session{Turns: 4, Invalid: 1, Silence: 2, History: []string{"start"}}
	tests := []struct {
		name    string
		digits  string
		noMatch bool
		next    string
		want    Session
	}{
		{"an invalid key, the menu again", "7", true, "main", Session{Turns: 5, Invalid: 2, Silence: 2, History: []string{"start"}}},
		{"silence, the menu again", "", true, "main", Session{Turns: 5, Invalid: 1, Silence: 3, History: []string{"start"}}},
		{"a good key that stays: both start again", "1", false, "main", Session{Turns: 5, History: []string{"start"}}},
		{"a slip that leaves: both start again, main remembered", "7", true, "other", Session{Turns: 5, History: []string{"start", "main"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			turn := turnAt("main", in, tt.digits)
			if tt.noMatch {
				turn.NoMatch()
			}
			place, got := session(t, turn.Finish(menuReply(tt.next)))
			if place != tt.next || got.Turns != tt.want.Turns || got.Invalid != tt.want.Invalid || got.Silence != tt.want.Silence ||
				strings.Join(got.History, "~") != strings.Join(tt.want.History, "~") {
				t.Errorf("%s %+v, want %s %+v", place, got, tt.next, tt.want)
			}
		})
	}
}

func TestSessionSlips(t *testing.T) {
	turn := turnAt("main", Session{Turns: 2, Invalid: 2, Silence: 0}, "5")
	turn.NoMatch()
	if n := turn.Slips(); n != 3 {
		t.Errorf("Slips after 2 invalid keys = %d, want 3", n)
	}
	turn = turnAt("main", Session{Turns: 2, Invalid: 2, Silence: 0}, "")
	turn.NoMatch()
	if n := turn.Slips(); n != 1 {
		t.Errorf("Slips of a first silence after 2 invalid keys = %d, want 1: they are counted apart", n)
	}
	turn = turnAt("main", Session{Turns: 2, Invalid: MaxSlips}, "5")
	turn.NoMatch()
	if n := turn.Slips(); n != MaxSlips {
		t.Errorf("Slips past the last = %d, want %d", n, MaxSlips)
	}
	_, s := session(t, turn.Finish(menuReply("main")))
	if s.Invalid != MaxSlips {
		t.Errorf("the counter went to %d, want it to stop at %d", s.Invalid, MaxSlips)
	}
}

func TestSessionHistory(t *testing.T) {
	var h []string
	for i := range MaxHistory {
		h = append(h, "m"+string(rune('a'+i)))
	}
	turn := turnAt("here", Session{Turns: 1, History: h}, "1")
	_, s := session(t, turn.Finish(menuReply("there")))
	if len(s.History) != MaxHistory || s.History[0] != "mb" || s.History[MaxHistory-1] != "here" {
		t.Errorf("history = %v, want the oldest forgotten and here last", s.History)
	}

	turn = turnAt("cancel", Session{Turns: 3, History: []string{"main", "appointments"}}, "9")
	if back := turn.Back(); back != "appointments" {
		t.Fatalf("Back() = %q, want appointments", back)
	}
	_, s = session(t, turn.Finish(menuReply("appointments")))
	if strings.Join(s.History, "~") != "main" {
		t.Errorf("after back, history = %v, want [main]", s.History)
	}

	turn = turnAt("main", Session{Turns: 3}, "9")
	if back := turn.Back(); back != "" {
		t.Errorf("Back() of an empty history = %q, want \"\"", back)
	}

	turn = turnAt("cancel", Session{Turns: 3, History: []string{"main", "appointments"}}, "#")
	turn.Top()
	if _, s = session(t, turn.Finish(menuReply("main"))); len(s.History) != 0 {
		t.Errorf("after top, history = %v, want none", s.History)
	}
}

func TestSessionStartAndLanguage(t *testing.T) {
	turn := NewTurn(context.Background(), nil, "", "")
	turn.Begin()
	place, s := session(t, turn.Finish(menuReply("main")))
	if place != "main" || s.Turns != 1 || len(s.History) != 0 {
		t.Errorf("start: %s %+v, want main, turn 1, no history", place, s)
	}
	turn = turnAt("language", Session{Turns: 1}, "2")
	turn.SetLang(1)
	if _, s = session(t, turn.Finish(menuReply("main"))); s.Lang != 1 {
		t.Errorf("language after SetLang(1) = %d", s.Lang)
	}
	turn = turnAt("main", Session{Turns: 2, Lang: 1}, "1")
	if turn.Lang() != 1 || turn.Turns() != 3 {
		t.Errorf("Resume: language %d, turn %d; want 1, 3", turn.Lang(), turn.Turns())
	}
}

func TestFinishLeavesEndsAlone(t *testing.T) {
	turn := turnAt("main", Session{Turns: 2}, "1")
	for _, r := range []Reply{NewReply("", Hangup{}), NewReply(TransferPrefix+"desk", Hangup{})} {
		if got := turn.Finish(r); string(got.Body()) != string(r.Body()) {
			t.Errorf("Finish changed %s to %s", r.Body(), got.Body())
		}
	}
}

func TestSessionSyntax(t *testing.T) {
	for _, v := range []string{"", "1", "1.0.0", "1.0.0.0.0", "-1.0.0.0", "01.0.0.0", "1.10.0.0", "1.0.0.0~", "1.0.0.0~a~~b",
		"1.0.0.0~1bad", "1.0.0.0" + strings.Repeat("~m", MaxHistory+1), "x.0.0.0"} {
		if s, ok := parseSession(v, new([MaxHistory]string)); ok {
			t.Errorf("parseSession(%q) = %+v, want it refused", v, s)
		}
	}
	s := Session{Turns: 12, Invalid: 3, Silence: 9, Lang: 2, History: []string{"main", "book/confirm"}}
	got, ok := parseSession(string(appendSession(nil, s)), new([MaxHistory]string))
	if !ok || got.Turns != 12 || got.Invalid != 3 || got.Silence != 9 || got.Lang != 2 || strings.Join(got.History, "~") != "main~book/confirm" {
		t.Errorf("round trip of %+v = %+v, %v", s, got, ok)
	}
}

// TestLargestSession checks the bound ivrgen's checks put on a menu's
// clientActionId (dsl's stateSize): with the most turns, slips and
// languages and MaxHistory menus of the longest name, the id is exactly
// 2| PLACE | SESSION | VARS | MAC long, SESSION being
// len(turns)+len(".9.9.")+len(lang)+MaxHistory*(1+longest name).
func TestLargestSession(t *testing.T) {
	name := strings.Repeat("n", 40)
	h := make([]string, MaxHistory)
	for i := range h {
		h[i] = name
	}
	s := Session{Turns: 999, Invalid: 9, Silence: 9, Lang: 9, History: h}
	id := DefaultStateCodec.encode(name, s, "party=20")
	session := len("999") + len(".9.9.") + len("9") + MaxHistory*(1+len(name))
	if want := len("2|") + len(name) + 1 + session + 1 + len("party=20") + 1 + 16; len(id) != want {
		t.Errorf("id of %d bytes, want %d: %s", len(id), want, id)
	}
	if _, err := DefaultStateCodec.Parse(id); err != nil {
		t.Errorf("Parse of the largest session: %v", err)
	}
}

// The body Finish writes, with the id written straight into it, is the
// body of the id encode writes.
func TestSessionReplyBody(t *testing.T) {
	callflow := []byte(`[{"say":{"text":"hi"}}]`)
	for _, s := range []Session{
		{Turns: 1},
		{Turns: 12, Invalid: 3, Silence: 9, Lang: 1, History: []string{"main", "a_very_long_menu_name_that_fills_the_room", "c"}},
		{Turns: 999, History: []string{"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"}},
	} {
		for _, vars := range []string{"", "party=4", "a=1&day=today&name=Ada%20L%C3%B3pez"} {
			got := appendSessionReplyBody(nil, DefaultStateCodec, "day", s, vars, callflow)
			want := replyBody(DefaultStateCodec.encode("day", s, vars), callflow)
			if string(got) != string(want) {
				t.Errorf("session %+v, vars %q:\n got %s\nwant %s", s, vars, got, want)
			}
			// after a body already written, which stays
			earlier := make([]byte, 0, 64)
			earlier = append(earlier, `{"earlier":1}`...)
			if got := appendSessionReplyBody(earlier, DefaultStateCodec, "day", s, vars, callflow); string(got) != `{"earlier":1}`+string(want) {
				t.Errorf("session %+v, vars %q, after another body:\n got %s", s, vars, got)
			}
		}
	}
}

// A turn's bodies are written one after another in its room: a second
// Finish leaves the first reply as it was.
func TestFinishKeepsEarlierBodies(t *testing.T) {
	turn := NewTurn(context.Background(), nil, "main", "1")
	first := turn.Finish(Reply{place: "a", callflow: []byte(`[]`)})
	want := string(first.Body())
	second := turn.Finish(Reply{place: "b", callflow: []byte(`[{"hangup":{}}]`)})
	if got := string(first.Body()); got != want {
		t.Errorf("the first body after a second Finish:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(string(second.Body()), `"callflow":[{"hangup":{}}]`) || strings.Contains(string(second.Body()), `"callflow":[]`) {
		t.Errorf("the second body: %s", second.Body())
	}
}
