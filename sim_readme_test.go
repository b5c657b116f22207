package ivrgen

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// readmeOutput returns the text block that follows the sh block running
// command in README.md.
func readmeOutput(t *testing.T, command string) string {
	t.Helper()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```sh\n" + regexp.QuoteMeta(command) + "\n```\n\n```text\n(.*?)```\n").FindSubmatch(readme)
	if m == nil {
		t.Fatalf("README.md has no sh block %q followed by its output", command)
	}
	return string(m[1])
}

// The README's sim transcript is the one testdata/sim.txtar holds to the
// command's output, for the same command.
func TestReadmeSim(t *testing.T) {
	got := readmeOutput(t, "ivrgen sim --press 2,1 --expect 'next available representative' examples/restaurant/restaurant.ivr")
	script, err := txtar.ParseFile("testdata/sim.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(script.Comment), "exec ivrgen sim --press 2,1 --expect 'next available representative' restaurant.ivr\ncmp stdout want/restaurant\n") {
		t.Error("testdata/sim.txtar does not run the README's command")
	}
	for _, f := range script.Files {
		if f.Name == "want/restaurant" && string(f.Data) != got {
			t.Errorf("README's transcript:\n%s\nsim.txtar's:\n%s", got, f.Data)
		}
	}
}

// The README's stats are what check -stats prints.
func TestReadmeStats(t *testing.T) {
	want := readmeOutput(t, "ivrgen check -stats examples/restaurant/restaurant.ivr")
	var stdout, stderr bytes.Buffer
	if status := Main([]string{"check", "-stats", "examples/restaurant/restaurant.ivr"}, nil, &stdout, &stderr); status != 0 || stderr.Len() > 0 {
		t.Fatalf("exit %d: %s", status, stderr.String())
	}
	if stdout.String() != want {
		t.Errorf("check -stats prints\n%s\nthe README says\n%s", stdout.String(), want)
	}
}

// Each line of the README's ivrtest example is in the booking example's
// test, in order, so that it compiles and runs there.
func TestReadmeIvrtest(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## Testing a flow in Go\n")
	m := regexp.MustCompile("(?s)```go\n(.*?)```\n").FindStringSubmatch(section)
	if m == nil {
		t.Fatal(`README.md has no Go block in "Testing a flow in Go"`)
	}
	src, err := os.ReadFile("examples/booking/phone/ivrtest_test.go")
	if err != nil {
		t.Fatal(err)
	}
	rest := string(src)
	for _, line := range strings.Split(strings.TrimSpace(m[1]), "\n") {
		if strings.HasPrefix(line, "// in ") || strings.TrimSpace(line) == "" {
			continue // where the lines after it are
		}
		i := strings.Index(rest, strings.TrimSpace(line))
		if i < 0 {
			t.Errorf("the booking example's test has not, after the lines before it, the README's\n\t%s", line)
			continue
		}
		rest = rest[i+len(strings.TrimSpace(line)):]
	}
}
