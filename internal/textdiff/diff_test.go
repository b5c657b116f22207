package textdiff

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\n"
	new := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\n"
	want := `--- x (on disk)
+++ x (generated)
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
@@ -13,3 +13,4 @@
 m
 n
 o
+p
`
	if got := Unified("x (on disk)", "x (generated)", old, new); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// changes 7 lines apart share one hunk, as diff -u writes them
	if got := Unified("a", "b", old, strings.NewReplacer("d\n", "D\n", "k\n", "K\n").Replace(old)); !strings.HasPrefix(got, "--- a\n+++ b\n@@ -1,14 +1,14 @@\n") {
		t.Errorf("changes 7 lines apart:\n%s", got)
	}
	if got := Unified("a", "b", old, old); got != "" {
		t.Errorf("equal texts: %q", got)
	}
	if got := Unified("a", "b", "", "x\n"); got != "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n" {
		t.Errorf("from nothing: %q", got)
	}
	if got := Unified("a", "b", "x", "x\n"); !strings.Contains(got, "-x\n\\ No newline at end of file\n+x\n") {
		t.Errorf("a last line without a newline: %q", got)
	}
}

// Patching the old text with the diff gives the new one, for random
// edits of random texts.
func TestUnifiedPatches(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	text := func(n int) []string {
		l := make([]string, n)
		for i := range l {
			l[i] = string(rune('a'+r.IntN(4))) + "\n"
		}
		return l
	}
	for range 2000 {
		a := text(r.IntN(30))
		b := append([]string(nil), a...)
		for range r.IntN(6) {
			switch i := r.IntN(len(b) + 1); r.IntN(3) {
			case 0:
				b = append(b[:i], append(text(1+r.IntN(3)), b[i:]...)...)
			case 1:
				if i < len(b) {
					b = append(b[:i], b[i+1:]...)
				}
			default:
				if i < len(b) {
					b[i] = "changed\n"
				}
			}
		}
		old, new := strings.Join(a, ""), strings.Join(b, "")
		d := Unified("a", "b", old, new)
		if got := patch(t, old, d); got != new {
			t.Fatalf("patch of\n%s\nwith\n%s\ngives\n%s\nwant\n%s", old, d, got, new)
		}
	}
}

// The edit search gives up past maxEdits: one hunk replaces the whole.
func TestUnifiedFarApart(t *testing.T) {
	var a, b strings.Builder
	for i := range maxEdits {
		a.WriteString("a" + strconv.Itoa(i) + "\n")
		b.WriteString("b" + strconv.Itoa(i) + "\n")
	}
	d := Unified("a", "b", a.String(), b.String())
	if got := patch(t, a.String(), d); got != b.String() {
		t.Fatal("patch does not give the new text")
	}
	if n := strings.Count(d, "\n@@ "); n != 1 {
		t.Errorf("%d hunks, want one", n)
	}
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// patch applies a unified diff of whole lines to old.
func patch(t *testing.T, old, diff string) string {
	t.Helper()
	if diff == "" {
		return old
	}
	a := strings.SplitAfter(old, "\n")
	if a[len(a)-1] == "" {
		a = a[:len(a)-1]
	}
	lines := strings.SplitAfter(diff, "\n")[2:]
	var out []string
	next := 0 // the next line of a to copy
	for i := 0; i < len(lines) && lines[i] != ""; i++ {
		m := hunkHeader.FindStringSubmatch(strings.TrimSuffix(lines[i], "\n"))
		if m == nil {
			t.Fatalf("not a hunk header: %q in\n%s", lines[i], diff)
		}
		start, _ := strconv.Atoi(m[1])
		if m[2] != "0" {
			start-- // 1-based, but for an empty range
		}
		out = append(out, a[next:start]...)
		next = start
		for i+1 < len(lines) && lines[i+1] != "" && lines[i+1][0] != '@' {
			i++
			switch l := lines[i]; l[0] {
			case ' ':
				out = append(out, a[next])
				next++
			case '-':
				next++
			case '+':
				out = append(out, l[1:])
			}
		}
	}
	return strings.Join(append(out, a[next:]...), "")
}
