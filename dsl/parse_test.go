package dsl

import (
	"strings"
	"testing"
)

// diagStrings returns the diagnostics of compiling src as t.ivr. Unless
// prompts is set, it leaves out the prompt/key warnings: most tests write
// prompt "a" for a menu that has keys, and check something else.
func diagStrings(src string, prompts bool) []string {
	_, diags := Compile("t.ivr", []byte(src))
	var out []string
	for _, d := range diags {
		if prompts || !strings.HasSuffix(d.Msg, checkPromptHint+")") {
			out = append(out, d.String())
		}
	}
	return out
}

// expectDiags checks that compiling src reports exactly want, in order,
// prompt/key warnings aside.
func expectDiags(t *testing.T, src string, want ...string) {
	t.Helper()
	compare(t, diagStrings(src, false), want)
}

// expectAllDiags is expectDiags with the prompt/key warnings.
func expectAllDiags(t *testing.T, src string, want ...string) {
	t.Helper()
	compare(t, diagStrings(src, true), want)
}

func compare(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const menuMain = "menu main { prompt \"a\"; 1 -> main }\n"

// TestSyntaxErrors checks that syntax and lexical errors say what was
// expected, where, and that errors in several declarations are all reported.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"no target", header + "menu main {\n  prompt \"a\"\n  1 -> }\n", []string{
			`t.ivr:7:8: unexpected "}" (expected a menu, transfer NAME, hangup, repeat, reprompt, back, top or a { block })`}},
		{"no arrow", header + "menu main { prompt \"a\"; 1 main }\n", []string{
			`t.ivr:5:27: unexpected "main" (expected "->")`}},
		{"prompt without text", header + "menu main {\n  prompt\n  1 -> main\n}\n", []string{
			`t.ivr:6:9: unexpected end of line (expected a string)`}},
		{"say option without value", header + "menu main { prompt \"a\"; 1 -> { say \"x\" voice; hangup } }\n", []string{
			`t.ivr:5:45: unexpected ";" (expected a string)`}},
		{"not a menu item", header + "menu main { prompt \"a\"; goto main }\n", []string{
			`t.ivr:5:25: goto is an action: it goes in a block, such as 1 -> { say "..."; hangup }`}},
		{"not a statement", header + "menu main { prompt \"a\"; 1 -> { prompt \"b\" } }\n", []string{
			`t.ivr:5:32: unexpected "prompt" (expected say, play, goto, transfer, hangup or "}")`}},
		{"not a declaration", header + "foo\n" + menuMain, []string{
			`t.ivr:5:1: unexpected "foo" (expected ivr, start, number, menu, ask, hook, on, global, language, calendar, hours, turns or a setting)`}},
		{"duration without unit", header + "timeout 10\n" + menuMain, []string{
			`t.ivr:5:9: unexpected "10" (expected a duration such as 10s or 500ms)`}},
		{"digits range without max", header + "digits 1..\n" + menuMain, []string{
			`t.ivr:5:11: unexpected end of line (expected a number)`}},
		{"yes or no", header + "complete-on-hash maybe\n" + menuMain, []string{
			`t.ivr:5:18: unexpected "maybe" (expected yes or no)`}},
		{"number value", header + "number n = 12\n" + menuMain, []string{
			`t.ivr:5:12: unexpected "12" (expected env VAR or a "+E164" string)`}},
		{"handler without block", header + "on silence hangup\n" + menuMain, []string{
			`t.ivr:5:12: unexpected "hangup" (expected a { block })`}},
		{"end of file", "ivr t\nstart", []string{
			`t.ivr:2:6: unexpected end of file (expected a name)`}},
		{"unclosed menu", header + "menu main { prompt \"a\"; 1 -> main\nmenu other { prompt \"b\"; 1 -> main }\n", []string{
			`t.ivr:5:1: menu main is not closed: add } at the end of the line`,
			`t.ivr:6:6: warning: menu other cannot be reached from the start menu main`}},
		{"unclosed menu with nothing in it", header + "menu main {\n", []string{
			`t.ivr:5:1: menu main is not closed: add } on a line of its own after the block's statements`,
			`t.ivr:5:6: menu main has no prompt: add prompt "..." for 8x8 to play`,
			`t.ivr:5:6: warning: menu main has no keys: every input is invalid`}},
		{"one error per broken declaration", header + "menu main {\n  prompt \"a\"\n  1 -> }\n}\ntries\nmenu b {\n  prompt \"b\"\n  2 -> transfer\n}\n", []string{
			`t.ivr:7:8: unexpected "}" (expected a menu, transfer NAME, hangup, repeat, reprompt, back, top or a { block })`,
			`t.ivr:9:6: unexpected end of line (expected a number)`,
			`t.ivr:12:16: unexpected end of line (expected a name)`}},
		{"arrow written =>", header + "menu main { prompt \"a\"; 1 => main }\n", []string{
			`t.ivr:5:27: => is not an arrow: a key leads on with ->`}},
		{"bare star", header + "menu main { prompt \"a\"; * -> main }\n", []string{
			`t.ivr:5:25: a key * must be quoted: write "*"`}},
		{"stray character", header + "menu main { prompt \"a\"; 1 -> main @ }\n", []string{
			`t.ivr:5:35: unexpected character "@"`}},
		{"unterminated string", header + "menu main { prompt \"a; 1 -> main }\n", []string{
			`t.ivr:5:20: unterminated string: close it with " on the same line`}},
		{"newline in string", header + "menu main { prompt \"a\nb\"; 1 -> main }\n", []string{
			`t.ivr:5:20: unterminated string: close it with " on the same line`,
			`t.ivr:6:2: unterminated string: close it with " on the same line`}},
		{"lexical and syntax errors together", header + "menu main { prompt \"a\"; * -> main }\nmenu b {\n  1 -> }\n", []string{
			`t.ivr:5:25: a key * must be quoted: write "*"`,
			`t.ivr:6:6: menu b has no prompt: add prompt "..." for 8x8 to play`,
			`t.ivr:7:8: unexpected "}" (expected a menu, transfer NAME, hangup, repeat, reprompt, back, top or a { block })`}},
		{"two statements without ;", header + "menu main {\n  prompt \"a\"\n  1 -> { say \"Bye\" hangup }\n  2 -> { hangup say \"x\" }\n  3 -> { say \"Hi\" goto main }\n}\n", []string{
			`t.ivr:7:20: two statements on one line need a ; between them: write ; before hangup`,
			`t.ivr:8:17: two statements on one line need a ; between them: write ; before say`,
			`t.ivr:9:19: two statements on one line need a ; between them: write ; before goto`}},
		{"bare # key", header + "menu main {\n  prompt \"a\"\n  1 -> main\n  # -> main\n}\n", []string{
			`t.ivr:8:3: a bare # starts a comment: write the key # as "#"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { expectDiags(t, tt.src, tt.want...) })
	}
}

func TestCommentsAndSemicolons(t *testing.T) {
	expectDiags(t, "# a comment\n;ivr t; start main # trailing\nvoice \"en-GB-Emma\";;\n"+
		"on invalid { ; say \"x\"; ; hangup ; }\nmenu main { ; prompt \"a # not a comment\"; ; 1 -> main ; }\n")
}

// TestLayout checks that a { may open its block on the next line and
// that indentation is free when the braces match.
func TestLayout(t *testing.T) {
	expectAllDiags(t, "ivr t\nstart main\nvoice \"en-GB-Emma\"\non invalid\n{\n  say \"Sorry.\"\n  goto main\n}\n"+
		"menu main\n{\nprompt \"Press 1.\"\n        1 ->\n        {\nsay \"News.\"\n  hangup\n        }\n}\n")
}

func TestParseKeepsPositions(t *testing.T) {
	file, diags := Parse("t.ivr", []byte(header+"menu main {\n\tprompt \"a\"\n\t\"*\" -> hangup\n}\n"))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if file.Name != "t.ivr" || len(file.Decls) != 5 {
		t.Fatalf("file = %+v", file)
	}
	key := file.Decls[4].Menu.Items[1].Branch.Key
	if p := posOf(key.Pos); p != (Pos{"t.ivr", 7, 2}) || key.Quoted.Raw != `"*"` {
		t.Errorf("key %+v at %v", key, p)
	}
}

// FuzzParse feeds arbitrary text to the parser: it must never panic, and
// every diagnostic must point into the file.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := Parse("f.ivr", src)
		if file == nil && !diags.HasErrors() {
			t.Fatal("no file and no error")
		}
		checkPlaces(t, diags)
	})
}
