package runtime

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sampleState is a state with a variable of each kind.
func sampleState(c *StateCodec) string {
	w := c.Writer("book/confirm")
	w.Int("party", 4)
	w.String("ref", "004217")
	w.String("name", "Zoë | & = % + K")
	w.String("slot", "dinner")
	return w.ID()
}

func TestStateRoundTrip(t *testing.T) {
	s, err := DefaultStateCodec.Parse(sampleState(DefaultStateCodec))
	if err != nil {
		t.Fatal(err)
	}
	var party int
	var ref, name, slot string
	ok := s.Int("party", &party, 1, 20) && s.Digits("ref", &ref, 6, 6) && s.Text("name", &name, 1, 40) &&
		s.Choice("slot", &slot, "lunch", "dinner")
	if !ok || s.Err() != nil {
		t.Fatalf("getters failed: %v", s.Err())
	}
	if s.Place() != "book/confirm" || party != 4 || ref != "004217" || name != "Zoë | & = % + K" || slot != "dinner" {
		t.Errorf("got %q %d %q %q %q", s.Place(), party, ref, name, slot)
	}
}

func TestStateIDFormat(t *testing.T) {
	key := []byte("secret")
	w := NewStateCodec(key).Writer("main")
	w.String("name", "Zoë K")
	w.Int("party", 4)
	w.Int("n", -7)
	w.Int("party", 5) // replaces
	mac := hmac.New(sha256.New, key)
	body := "2|main|0.0.0.0|n=-7&name=Zo%C3%AB+K&party=5"
	mac.Write([]byte(body))
	want := body + "|" + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:12])
	if got := w.ID(); got != want {
		t.Errorf("ID() = %q\nwant   %q", got, want)
	}
	if got := NewStateCodec(key).Writer("main").ID(); !strings.HasPrefix(got, "2|main|0.0.0.0||") {
		t.Errorf("ID() of no variables = %q, want the place and the session, signed", got)
	}
	if got := len(want) - strings.LastIndexByte(want, '|') - 1; got != 16 {
		t.Errorf("MAC of %d characters, want 16", got)
	}
}

func TestStateEscapes(t *testing.T) {
	for _, v := range []string{"", "a|b", "a&b=c", "100%", "%41", "two  spaces ", "+plus+", "日本語 テキスト",
		"tab\there", "a~b.c-d_e", "\xff\x00", "1|main|x=1|AAAAAAAAAAAAAAAA"} {
		w := DefaultStateCodec.Writer("main")
		w.String("v", v)
		id := w.ID()
		if got := url.QueryEscape(v); !strings.Contains(id, "|v="+got+"|") {
			t.Errorf("%q written as %q, want url.QueryEscape's %q", v, id, got)
		}
		s, err := DefaultStateCodec.Parse(id)
		if err != nil {
			t.Errorf("%q: Parse(%q): %v", v, id, err)
			continue
		}
		if got, _ := s.value("v"); got != v {
			t.Errorf("%q came back as %q", v, got)
		}
	}
}

func TestStateBare(t *testing.T) {
	for _, tt := range []struct{ id, err string }{
		{"main", ""},
		{"book_table", ""},
		{"_x", ""},
		{"book-table/after-lookup2", ""},
		{"", "malformed"},
		{"1", "malformed"},
		{"9main", "malformed"},
		{"-main", "malformed"},
		{"/main", "malformed"},
		{"ma in", "malformed"},
		{"main\n", "malformed"},
		{"transfer:staff", "malformed"},
		{"menü", "malformed"},
		{strings.Repeat("m", MaxStateLen), ""},
		{strings.Repeat("m", MaxStateLen+1), "over 1024 bytes"},
	} {
		s, err := DefaultStateCodec.Parse(tt.id)
		if errText(err) != tt.err {
			t.Errorf("Parse(%.20q) error = %v, want %q", tt.id, err, tt.err)
			continue
		}
		if err != nil {
			if s != nil {
				t.Errorf("Parse(%.20q) returned a State with its error", tt.id)
			}
			continue
		}
		var n int
		if s.Place() != tt.id || s.Int("party", &n, 0, 9) || errText(s.Err()) != "party is missing" {
			t.Errorf("Parse(%.20q) = place %q, err %v", tt.id, s.Place(), s.Err())
		}
	}
}

func TestStateAlteredAnywhere(t *testing.T) {
	id := sampleState(DefaultStateCodec)
	for i := range len(id) {
		for _, c := range []byte{id[i] ^ 1, id[i] ^ 0x20, '|', '&', '=', 'A', '0', '%'} {
			if c == id[i] {
				continue
			}
			altered := id[:i] + string(c) + id[i+1:]
			if _, err := DefaultStateCodec.Parse(altered); err == nil {
				t.Errorf("byte %d changed to %q: %q parsed", i, c, altered)
			}
		}
	}
}

func TestStateTruncated(t *testing.T) {
	id := sampleState(DefaultStateCodec)
	for n := range len(id) {
		if _, err := DefaultStateCodec.Parse(id[:n]); err == nil {
			t.Errorf("truncated to %d bytes: %q parsed", n, id[:n])
		}
	}
	for n := 1; n < strings.LastIndexByte(id, '|'); n++ { // a tail of the MAC alone is a bare place
		if _, err := DefaultStateCodec.Parse(id[n:]); err == nil {
			t.Errorf("first %d bytes cut: %q parsed", n, id[n:])
		}
	}
}

func TestStateWrongKey(t *testing.T) {
	a, b := NewStateCodec([]byte("key a")), NewStateCodec([]byte("key b"))
	id := sampleState(a)
	for _, c := range []*StateCodec{b, DefaultStateCodec, NewStateCodec(nil)} {
		if _, err := c.Parse(id); errText(err) != "altered, truncated or signed with another IVR_STATE_KEY (MAC does not match)" {
			t.Errorf("Parse with another key: %v", err)
		}
	}
	if _, err := a.Parse(id); err != nil {
		t.Errorf("Parse with the writer's key: %v", err)
	}
	if _, err := NewStateCodec(nil).Parse(sampleState(DefaultStateCodec)); err != nil {
		t.Errorf("the default key differs between codecs: %v", err)
	}
	var nilCodec *StateCodec
	if _, err := nilCodec.Parse(sampleState(DefaultStateCodec)); err != nil {
		t.Errorf("a nil codec is not the default: %v", err)
	}
}

func TestStateKeyIsCopied(t *testing.T) {
	key := []byte("secret")
	c := NewStateCodec(key)
	id := sampleState(c)
	copy(key, "XXXXXX")
	if _, err := c.Parse(id); err != nil {
		t.Errorf("changing the caller's key slice changed the codec: %v", err)
	}
}

// signed returns 1|body|MAC under the default key, for ids a writer would
// not write.
func signed(body string) string {
	data := "1|" + body
	return string(appendStateMAC(DefaultStateCodec, []byte(data+"|"), data))
}

func TestStateSyntax(t *testing.T) {
	long := DefaultStateCodec.Writer("main")
	long.String("v", strings.Repeat("|", 400)) // 1200 bytes escaped
	for _, tt := range []struct{ id, err string }{
		{signed("main|a=1"), ""},
		{signed("main|a=1&b=&c_d-e=x"), ""},
		{signed("main|"), "malformed"},
		{signed("main"), "malformed"},
		{signed("|a=1"), "malformed"},
		{signed("1x|a=1"), "malformed"},
		{signed("ma:in|a=1"), "malformed"},
		{signed("main|a"), "malformed"},
		{signed("main|=1"), "malformed"},
		{signed("main|9a=1"), "malformed"},
		{signed("main|a.b=1"), "malformed"},
		{signed("main|a=1&"), "malformed"},
		{signed("main|a=1&&b=2"), "malformed"},
		{signed("main|a=1&a=2"), "malformed"},
		{signed("main|b=1&a=2"), "malformed"},
		{signed("main|A=1&B=2&_=3&a=4&b=5"), ""},
		{signed("main|a=%zz"), "malformed"},
		{signed("main|a=%4"), "malformed"},
		{signed("main|a=x=y"), "malformed"},
		{signed("main|a=x y"), "malformed"},
		{signed("main|a=x|y"), "malformed"},
		{"1|main|a=1", "altered, truncated or signed with another IVR_STATE_KEY (MAC does not match)"},
		{"1|main", "malformed"},
		{"1|main|a=1|", "altered, truncated or signed with another IVR_STATE_KEY (MAC does not match)"},
		{"1|main|a=1|AAAAAAAAAAAAAAAA", "altered, truncated or signed with another IVR_STATE_KEY (MAC does not match)"},
		{"1|main|a=1|AAAAAAAAAAAAAAA=", "altered, truncated or signed with another IVR_STATE_KEY (MAC does not match)"},
		{"7|main|a=1|AAAAAAAAAAAAAAAA", "unknown state version 7"},
		{"12|main", "unknown state version 12"},
		{"v1|main|a=1|AAAAAAAAAAAAAAAA", "malformed"},
		{"123456|main|a=1|AAAAAAAAAAAAAAAA", "malformed"},
		{"|main|a=1|AAAAAAAAAAAAAAAA", "malformed"},
		{"|", "malformed"},
		{long.ID(), "over 1024 bytes"},
	} {
		if _, err := DefaultStateCodec.Parse(tt.id); errText(err) != tt.err {
			t.Errorf("Parse(%.60q) error = %v, want %q", tt.id, err, tt.err)
		}
	}
}

func TestStateGetters(t *testing.T) {
	w := DefaultStateCodec.Writer("main")
	for name, v := range map[string]string{"n": "25", "neg": "-3", "zero": "0", "lead": "05", "plus": "+5", "negzero": "-0",
		"huge": "99999999999999999999", "d": "12a", "d3": "123", "long": strings.Repeat("x", 45), "ctl": "a\tb",
		"bad": "\xff", "slot": "brunch", "empty": ""} {
		w.String(name, v)
	}
	s, err := DefaultStateCodec.Parse(w.ID())
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var str string
	for _, tt := range []struct {
		get  func() bool
		want string // the getter's failure, "" for success
	}{
		{func() bool { return s.Int("n", &n, 1, 20) }, "n: not a number from 1 to 20"},
		{func() bool { return s.Int("n", &n, 1, 25) }, ""},
		{func() bool { return s.Int("neg", &n, -5, 5) }, ""},
		{func() bool { return s.Int("neg", &n, 0, 5) }, "neg: not a number from 0 to 5"},
		{func() bool { return s.Int("zero", &n, 0, 5) }, ""},
		{func() bool { return s.Int("lead", &n, 0, 9) }, "lead: not a number from 0 to 9"},
		{func() bool { return s.Int("plus", &n, 0, 9) }, "plus: not a number from 0 to 9"},
		{func() bool { return s.Int("negzero", &n, -9, 9) }, "negzero: not a number from -9 to 9"},
		{func() bool { return s.Int("huge", &n, 0, 9) }, "huge: not a number from 0 to 9"},
		{func() bool { return s.Int("empty", &n, 0, 9) }, "empty: not a number from 0 to 9"},
		{func() bool { return s.Int("party", &n, 0, 9) }, "party is missing"},
		{func() bool { return s.Digits("d", &str, 3, 3) }, "d: not 3 digits"},
		{func() bool { return s.Digits("d3", &str, 4, 6) }, "d3: not 4 to 6 digits"},
		{func() bool { return s.Digits("d3", &str, 3, 3) }, ""},
		{func() bool { return s.Digits("lead", &str, 2, 2) }, ""},
		{func() bool { return s.Digits("empty", &str, 0, 2) }, ""},
		{func() bool { return s.Text("long", &str, 1, 40) }, "long: text of 45 characters, want 1 to 40"},
		{func() bool { return s.Text("ctl", &str, 1, 40) }, "ctl: text with a control character"},
		{func() bool { return s.Text("bad", &str, 1, 40) }, "bad: text that is not valid UTF-8"},
		{func() bool { return s.Text("long", &str, 1, 45) }, ""},
		{func() bool { return s.Choice("slot", &str, "lunch", "dinner") }, "slot: not one of lunch, dinner"},
		{func() bool { return s.Choice("slot", &str) }, "slot: not one of "},
		{func() bool { return s.Choice("slot", &str, "brunch") }, ""},
		{func() bool { return s.Choice("none", &str, "brunch") }, "none is missing"},
	} {
		s.err = nil
		n, str = -99, "untouched"
		ok := tt.get()
		if ok != (tt.want == "") || errText(s.Err()) != tt.want {
			t.Errorf("getter = %v, Err %v; want %q", ok, s.Err(), tt.want)
		}
		if !ok && (n != -99 || str != "untouched") {
			t.Errorf("failing getter (%s) wrote its destination", tt.want)
		}
	}
}

func TestStateFirstFailureKept(t *testing.T) {
	s, err := DefaultStateCodec.Parse(sampleState(DefaultStateCodec))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var v string
	if s.Int("missing", &n, 0, 9) || s.Int("party", &n, 5, 9) || !s.Digits("ref", &v, 6, 6) {
		t.Fatal("getters disagree with their values")
	}
	if got := errText(s.Err()); got != "missing is missing" {
		t.Errorf("Err = %q, want the first failure", got)
	}
}

func TestStateIDPanicsOnBadNames(t *testing.T) {
	for _, tt := range []struct{ place, name string }{{"no place", "a"}, {"", "a"}, {"main", "a=b"}, {"main", ""}, {"main", "1a"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("ID() of place %q, variable %q did not panic", tt.place, tt.name)
				}
			}()
			w := DefaultStateCodec.Writer(tt.place)
			w.String(tt.name, "v")
			w.ID()
		}()
	}
}

func TestStateManyVariables(t *testing.T) {
	w := DefaultStateCodec.Writer("main")
	for i := range 100 {
		w.Int("v"+strconv.Itoa(i), i)
	}
	id := w.ID()
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := DefaultStateCodec.Parse(id); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 2 && !raceEnabled {
		t.Errorf("Parse of 100 variables: %.0f allocations, want 2 (the State and its variables)", allocs)
	}
	s, _ := DefaultStateCodec.Parse(id)
	for i := range 100 {
		var n int
		if !s.Int("v"+strconv.Itoa(i), &n, 0, 99) || n != i {
			t.Fatalf("v%d = %d, %v", i, n, s.Err())
		}
	}
}

func TestStateConcurrentParse(t *testing.T) {
	c := NewStateCodec([]byte("k"))
	ids := []string{sampleState(c), sampleState(c) + "x"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				_, err := c.Parse(ids[(g+i)%2])
				if (err == nil) != ((g+i)%2 == 0) {
					t.Errorf("Parse(%q): %v", ids[(g+i)%2], err)
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkStateParse(b *testing.B) {
	for _, n := range []int{3, 100} {
		w := DefaultStateCodec.Writer("main")
		for i := range n {
			w.String("v"+strconv.Itoa(i), "12")
		}
		id := w.ID()
		b.Run(fmt.Sprint(n, " variables"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DefaultStateCodec.Parse(id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkStateWrite(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sampleState(DefaultStateCodec)
	}
}

func FuzzStateParse(f *testing.F) {
	f.Add(sampleState(DefaultStateCodec), "book", "Zoë | & = %", 4)
	f.Add("main", "main", "", 0)
	f.Add("1|main|a=1|AAAAAAAAAAAAAAAA", "a/b-c_d", "%zz+", -17)
	f.Add(signed("main|a=%41&b=+"), "x", "\xff\x00\n", 1<<40)
	f.Fuzz(func(t *testing.T, id, place, text string, n int) {
		// Whatever comes back never panics, and what parses reads back.
		if s, err := DefaultStateCodec.Parse(id); err == nil {
			rewriteState(t, s)
		}
		// Anything ID writes parses back to the same values.
		if !validPlace(place) {
			place = "menu"
		}
		w := DefaultStateCodec.Writer(place)
		w.Int("n", n)
		w.String("text", text)
		w.String("_-x", id)
		id = w.ID()
		s, err := DefaultStateCodec.Parse(id)
		if len(id) > MaxStateLen {
			if errText(err) != "over 1024 bytes" {
				t.Fatalf("Parse of %d bytes: %v", len(id), err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Parse(%q): %v", id, err)
		}
		var gotN int
		if !s.Int("n", &gotN, n, n) || gotN != n {
			t.Fatalf("n read back as %d from %q: %v", gotN, id, s.Err())
		}
		if v, _ := s.value("text"); v != text || s.Place() != place {
			t.Fatalf("read back %q at %q from %q", v, s.Place(), id)
		}
		var gotText string
		checked := CheckText("text", text, 0, MaxStateLen)
		if ok := s.Text("text", &gotText, 0, MaxStateLen); ok != (checked == nil) || ok && gotText != text {
			t.Fatalf("Text = %v %q, CheckText says %v", ok, gotText, checked)
		}
	})
}

// rewriteState writes s's variables again and checks they parse back the
// same: values keep their meaning through a rewrite.
func rewriteState(t *testing.T, s *State) {
	w := DefaultStateCodec.Writer(s.Place())
	for _, v := range s.vars {
		w.String(v.name, v.value)
	}
	again, err := DefaultStateCodec.Parse(w.ID()) // canonical escapes are never longer
	if err != nil {
		t.Fatalf("rewritten %q: %v", w.ID(), err)
	}
	if again.Place() != s.Place() || len(again.vars) != len(s.vars) {
		t.Fatalf("rewritten %q lost its place or variables", w.ID())
	}
	for i, v := range s.vars {
		if again.vars[i] != v {
			t.Fatalf("rewritten %q: %v, want %v", w.ID(), again.vars[i], v)
		}
	}
}
