package dsl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/rogpeppe/go-internal/txtar"
)

// refLexer is the lexer as it was first written, participle's regular
// expressions, one a rule: the reference the hand-written lexer must cut
// every text as.
var refLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Comment", Pattern: `#[^\n]*`},
	{Name: "String", Pattern: `"(\\.|[^"\\\n])*"`},
	{Name: "Unterminated", Pattern: `"(\\.|[^"\\\n])*`},
	{Name: "Dates", Pattern: `[0-9]{4}-[0-9]{2}-[0-9]{2}(\.\.[0-9]{4}-[0-9]{2}-[0-9]{2})?`},
	{Name: "Hours", Pattern: `[0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}`},
	{Name: "Duration", Pattern: `[0-9]+(\.[0-9]+)?[A-Za-z_][A-Za-z0-9_]*`},
	{Name: "Range", Pattern: `\.\.`},
	{Name: "Number", Pattern: `[0-9]+(\.[0-9]+)?`},
	{Name: "Arrow", Pattern: `->`},
	{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*`},
	{Name: "Punct", Pattern: `[{}=;(),]`},
	{Name: "NL", Pattern: `\r?\n`},
	{Name: "Whitespace", Pattern: `[ \t\r\f\v]+`},
	{Name: "Stray", Pattern: `.`},
})

func TestLexerSymbols(t *testing.T) {
	want := refLexer.Symbols()
	got := ivrLexer.Symbols()
	if len(got) != len(want) {
		t.Fatalf("symbols %v, want %v", got, want)
	}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("symbol %s = %d, want %d", name, got[name], typ)
		}
	}
}

// lexedAs lexes src with def, every token and the EOF.
func lexedAs(t testing.TB, def lexer.Definition, src string) []lexer.Token {
	lex, err := def.(lexer.StringDefinition).LexString("t.ivr", src)
	if err != nil {
		t.Fatal(err)
	}
	toks, err := lexer.ConsumeAll(lex)
	if err != nil {
		t.Fatal(err)
	}
	return toks
}

// sameTokens checks that the hand-written lexer cuts src as the reference
// does: the same types, values and positions, and then scan keeps exactly
// the tokens that are not blanks or comments.
func sameTokens(t testing.TB, src string) {
	t.Helper()
	want := lexedAs(t, refLexer, src)
	got := lexedAs(t, ivrLexer, src)
	for i := 0; i < max(len(got), len(want)); i++ {
		if i >= len(got) || i >= len(want) || got[i] != want[i] {
			var g, w lexer.Token
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			t.Fatalf("%q: token %d is %#v, want %#v", src, i, g, w)
		}
	}
	s, _ := scan("t.ivr", []byte(src))
	var kept []lexer.Token
	for _, tk := range want {
		if tk.Type != lexer.EOF && tk.Type != tokWhitespace && tk.Type != tokComment {
			kept = append(kept, tk)
		}
	}
	if len(s.toks) != len(kept) {
		t.Fatalf("%q: scan kept %d tokens, want %d", src, len(s.toks), len(kept))
	}
	for i, tk := range s.toks {
		if tk.Token != kept[i] || tk.virtual {
			t.Fatalf("%q: scan's token %d is %#v, want %#v", src, i, tk.Token, kept[i])
		}
	}
}

// lexerSeeds are every .ivr file of the examples and test data, those in
// txtar archives too, and texts at the edges of the rules.
func lexerSeeds(t testing.TB) []string {
	seeds := []string{
		"", "\n", "\r", "\r\n", "\r\r\n", " \r\n", "\t\f\v \n", "#", "# x\n#y", "\"", "\"\\", "\"\\\n", "\"\\\"", "\"a\\\"b\"",
		"\"é\\é\"", "\xff", "\"\xff\"", "é", "\x00", "-", "->", "-->", "--", ".", "..", "...", "1..4", "1.5", "1.", "1.x", "1.5.3s",
		"10s", "15sec", "1.5ms", "12x_9", "2026-12-25", "2026-12-25..2026-12-26", "2026-12-25..2026", "2026-1-25", "20261-12-25",
		"9:00-17:00", "09:00-17:00", "123:00-1:00", "9:0-1:00", "9:00-1:0", "9:00-17:000", "9:00", "9:00-", "digit-timeout",
		"a-", "a->b", "a-b-c", "a--b", "_x", "x_1-2", "{}=;(),", "*", "+", ":", "a\"b\nc", "say \"Hello\n", "1 -> { say \"a\"; hangup }",
	}
	var files []string
	for _, pat := range []string{"../examples/*/*.ivr", "../examples/*/*/*.ivr", "testdata/*.ivr", "../internal/*/*.ivr"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	archives, _ := filepath.Glob("../testdata/*.txtar")
	if len(files) < 3 || len(archives) < 3 {
		t.Fatalf("examples not found: %v %v", files, archives)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, string(b))
	}
	for _, f := range archives {
		a, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, af := range a.Files {
			if strings.HasSuffix(af.Name, ".ivr") {
				seeds = append(seeds, string(af.Data))
			}
		}
	}
	return seeds
}

// TestLexerMatchesReference lexes every seed, and every way of cutting each
// short one in two, with both lexers.
func TestLexerMatchesReference(t *testing.T) {
	for _, src := range lexerSeeds(t) {
		sameTokens(t, src)
		if len(src) < 40 {
			for i := range src {
				sameTokens(t, src[:i])
				sameTokens(t, src[i:])
			}
		}
	}
}

func FuzzLexer(f *testing.F) {
	for _, src := range lexerSeeds(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sameTokens(t, src)
	})
}
