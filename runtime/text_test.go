package runtime

import (
	"strings"
	"testing"
)

func TestSpelling(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"7", "7"},
		{"4215", "4 2 1 5"},
		{"12#", "1 2 #"},
		{"é1", "é 1"},
	} {
		if got := SpellDigits(tt.in); got != tt.want {
			t.Errorf("SpellDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   int
		want string
	}{{0, "0"}, {42, "4 2"}, {-5, "- 5"}, {1000, "1 0 0 0"}} {
		if got := SpellNumber(tt.in); got != tt.want {
			t.Errorf("SpellNumber(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDigitsAsNumber(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"0042", "42"}, {"000", "0"}, {"0", "0"}, {"42", "42"}, {"", ""}, {"100", "100"},
	} {
		if got := DigitsAsNumber(tt.in); got != tt.want {
			t.Errorf("DigitsAsNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWholeNumber(t *testing.T) {
	for _, tt := range []struct {
		in       string
		min, max int
		want     int
		ok       bool
	}{
		{"5", 1, 20, 5, true},
		{"05", 1, 20, 5, true},
		{"20", 1, 20, 20, true},
		{"21", 1, 20, 0, false},
		{"0", 1, 20, 0, false},
		{"0", 0, 0, 0, true},
		{"", 0, 20, 0, false},
		{"1*", 0, 20, 0, false},
		{"#", 0, 20, 0, false},
		{"-1", -5, 20, 0, false},
		{"+1", 0, 20, 0, false},
		{"999999999999999999", 0, 999999999999999999, 999999999999999999, true},
		{"0000000000000000001", 0, 20, 0, false}, // 19 digits
		{"99999999999999999999", 0, 20, 0, false},
	} {
		got, ok := WholeNumber(tt.in, tt.min, tt.max)
		if got != tt.want || ok != tt.ok {
			t.Errorf("WholeNumber(%q, %d, %d) = %d, %v, want %d, %v", tt.in, tt.min, tt.max, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCheckNumber(t *testing.T) {
	for _, tt := range []struct {
		v, min, max int
		want        string
	}{
		{5, 1, 20, ""},
		{1, 1, 20, ""},
		{20, 1, 20, ""},
		{25, 1, 20, `party: 25 is not a number from 1 to 20`},
		{0, 1, 20, `party: 0 is not a number from 1 to 20`},
		{-3, -2, 2, `party: -3 is not a number from -2 to 2`},
	} {
		if got := errText(CheckNumber("party", tt.v, tt.min, tt.max)); got != tt.want {
			t.Errorf("CheckNumber(%d, %d, %d) = %q, want %q", tt.v, tt.min, tt.max, got, tt.want)
		}
	}
}

func TestCheckDigits(t *testing.T) {
	for _, tt := range []struct {
		v        string
		min, max int
		want     string
	}{
		{"123456", 6, 6, ""},
		{"000000", 6, 6, ""},
		{"12", 6, 6, `ref: "12" is not 6 digits`},
		{"1234567", 6, 6, `ref: "1234567" is not 6 digits`},
		{"12345a", 6, 6, `ref: "12345a" is not 6 digits`},
		{"1234", 4, 6, ""},
		{"123", 4, 6, `ref: "123" is not 4 to 6 digits`},
		{"", 0, 3, ""},
		{"12", 1, 1, `ref: "12" is not 1 digit`},
		{"12 ", 1, 3, `ref: "12 " is not 1 to 3 digits`},
		{strings.Repeat("9", 100), 1, 3, `ref: "` + strings.Repeat("9", 40) + `..." is not 1 to 3 digits`},
	} {
		if got := errText(CheckDigits("ref", tt.v, tt.min, tt.max)); got != tt.want {
			t.Errorf("CheckDigits(%q, %d, %d) = %q, want %q", tt.v, tt.min, tt.max, got, tt.want)
		}
	}
}

func TestCheckText(t *testing.T) {
	for _, tt := range []struct {
		v        string
		min, max int
		want     string
	}{
		{"Ada", 1, 40, ""},
		{"Zoë Ångström", 1, 12, ""}, // 12 runes, more bytes
		{strings.Repeat("x", 45), 1, 40, `name: text of 45 characters, want 1 to 40`},
		{"", 1, 40, `name: text of 0 characters, want 1 to 40`},
		{"ab", 3, 3, `name: text of 2 characters, want 3`},
		{"é", 2, 5, `name: text of 1 character, want 2 to 5`},
		{"a\nb", 1, 40, `name: text with a control character`},
		{"a\x7fb", 1, 40, `name: text with a control character`},
		{"a\u0085b", 1, 40, `name: text with a control character`},
		{"a\xffb", 1, 40, `name: text that is not valid UTF-8`},
	} {
		if got := errText(CheckText("name", tt.v, tt.min, tt.max)); got != tt.want {
			t.Errorf("CheckText(%q, %d, %d) = %q, want %q", tt.v, tt.min, tt.max, got, tt.want)
		}
	}
}

func TestCutValueKeepsRunes(t *testing.T) {
	v := strings.Repeat("a", 39) + "é" + "zzz" // é straddles byte 40
	if got, want := cutValue(v), strings.Repeat("a", 39)+"..."; got != want {
		t.Errorf("cutValue = %q, want %q", got, want)
	}
	if got := cutValue("short"); got != "short" {
		t.Errorf("cutValue(short) = %q", got)
	}
}

// errText is err's text, "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
