package dsl

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustCompile(t *testing.T, src string) *Flow {
	t.Helper()
	flow, diags := Compile("t.ivr", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("unexpected errors:\n%v", diags)
	}
	return flow
}

const header = `ivr t
start main
voice "en-GB-Emma"
on invalid { say "Sorry."; goto main }
`

func TestDefaultsAndOverrides(t *testing.T) {
	flow := mustCompile(t, header+`
digit-timeout 2s
menu main {
    prompt "Main."
    1 -> other
}
menu other {
    prompt "Other."
    voice "en-US-ZiraRUS"
    speed 1.5
    digits 2..4
    timeout 1m
    tries 5
    complete-on-hash no
    success "Got it."
    failure "Missed it."
    12 -> main
}
`)
	main, other := flow.Menus[0], flow.Menus[1]
	want := Capture{MinDigits: 1, MaxDigits: 1, DigitTimeout: 2 * time.Second, Timeout: 10 * time.Second, Tries: 2, CompleteOnHash: true}
	if !reflect.DeepEqual(main.Capture, want) {
		t.Errorf("main capture = %+v, want defaults with the file's digit-timeout %+v", main.Capture, want)
	}
	if main.Voice != (Voice{"en-GB-Emma", 1}) {
		t.Errorf("main voice = %+v", main.Voice)
	}
	want = Capture{MinDigits: 2, MaxDigits: 4, DigitTimeout: 2 * time.Second, Timeout: time.Minute, Tries: 5,
		Success: literal("Got it."), Failure: literal("Missed it.")}
	if !reflect.DeepEqual(other.Capture, want) {
		t.Errorf("other capture = %+v, want %+v", other.Capture, want)
	}
	if other.Voice != (Voice{"en-US-ZiraRUS", 1.5}) {
		t.Errorf("other voice = %+v", other.Voice)
	}
	if flow.Start != main || other.Keys[0].Key != "12" || other.Keys[0].Then.End.(*Goto).To != Place(main) {
		t.Errorf("start or key 12 not resolved: %+v", other.Keys[0])
	}
}

func TestHandlerResolutionAndSharing(t *testing.T) {
	flow := mustCompile(t, `ivr t
start a
voice "en-GB-Emma"
on invalid { say "File invalid."; goto a }
on silence { hangup }
menu a { prompt "A."; 1 -> b }
menu b { prompt "B."; 1 -> c; on invalid { say "B invalid."; hangup } }
menu c { prompt "C."; 1 -> a; on silence { goto a } }
`)
	a, b, c := flow.Menus[0], flow.Menus[1], flow.Menus[2]
	if a.Invalid != c.Invalid || a.Invalid.Menu != nil || a.Invalid.Handler != "invalid" {
		t.Error("the file's on invalid is not one shared Outcome")
	}
	if a.Silence != c.Silence && c.Silence.Menu != c {
		t.Error("menu c's own on silence was not used")
	}
	if a.Silence.Handler != "silence" || a.Silence.Menu != nil {
		t.Errorf("menu a silence = %+v, want the file's on silence", a.Silence)
	}
	if b.Silence != a.Silence || b.Invalid.Menu != b {
		t.Error("menu b's silence should be the file's on silence, which an on silence written anywhere wins over an on invalid")
	}
	if got, _ := b.Invalid.Steps[0].(*Say).Text.Static(); got != "B invalid." {
		t.Errorf("b invalid says %q", got)
	}
}

func TestSayInheritsVoice(t *testing.T) {
	flow := mustCompile(t, header+`
speed 0.8
menu main {
    prompt "Main."
    voice "en-US-ZiraRUS"
    1 -> { say "Menu voice."; say "Own voice." voice "en-GB-Emma" speed 2 repeat 3; hangup }
}
`)
	steps := flow.Menus[0].Keys[0].Then.Steps
	if v := steps[0].(*Say).Voice; v != (Voice{"en-US-ZiraRUS", 0.8}) {
		t.Errorf("say in a menu = %+v, want the menu's voice and the file's speed", v)
	}
	if s := steps[1].(*Say); s.Voice != (Voice{"en-GB-Emma", 2}) || s.Repeat != 3 {
		t.Errorf("say with options = %+v", s)
	}
	if v := flow.Menus[0].Invalid.Steps[0].(*Say).Voice; v != (Voice{"en-GB-Emma", 0.8}) {
		t.Errorf("say in the file's handler = %+v, want the file's voice", v)
	}
}

func TestLiteralsAndKeys(t *testing.T) {
	flow := mustCompile(t, header+`
number desk = "+6565550100"
number staff = env IVR_STAFF_NUMBER
menu main {
    prompt "Caf\u00e9 \"quoted\"\ttab"
    digits 1..3
    timeout 1.5s
    digit-timeout 500ms
    complete-on-hash no
    01 -> transfer desk
    "*9#" -> transfer staff
    "#" -> hangup
}
`)
	m := flow.Menus[0]
	if got, _ := m.Prompt.Static(); got != "Café \"quoted\"\ttab" {
		t.Errorf("prompt = %q", got)
	}
	if m.Capture.Timeout != 1500*time.Millisecond || m.Capture.DigitTimeout != 500*time.Millisecond {
		t.Errorf("durations = %v, %v", m.Capture.Timeout, m.Capture.DigitTimeout)
	}
	var keys []string
	for _, k := range m.Keys {
		keys = append(keys, k.Key)
	}
	if strings.Join(keys, " ") != "01 *9# #" {
		t.Errorf("keys = %q", keys)
	}
	if n := m.Keys[0].Then.End.(*Transfer).Number; n.Literal != "+6565550100" || n.GoName != "Desk" {
		t.Errorf("desk = %+v", n)
	}
	if n := m.Keys[1].Then.End.(*Transfer).Number; n.Env != "IVR_STAFF_NUMBER" {
		t.Errorf("staff = %+v", n)
	}
	if !flow.Transfers() {
		t.Error("Transfers() = false")
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"main": "Main", "book_table": "BookTable", "bookTable": "BookTable",
		"level-2": "Level2", "a_1": "A1", "_x": "X", "x__y": "XY",
	} {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDiagnosticsSortedAndDeduplicated(t *testing.T) {
	p := func(l, c int) Pos { return Pos{"f.ivr", l, c} }
	ds := Diagnostics{{p(3, 1), Error, "b"}, {p(1, 5), Warning, "a"}, {p(3, 1), Error, "b"}}.Sorted()
	if len(ds) != 2 || ds[0].String() != "f.ivr:1:5: warning: a" || ds[1].String() != "f.ivr:3:1: b" {
		t.Errorf("Sorted() = %v", ds)
	}
}

func TestRestaurant(t *testing.T) {
	src, err := os.ReadFile("testdata/restaurant.ivr")
	if err != nil {
		t.Fatal(err)
	}
	flow, diags := Compile("restaurant.ivr", src)
	if len(diags) != 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	main, connect := flow.Menus[0], flow.Menus[2]
	if flow.Name != "restaurant" || flow.Start != main || len(flow.Menus) != 5 || flow.Menus[3].GoName != "BookTable" {
		t.Errorf("flow = %+v", flow)
	}
	if main.Capture.Tries != 1 || connect.Capture.Tries != 2 || main.Voice != (Voice{"en-US-BenjaminRUS", 1}) {
		t.Errorf("main %+v, connect %+v", main.Capture, connect.Capture)
	}
	if main.Invalid != connect.Silence || main.Invalid.Handler != "invalid" {
		t.Error("the file's on invalid should answer invalid keys and silence in every menu")
	}
	if n := connect.Keys[0].Then.End.(*Transfer).Number; n != flow.Numbers[0] || n.Env != "IVR_STAFF_NUMBER" || n.GoName != "Staff" {
		t.Errorf("transfer staff = %+v", n)
	}
}

func TestDurations(t *testing.T) {
	for src, want := range map[string]time.Duration{
		"500ms": 500 * time.Millisecond, "1.5s": 1500 * time.Millisecond, "2m": 2 * time.Minute, "10s": 10 * time.Second,
	} {
		flow := mustCompile(t, header+"digit-timeout 1ms\ntimeout "+src+"\n"+menuMain)
		if got := flow.Menus[0].Capture.Timeout; got != want {
			t.Errorf("timeout %s = %v, want %v", src, got, want)
		}
	}
}

// fuzzSeeds are valid and broken files to start fuzzing from.
var fuzzSeeds = []string{
	header + menuMain,
	"ivr x start y menu y { prompt \"p\" \"*\" -> { say \"s\" repeat 2; hangup } }",
	"ivr\n\"unterminated\n# -> x\n*\n1..4 10s ->",
	"menu a {\n1 -> }\nmenu b { 2 => x\non invalid\ntries\n",
}

// FuzzCompile feeds arbitrary text to the whole front end: it must never
// panic, must give a Flow or an error, and every diagnostic must point into
// the file.
func FuzzCompile(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		flow, diags := Compile("f.ivr", src)
		if flow == nil && !diags.HasErrors() {
			t.Fatal("no flow and no error")
		}
		checkPlaces(t, diags)
	})
}

func checkPlaces(t *testing.T, diags Diagnostics) {
	for _, d := range diags {
		if d.Pos.Line < 1 || d.Pos.Col < 1 || d.Msg == "" {
			t.Fatalf("diagnostic without a place or message: %+v", d)
		}
	}
}

// literal is a text without variables.
func literal(s string) Text { return Text{Parts: []TextPart{{Lit: s}}} }
