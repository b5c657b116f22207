package dsl

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen/internal/scaleflow"
)

// statement is a top-level statement's tokens as Parse gives them to the
// parser (its feed), and as they stand in the file when they need no copy.
type statement struct {
	feed, view []token
	hasView    bool
}

// feeds returns the top-level statements of src, with the braces as
// written and as the brace repair reads them.
func feeds(src string) []statement {
	s, _ := scan("t.ivr", []byte(src))
	var out []statement
	read := func(toks []token) {
		r := &recovery{name: "t.ivr", toks: toks, lines: map[int]bool{}}
		b := &treeBuilder{toks: toks}
		top, _ := b.statements(0, topKind)
		setKinds(toks, top, topKind)
		for _, st := range top {
			view, ok := r.view(st)
			out = append(out, statement{r.feed(st), view, ok})
		}
	}
	if s.bracesMatch(s.toks) {
		read(s.toks)
	}
	repaired, _, _ := s.repairBraces(s.toks, map[int]bool{})
	read(repaired)
	return out
}

// sameDecl checks fastDecl against participle on one statement's tokens:
// when fastDecl parses it, participle parses it to the same tree. It
// reports whether participle parsed it, and whether fastDecl did.
func sameDecl(t testing.TB, feed []token) (slow, fast bool) {
	t.Helper()
	fd, fast := fastDecl(feed)
	pd, err := parseTokens(declParser, feed)
	switch {
	case fast && err != nil:
		t.Fatalf("%s: fastDecl parses what participle does not (%v):\n%s", feedText(feed), err, asJSON(fd))
	case fast && !reflect.DeepEqual(fd, pd):
		t.Fatalf("%s: fastDecl's tree differs from participle's:\nfast %s\nslow %s", feedText(feed), asJSON(fd), asJSON(pd))
	}
	return err == nil, fast
}

// sameStatement is sameDecl of st's feed, and checks that its view, when
// it has one, parses as its feed does.
func sameStatement(t testing.TB, st statement) (slow, fast bool) {
	t.Helper()
	slow, fast = sameDecl(t, st.feed)
	if !st.hasView {
		return slow, fast
	}
	fd, _ := fastDecl(st.feed)
	vd, viewFast := fastView(st.view)
	if viewFast != fast || !reflect.DeepEqual(vd, fd) {
		t.Fatalf("%s: the view parses to %v %s, the feed to %v %s", feedText(st.feed), viewFast, asJSON(vd), fast, asJSON(fd))
	}
	return slow, fast
}

func feedText(feed []token) string {
	var b strings.Builder
	for _, tk := range feed {
		b.WriteString(tk.Value)
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// fastSources are the flows every statement of which must take the fast
// path: the examples and a generated large flow.
func fastSources(t testing.TB) map[string]string {
	srcs := map[string]string{"scaleflow": string(scaleflow.Flow(50))}
	files, _ := filepath.Glob("../examples/*/*.ivr")
	if len(files) < 5 {
		t.Fatalf("examples not found: %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = string(b)
	}
	return srcs
}

// Every statement of the examples parses on the fast path, to participle's
// tree.
func TestFastDeclExamples(t *testing.T) {
	for name, src := range fastSources(t) {
		n := 0
		for _, st := range feeds(src) {
			if slow, fast := sameStatement(t, st); slow && !fast {
				t.Errorf("%s: %s: parses, but not on the fast path", name, feedText(st.feed))
			}
			if !st.hasView {
				t.Errorf("%s: %s: copied to be parsed", name, feedText(st.feed))
			}
			n++
		}
		if n == 0 {
			t.Errorf("%s: no statements", name)
		}
	}
}

// Every statement of the test data, the broken ones included: the fast
// path parses only what participle parses, to the same tree. How many of
// those participle parses take the fast path is logged.
func TestFastDeclTestData(t *testing.T) {
	var slow, fast int
	for _, src := range lexerSeeds(t) {
		for _, st := range feeds(src) {
			s, f := sameStatement(t, st)
			slow, fast = slow+b2i(s), fast+b2i(f)
		}
	}
	t.Logf("%d statements parse, %d of them on the fast path", slow, fast)
}

// The examples' statements with one token dropped, doubled, or swapped
// with the next (the newline that ends each is kept).
func TestFastDeclMutations(t *testing.T) {
	for _, src := range fastSources(t) {
		for _, st := range feeds(src) {
			feed := st.feed
			for i := 0; i < len(feed)-1; i++ {
				sameDecl(t, mutate(feed, i, "drop"))
				sameDecl(t, mutate(feed, i, "double"))
				if i+2 < len(feed) {
					sameDecl(t, mutate(feed, i, "swap"))
				}
			}
		}
	}
}

func mutate(feed []token, i int, how string) []token {
	out := append([]token(nil), feed[:i]...)
	switch how {
	case "drop":
		return append(out, feed[i+1:]...)
	case "double":
		return append(append(out, feed[i], feed[i]), feed[i+1:]...)
	}
	return append(append(out, feed[i+1], feed[i]), feed[i+2:]...)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FuzzFastDecl: for any source, every statement fastDecl parses, participle
// parses to the same tree.
func FuzzFastDecl(f *testing.F) {
	for _, src := range lexerSeeds(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, st := range feeds(src) {
			sameStatement(t, st)
		}
	})
}

// BenchmarkParse is Parse alone on a flow of 10,000 menus.
func BenchmarkParse(b *testing.B) {
	src := scaleflow.Flow(10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Parse("scale.ivr", src); len(diags) != 0 {
			b.Fatal(diags)
		}
	}
}
