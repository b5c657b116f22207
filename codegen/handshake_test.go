package codegen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen/runtime"
)

// TestVersionHandshake builds generated code against a copy of the runtime
// that has moved on to the next version: it must not compile, and the error
// must name the handshake constant whose comment says what to do.
func TestVersionHandshake(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the Go toolchain")
	}
	src, err := Generate(compile(t, "testdata/every.ivr"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	current := fmt.Sprintf("SupportPackageIsVersion%d", runtime.Version)
	next := fmt.Sprintf("SupportPackageIsVersion%d", runtime.Version+1)
	if !strings.Contains(string(src), "ivrruntime."+current) {
		t.Fatalf("generated code does not reference ivrruntime.%s", current)
	}
	newer := t.TempDir()
	writeFile(t, filepath.Join(newer, "go.mod"), "module github.com/ivrgen/ivrgen\n\ngo 1.25\n")
	runtimeFiles, _ := filepath.Glob("../runtime/*.go")
	for _, name := range runtimeFiles {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(data), current, next)
		writeFile(t, filepath.Join(newer, "runtime", filepath.Base(name)), text)
	}
	out, err := goInModule(t, newer, map[string]string{"every/every_ivr.go": string(src)}, "build", "./...")
	if err == nil {
		t.Fatal("generated code built against a runtime of another version")
	}
	if !strings.Contains(string(out), "undefined: ivrruntime."+current) {
		t.Errorf("the build failed, but not on the handshake:\n%s", out)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
