package codegen

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ivrgen/ivrgen/dsl"
)

// lineRefs are the FILE.ivr:LINE references of generated code and of
// diagnostics, and the lines a diagnostic names: formatting may drop blank
// lines, and move what follows.
var lineRefs = regexp.MustCompile(`\.ivr:\d+(:\d+)?|\blines? \d+(, \d+)*( and \d+)?`)

// FuzzFormat: formatting a file is idempotent, and never changes what it
// means: the same diagnostics, and the same generated Go, but for the
// lines they point at.
func FuzzFormat(f *testing.F) {
	seeds, _ := filepath.Glob("../examples/*/*.ivr")
	more, _ := filepath.Glob("../examples/*/*/*.ivr")
	tests, _ := filepath.Glob("testdata/*.ivr")
	for _, path := range append(append(seeds, more...), tests...) {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		formatted, diags := dsl.Format("f.ivr", src)
		if diags.HasErrors() {
			return
		}
		again, diags := dsl.Format("f.ivr", formatted)
		if diags.HasErrors() || string(again) != string(formatted) {
			t.Fatalf("formatting twice:\n%s\nthen\n%s\n%v", formatted, again, diags)
		}
		before, d1 := dsl.Compile("f.ivr", src)
		after, d2 := dsl.Compile("f.ivr", formatted)
		if lineRefs.ReplaceAllString(d1.Error(), ".ivr:L") != lineRefs.ReplaceAllString(d2.Error(), ".ivr:L") {
			t.Fatalf("diagnostics before:\n%v\nafter:\n%v", d1, d2)
		}
		if d1.HasErrors() {
			return
		}
		a, err1 := Generate(before, Options{})
		b, err2 := Generate(after, Options{})
		if (err1 == nil) != (err2 == nil) || lineRefs.ReplaceAllString(string(a), ".ivr:L") != lineRefs.ReplaceAllString(string(b), ".ivr:L") {
			t.Fatalf("the generated Go changed:\n%s\n----\n%s", a, b)
		}
	})
}
