package ivrgen_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ivrgen/ivrgen/examples/restaurant"
	"github.com/ivrgen/ivrgen/internal/callflowcheck"
	ivrruntime "github.com/ivrgen/ivrgen/runtime"
)

// TestReadmeGoGenerate checks that testdata/go_generate.txtar does what the
// README's "Using go generate" section says: it runs the section's commands
// word for word and in order (but git clone, for which the script makes a
// symlink; a VAR=value before a command is an env line before it, and a
// server may run in the background), and each of the section's Go files is
// a file of the script.
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
				for _, want := range scriptLines(cmd) {
					i := slices.IndexFunc(lines[next:], func(l string) bool { return l == want || strings.HasPrefix(l, want+" &") })
					if i < 0 {
						t.Errorf("the script does not run the README's %q (after line %d)", want, next)
						continue
					}
					next += i + 1
				}
			}
		}
	}
	if len(blocks) == 0 {
		t.Error(`the README's "Using go generate" has no sh or go blocks`)
	}
}

// scriptLines are the lines of a script that run a shell command: an env
// line for each VAR=value before it, then the command, with exec for a
// program.
func scriptLines(cmd string) []string {
	var out []string
	words := strings.Fields(cmd)
	for len(words) > 0 && regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=`).MatchString(words[0]) {
		out = append(out, "env "+words[0])
		words = words[1:]
	}
	cmd = strings.Join(words, " ")
	if strings.HasPrefix(cmd, "go ") || strings.HasPrefix(cmd, "./") {
		cmd = "exec " + cmd
	}
	return append(out, cmd)
}

// TestReadmeCurl posts the README's hand-made webhooks to the restaurant
// flow: each is answered 200 with a callflow 8x8 accepts.
func TestReadmeCurl(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	bodies := regexp.MustCompile(`(?m)^curl -s localhost:8080/webhooks -d '([^']*)'$`).FindAllStringSubmatch(string(readme), -1)
	if len(bodies) < 2 {
		t.Fatalf("README has %d curl webhooks, want the first call and a key", len(bodies))
	}
	flow, err := restaurant.New(restaurant.Numbers{
		VirtualNumber: ivrruntime.MustNumber("+6531591234"),
		Staff:         ivrruntime.MustNumber("+6562345678"),
	})
	if err != nil {
		t.Fatal(err)
	}
	h := ivrruntime.NewHandler(flow, ivrruntime.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, b := range bodies {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(b[1])))
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d %s", b[1], rec.Code, rec.Body)
			continue
		}
		if err := callflowcheck.CheckReply(rec.Body.Bytes()); err != nil {
			t.Errorf("%s: the answer breaks 8x8's rules: %v\n%s", b[1], err, rec.Body)
		}
	}
}

// TestReadmeWorkedExample: the README's worked example is the booking
// example's flow, as it is.
func TestReadmeWorkedExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	flow, err := os.ReadFile("examples/booking/phone/booking.ivr")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n### A worked example")
	if !ok {
		t.Fatal(`README.md has no section "A worked example"`)
	}
	block := regexp.MustCompile("(?ms)^```\n(.*?)^```\n").FindStringSubmatch(section)
	if block == nil || block[1] != string(flow) {
		t.Error("the README's worked example is not examples/booking/phone/booking.ivr: copy the file into it")
	}
}
