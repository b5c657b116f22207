package ivrgen_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestReadmeGoGenerate checks that testdata/go_generate.txtar does what the
// README's "Using go generate" section says: it runs the section's commands
// word for word and in order (but git clone, for which the script makes a
// symlink), and each of the section's Go files is a file of the script.
func TestReadmeGoGenerate(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Using go generate\n")
	if !ok {
		t.Fatal(`README.md has no section "Using go generate"`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	script, err := txtar.ParseFile("testdata/go_generate.txtar")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(script.Comment), "\n")
	next := 0 // the script's line after the last command found
	blocks := regexp.MustCompile("(?ms)^```(sh|go)\n(.*?)^```\n").FindAllStringSubmatch(section, -1)
	for _, b := range blocks {
		if b[1] == "go" {
			if !slices.ContainsFunc(script.Files, func(f txtar.File) bool { return string(f.Data) == b[2] }) {
				t.Errorf("no file of the script is the README's\n%s", b[2])
			}
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(b[2]), "\n") {
			line, _, _ = strings.Cut(line, "#")
			for _, cmd := range strings.Split(line, "&&") {
				cmd = strings.TrimSpace(cmd)
				if strings.HasPrefix(cmd, "git clone ") {
					continue
				}
				if strings.HasPrefix(cmd, "go ") {
					cmd = "exec " + cmd
				}
				i := slices.Index(lines[next:], cmd)
				if i < 0 {
					t.Errorf("the script does not run the README's %q (after line %d)", cmd, next)
					continue
				}
				next += i + 1
			}
		}
	}
	if len(blocks) == 0 {
		t.Error(`the README's "Using go generate" has no sh or go blocks`)
	}
}
