package dsl

import (
	"strings"
	"testing"
)

// TestChecks gives each check of the spec a file with that mistake, and
// asserts every diagnostic reported for it.
func TestChecks(t *testing.T) {
	const invalid = "on invalid { hangup }\n"
	const voice = "voice \"en-GB-Emma\"\n"
	long := strings.Repeat("é", 3001)
	tests := []struct {
		name, src string
		want      []string
	}{
		// ivr and start
		{"no ivr", "start main\n" + voice + invalid + menuMain, []string{
			"t.ivr:1:1: the file must begin with ivr NAME, the flow's name"}},
		{"ivr not first", voice + "ivr t\nstart main\n" + invalid + menuMain, []string{
			"t.ivr:2:1: ivr NAME must come first in the file"}},
		{"ivr twice", header + "ivr u\n" + menuMain, []string{
			"t.ivr:5:1: ivr is already given: a file holds one flow"}},
		{"no start", "ivr t\n" + voice + invalid + menuMain, []string{
			"t.ivr:1:1: no start menu: add start NAME, the menu new calls enter"}},
		{"start twice", header + "start main\n" + menuMain, []string{
			"t.ivr:5:1: start is already given at line 2"}},

		// unknown names
		{"unknown start", "ivr t\nstart mian\n" + voice + invalid + menuMain, []string{
			"t.ivr:2:7: unknown menu mian (did you mean main?)"}},
		{"unknown menu, other case", header + "menu main { prompt \"a\"; 1 -> MAIN }\n", []string{
			"t.ivr:5:30: unknown menu MAIN (did you mean main?)"}},
		{"unknown menu, nothing close", header + "menu main { prompt \"a\"; 1 -> elsewhere }\n", []string{
			"t.ivr:5:30: unknown menu elsewhere"}},
		{"goto unknown", header + "menu main { prompt \"a\"; 1 -> { goto mian } }\n", []string{
			"t.ivr:5:37: unknown menu mian (did you mean main?)"}},
		{"number as menu", header + "number staff = env IVR_STAFF\nmenu main { prompt \"a\"; 1 -> staff }\n", []string{
			"t.ivr:6:30: staff is a number, not a menu: write transfer staff"}},
		{"unknown number", header + "number staff = env IVR_STAFF\nmenu main { prompt \"a\"; 1 -> transfer stuff }\n", []string{
			"t.ivr:6:39: unknown number stuff (did you mean staff?)"}},
		{"menu as number", header + "menu main { prompt \"a\"; 1 -> { transfer main } }\n", []string{
			"t.ivr:5:41: main is a menu, not a number: write goto main (or -> main)"}},

		// declarations and names
		{"menu twice", header + menuMain + menuMain, []string{
			"t.ivr:6:6: main is already declared at line 5"}},
		{"menus and numbers share names", header + menuMain + "number main = env IVR_X\n", []string{
			"t.ivr:6:8: main is already declared at line 5"}},
		{"go name clash", header + "menu main { prompt \"x\"; 1 -> book_table; 2 -> bookTable }\nmenu book_table { prompt \"x\"; 1 -> main }\nmenu bookTable { prompt \"x\"; 1 -> main }\n", []string{
			"t.ivr:7:6: menu bookTable and book_table would both be BookTable in Go: rename one"}},
		{"reserved name", header + "menu hangup { prompt \"x\"; 1 -> main }\n" + menuMain, []string{
			"t.ivr:5:6: hangup is reserved (-> hangup means the action) and cannot name a menu"}},
		{"virtual number name", header + "number virtual_number = env IVR_X\nmenu main { prompt \"x\"; 1 -> transfer virtual_number }\n", []string{
			"t.ivr:5:8: number virtual_number would be VirtualNumber in Go, which is the server's caller id: rename it"}},

		// duplicates in one scope
		{"key twice", header + "menu main { prompt \"a\"; 1 -> main; 1 -> hangup }\n", []string{
			"t.ivr:5:36: key 1 is already used in menu main at line 5"}},
		{"prompt twice", header + "menu main { prompt \"a\"; prompt \"b\"; 1 -> main }\n", []string{
			"t.ivr:5:25: menu main already has a prompt at line 5"}},
		{"file setting twice", header + "tries 2\ntries 3\n" + menuMain, []string{
			"t.ivr:6:1: tries is already set at line 5"}},
		{"menu setting twice", header + "menu main { prompt \"a\"; speed 1; speed 2; 1 -> main }\n", []string{
			"t.ivr:5:34: speed is already set at line 5"}},
		{"file handler twice", header + invalid + menuMain, []string{
			"t.ivr:5:1: on invalid is already given at line 4"}},
		{"menu handler twice", header + "menu main { prompt \"a\"; 1 -> main; on silence { hangup }; on silence { hangup } }\n", []string{
			"t.ivr:5:59: on silence is already given at line 5"}},
		{"say option twice", header + "menu main { prompt \"a\"; 1 -> { say \"x\" repeat 2 repeat 3; hangup } }\n", []string{
			"t.ivr:5:49: repeat is given twice"}},
		{"play with voice", header + "menu main { prompt \"a\"; 1 -> { play \"https://x.org/a.wav\" voice \"en-GB-Emma\"; hangup } }\n", []string{
			"t.ivr:5:59: play takes only repeat: voice and speed are for say"}},

		// keys
		{"key not a phone key", header + "menu main { prompt \"a\"; \"1a\" -> main }\n", []string{
			`t.ivr:5:25: key "1a" is not something a phone can send: use digits, * and #`}},
		{"key too long", header + "menu main { prompt \"a\"; 1 -> main; 12 -> main }\n", []string{
			"t.ivr:5:36: key 12 has 2 digits but menu main captures 1 digit (set digits to change it)"}},
		{"key too short", header + "digits 2..3\nmenu main { prompt \"a\"; 12 -> main; \"*\" -> main }\n", []string{
			"t.ivr:6:37: key * has 1 digit but menu main captures 2 to 3 digits"}},
		{"hash key while complete-on-hash", header + "menu main { prompt \"a\"; 1 -> main; \"#\" -> main }\n", []string{
			"t.ivr:5:36: menu main cannot receive # while complete-on-hash is yes (# ends the input): set complete-on-hash no in the menu"}},

		// blocks
		{"after hangup", header + "menu main { prompt \"a\"; 1 -> { hangup; say \"x\" } }\n", []string{
			"t.ivr:5:40: nothing can follow hangup: the caller has left this menu"}},
		{"after goto", header + "menu main { prompt \"a\"; 1 -> { goto main; hangup } }\n", []string{
			"t.ivr:5:43: nothing can follow goto: the caller has left this menu"}},
		{"after transfer", header + "number n = \"+6512345678\"\nmenu main { prompt \"a\"; 1 -> { transfer n; goto main } }\n", []string{
			"t.ivr:6:44: nothing can follow transfer: the caller has left this menu"}},
		{"block without end", header + "menu main { prompt \"a\"; 1 -> { say \"x\" } }\n", []string{
			"t.ivr:5:30: this block leaves the caller in silence: end it with goto, transfer, hangup, repeat, reprompt, back or top"}},
		{"empty block", "ivr t\nstart main\n" + voice + "on invalid { }\n" + menuMain, []string{
			"t.ivr:4:12: this block leaves the caller in silence: end it with goto, transfer, hangup, repeat, reprompt, back or top"}},

		// 8x8 limits
		{"text too long", header + "menu main { prompt \"" + long + "\"; 1 -> main }\n", []string{
			"t.ivr:5:20: prompt has 3001 characters: 8x8 takes at most 3000"}},
		{"empty say", header + "menu main { prompt \"a\"; 1 -> { say \" \"; hangup } }\n", []string{
			"t.ivr:5:36: say is empty: 8x8 needs something to say"}},
		{"empty success", header + "success \"\"\n" + menuMain, []string{
			"t.ivr:5:9: success is empty: 8x8 needs something to say"}},
		{"speed", header + "speed 2.5\nmenu main { prompt \"a\"; 1 -> { say \"x\" speed 0.4; hangup } }\n", []string{
			"t.ivr:5:7: speed 2.5 is out of range: 8x8 takes 0.5 to 2.0",
			"t.ivr:6:46: speed 0.4 is out of range: 8x8 takes 0.5 to 2.0"}},
		{"repeat", header + "menu main { prompt \"a\"; 1 -> { play \"http://x.org/a.mp3\" repeat 0; hangup } }\n", []string{
			"t.ivr:5:65: repeat 0 is out of range: 8x8 takes 1 to 3"}},
		{"digits", header + "digits 26\nmenu main { prompt \"a\"; digits 0..2; 1 -> main }\n", []string{
			"t.ivr:5:8: digits 26 is out of range: 8x8 takes 1 to 25",
			"t.ivr:6:32: digits 0 is out of range: 8x8 takes 1 to 25"}},
		{"digits min above max", header + "digits 3..2\n" + menuMain, []string{
			"t.ivr:5:8: digits 3..2: the minimum is above the maximum"}},
		{"tries", header + "tries 0\nmenu main { prompt \"a\"; tries 1.5; 1 -> main }\n", []string{
			"t.ivr:5:7: tries 0 is out of range: it must be at least 1",
			"t.ivr:6:31: tries must be a whole number, not 1.5"}},
		{"not whole milliseconds", header + "digit-timeout 1500us\ntimeout 0ms\n" + menuMain, []string{
			`t.ivr:5:15: unknown unit "us" in digit-timeout 1500us: write ms, s or m (such as 500ms, 10s or 1.5m)`,
			"t.ivr:6:9: timeout 0ms must be a whole number of milliseconds, at least 1ms (such as 500ms or 10s)"}},
		{"timeouts equal", header + "digit-timeout 10s\ntimeout 10s\n" + menuMain, []string{
			"t.ivr:5:1: digit-timeout 10s must be shorter than timeout 10s (8x8 refuses equal or longer: -1006)"}},
		{"menu timeout below default", header + "menu main { prompt \"a\"; timeout 4s; 1 -> main }\n", []string{
			"t.ivr:5:25: digit-timeout 5s (the default) must be shorter than timeout 4s (8x8 refuses equal or longer: -1006)"}},
		{"menu digit-timeout above default", header + "menu main { prompt \"a\"; digit-timeout 1m; 1 -> main }\n", []string{
			"t.ivr:5:25: digit-timeout 1m0s must be shorter than timeout 10s (the default) (8x8 refuses equal or longer: -1006)"}},
		{"play URL", header + "menu main { prompt \"a\"; 1 -> { play \"ftp://x.org/a.mp3\"; play \"https:///a.mp3\"; hangup } }\n", []string{
			`t.ivr:5:37: "ftp://x.org/a.mp3" is not an http(s) URL: 8x8 fetches audio files over http or https`,
			`t.ivr:5:63: "https:///a.mp3" is not an http(s) URL: 8x8 fetches audio files over http or https`}},
		{"play format", header + "menu main { prompt \"a\"; 1 -> { play \"https://x.org/a.ogg\"; hangup } }\n", []string{
			`t.ivr:5:37: warning: "https://x.org/a.ogg" does not end in .mp3 or .wav: 8x8 plays only mp3 and wav files`}},
		{"bad escape", header + "menu main { prompt \"a\\qb\"; 1 -> main }\n", []string{
			`t.ivr:5:20: bad escape in string "a\qb": use \" \\ \n \t or \uXXXX`}},

		// voices
		{"no voice", "ivr t\nstart main\n" + invalid + "menu main { prompt \"a\"; 1 -> { say \"x\"; hangup }; 2 -> { say \"y\" voice \"en-GB-Emma\"; hangup } }\n", []string{
			`t.ivr:4:20: no voice profile for this text and 1 more (line 4): add voice "en-US-BenjaminRUS" at the top of the file`}},
		{"one text without voice", "ivr t\nstart main\n" + invalid + "menu main { prompt \"a\"; 1 -> main }\n", []string{
			`t.ivr:4:20: no voice profile for this text: add voice "en-US-BenjaminRUS" at the top of the file`}},
		{"bad voice", header + "menu main { prompt \"a\"; voice \"English\"; 1 -> { say \"x\" voice \"en_US\"; hangup } }\n", []string{
			`t.ivr:5:31: "English" is not a voice profile: write one such as voice "en-US-BenjaminRUS"`,
			`t.ivr:5:63: "en_US" is not a voice profile: write one such as voice "en-US-BenjaminRUS"`}},

		// numbers
		{"not E.164", header + "number a = \"+0123\"\nnumber b = \"12345\"\nmenu main { prompt \"a\"; 1 -> transfer a; 2 -> transfer b }\n", []string{
			`t.ivr:5:12: "+0123" is not an E.164 number (+ then 2 to 15 digits, e.g. +6512345678)`,
			`t.ivr:6:12: "12345" is not an E.164 number (+ then 2 to 15 digits, e.g. +6512345678)`}},
		{"env names", header + "number a = env lower\nnumber b = env IVR_API_KEY\nmenu main { prompt \"a\"; 1 -> transfer a; 2 -> transfer b }\n", []string{
			"t.ivr:5:16: lower is not an environment variable name: use upper case, digits and _ (such as IVR_STAFF_NUMBER)",
			"t.ivr:6:16: IVR_API_KEY is the server's own variable: give number b a variable of its own"}},

		// handlers
		{"unknown event", header + "menu main { prompt \"a\"; 1 -> main; on timeout { hangup } }\n", []string{
			"t.ivr:5:39: on timeout: the events are invalid (a key the menu does not list), silence (no input) and turns (a call over its turns)"}},
		{"no invalid handler", "ivr t\nstart main\n" + voice + "on silence { hangup }\n" + menuMain, []string{
			"t.ivr:5:6: menu main has no answer for a key it does not list: add on invalid { ... } to the menu or the file"}},

		// warnings alone keep the flow
		{"warnings", header + "number spare = \"+6565550100\"\n" + menuMain + "menu lonely { prompt \"b\" }\n", []string{
			"t.ivr:5:8: warning: number spare is never used: no transfer dials it",
			"t.ivr:7:6: warning: menu lonely has no keys: every input is invalid",
			"t.ivr:7:6: warning: menu lonely cannot be reached from the start menu main"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { expectDiags(t, tt.src, tt.want...) })
	}
}

// TestWarningsKeepTheFlow checks that a file with only warnings compiles.
func TestWarningsKeepTheFlow(t *testing.T) {
	flow, diags := Compile("t.ivr", []byte(header+"menu main { prompt \"Press 1.\"; 1 -> main }\nmenu lonely { prompt \"b\" }\n"))
	if flow == nil || len(diags) != 2 || diags.HasErrors() {
		t.Errorf("flow %v, diagnostics:\n%v", flow, diags)
	}
}
