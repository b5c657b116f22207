package codegen

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen/dsl"
)

// largeFlow writes a flow of n menus, each with all twelve keys (0-9, * and
// #): key 1 goes one level deeper, so the tree is n levels deep, and the
// others say something and go to a menu, transfer, or hang up.
func largeFlow(n int) string {
	var b strings.Builder
	b.WriteString("ivr large\nstart m0\nvoice \"en-US-ZiraRUS\"\ncomplete-on-hash no\nnumber desk = env IVR_DESK_NUMBER\n")
	b.WriteString("on invalid { say \"Sorry.\"; goto m0 }\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "menu m%d {\n    prompt \"Menu %d: press 1 to go deeper.\"\n", i, i)
		fmt.Fprintf(&b, "    1 -> m%d\n", (i+1)%n)
		for _, k := range []string{"0", "2", "3", "4", "5", "6", "7", "8", "9"} {
			fmt.Fprintf(&b, "    %s -> { say \"Menu %d, key %s.\"; goto m%d }\n", k, i, k, i/2)
		}
		b.WriteString("    \"*\" -> transfer desk\n    \"#\" -> hangup\n}\n")
	}
	return b.String()
}

func TestLargeFlowBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 300-menu flow with the Go toolchain")
	}
	flow, diags := dsl.Compile("large.ivr", []byte(largeFlow(300)))
	if diags.HasErrors() || len(flow.Menus) != 300 || len(flow.Menus[299].Keys) != 12 {
		t.Fatalf("large flow: %d menus, diagnostics:\n%v", len(flow.Menus), diags)
	}
	src, err := Generate(flow, Options{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	out, err := goInModule(t, root, map[string]string{
		"large/large_ivr.go":      string(src),
		"large/large_ivr_test.go": largeFlowTest,
	}, "test", "./...")
	if err != nil {
		t.Fatalf("the generated 300-menu flow does not pass go test: %v\n%s", err, out)
	}
}

// goInModule writes files into a new module whose github.com/ivrgen/ivrgen
// is the directory ivrgen, runs go with args there, offline, and returns
// its output.
func goInModule(t *testing.T, ivrgen string, files map[string]string, args ...string) ([]byte, error) {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module scratch\n\ngo 1.25\n\nrequire github.com/ivrgen/ivrgen v0.0.0\n\nreplace github.com/ivrgen/ivrgen => " + ivrgen + "\n"
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), data)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOSUMDB=off", "GOWORK=off")
	return cmd.CombinedOutput()
}

// largeFlowTest runs inside the generated package: it walks 300 levels down
// key 1 and checks a deep menu's keys.
const largeFlowTest = `package large

import (
	"strings"
	"testing"

	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

func TestWalk(t *testing.T) {
	f, err := New(Numbers{VirtualNumber: ivrruntime.MustNumber("+6531591234"), Desk: ivrruntime.MustNumber("+6562345678")})
	if err != nil {
		t.Fatal(err)
	}
	answer := func(m Menu, digits string) ivrruntime.Reply {
		return f.Answer(ivrruntime.NewTurn(nil, nil, m.String(), digits))
	}
	m := MenuM0
	for i := 0; i < 299; i++ {
		r := answer(m, "1")
		next, ok := ParseMenu(r.Next())
		if !ok || int(next) != int(m)+1 {
			t.Fatalf("menu %v, key 1: next %q", m, r.Next())
		}
		m = next
	}
	if r := answer(MenuM299, "*"); r.Next() != "transfer:desk" {
		t.Errorf("* = %q", r.Next())
	}
	if r := answer(MenuM299, "#"); r.Next() != "hangup" {
		t.Errorf("# = %q", r.Next())
	}
	if r := answer(MenuM150, "7"); !strings.Contains(string(r.Body()), "Menu 150, key 7.") || r.Next() != "m75" {
		t.Errorf("7 = %s", r.Body())
	}
}
`

// BenchmarkCompileAndGenerate300 measures the whole front end and the
// generator on a 300-menu, 3600-key flow.
func BenchmarkCompileAndGenerate300(b *testing.B) {
	src := []byte(largeFlow(300))
	b.ReportAllocs()
	for b.Loop() {
		flow, diags := dsl.Compile("large.ivr", src)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		if _, err := Generate(flow, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
