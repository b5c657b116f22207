package ivrgen_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen"
)

// TestReadmeGraph: the README's "Seeing a flow" shows the restaurant's
// diagram as ivrgen graph prints it, byte for byte, so the two cannot drift.
func TestReadmeGraph(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Seeing a flow\n")
	if !ok {
		t.Fatal(`README.md has no section "Seeing a flow"`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	const cmd = "ivrgen graph examples/restaurant/restaurant.ivr"
	if !strings.Contains(section, "\n"+cmd+"\n") {
		t.Errorf("the section does not show the command %q", cmd)
	}
	blocks := regexp.MustCompile("(?ms)^```mermaid\n(.*?)^```\n").FindAllStringSubmatch(section, -1)
	if len(blocks) != 1 {
		t.Fatalf("the section has %d mermaid blocks, want 1", len(blocks))
	}
	var stdout, stderr bytes.Buffer
	if code := ivrgen.Main(strings.Fields(cmd)[1:], nil, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
		t.Fatalf("%s: exit %d\n%s", cmd, code, stderr.String())
	}
	if blocks[0][1] != stdout.String() {
		t.Errorf("the README's mermaid block is not what %s prints; it prints:\n%s", cmd, stdout.String())
	}
}

// graph's exit statuses, and -format svg where dot is not on PATH whatever
// the machine has installed: one line on stderr, nothing on stdout, exit 1.
func TestGraphExit(t *testing.T) {
	const file = "examples/restaurant/restaurant.ivr"
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := ivrgen.Main(append([]string{"graph"}, args...), nil, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	if code, out, _ := run("-format", "dot", file); code != 0 || !strings.HasPrefix(out, `digraph "restaurant" {`) {
		t.Errorf("-format dot: exit %d\n%s", code, out)
	}
	if code, out, errs := run("-format", "png", file); code != 2 || out != "" || errs != "ivrgen: unknown -format \"png\": the formats are mermaid, dot, svg\n" {
		t.Errorf("-format png: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, _ := run(); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if code, out, _ := run("testdata/no such file.ivr"); code != 1 || out != "" {
		t.Errorf("a missing file: exit %d, stdout %q", code, out)
	}
	t.Setenv("PATH", t.TempDir())
	code, out, errs := run("-format", "svg", file)
	const want = "ivrgen: -format svg needs Graphviz's dot, which is not installed (apt-get install graphviz); -format dot works without it\n"
	if code != 1 || out != "" || errs != want {
		t.Errorf("-format svg without dot: exit %d, stdout %q, stderr %q, want exit 1 and %q", code, out, errs, want)
	}
}
