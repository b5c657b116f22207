package ivrtest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ivrgen/ivrgen/dsl"
)

// Coverage is what calls took of a flow: each key of each menu, an ask's
// good value, each menu's handlers of an invalid key and of silence, each
// outcome of each hook and its error, each branch of each hours, and the
// file's on turns when it has one. Record calls into it with Dial; it
// is safe for calls in parallel.
type Coverage struct {
	file  string
	items []*item              // in source order
	index map[string]*item     // by id
	menus map[string]*dsl.Menu // by place name
	mu    sync.Mutex
}

// item is one thing a call can take.
type item struct {
	id    string // "menu main, key 2", "ask party, a good value", "hook book, outcome full"
	pos   dsl.Pos
	taken int
}

// NewCoverage compiles the .ivr file the flow was generated from, for the
// list of what its calls can take.
func NewCoverage(t testing.TB, ivrFile string) *Coverage {
	t.Helper()
	src, err := os.ReadFile(ivrFile)
	if err != nil {
		t.Fatalf("ivrtest: %v", err)
	}
	flow, diags := dsl.Compile(filepath.Base(ivrFile), src)
	if diags.HasErrors() {
		t.Fatalf("ivrtest: %s:\n%v", ivrFile, diags)
	}
	cov := &Coverage{file: filepath.Base(ivrFile), index: map[string]*item{}, menus: map[string]*dsl.Menu{}}
	add := func(id string, pos dsl.Pos) {
		if cov.index[id] == nil {
			it := &item{id: id, pos: pos}
			cov.items = append(cov.items, it)
			cov.index[id] = it
		}
	}
	for _, m := range flow.Menus {
		cov.menus[m.Name] = m
		for _, b := range m.Keys {
			add(keyID(m, b.Key), b.Pos)
		}
		if m.Ask != nil && m.Ask.Var.Kind.Type != dsl.ChoiceKind {
			add(m.What()+", a good value", m.Ask.Next.Pos)
		}
		add(m.What()+", an invalid key", m.Pos) // at the menu: its handler may be the file's
		add(m.What()+", no input", m.Pos)
	}
	for _, h := range flow.Hooks {
		for _, o := range h.Outcomes {
			add(outcomeID(h.Name, o.Name), o.Pos)
		}
		add(outcomeID(h.Name, "error"), h.Error.Pos)
	}
	for _, h := range flow.Hours {
		add(hoursID(h.Name, "open"), h.Open.Pos)
		add(hoursID(h.Name, "closed"), h.Closed.Pos)
	}
	if o := flow.OnTurns; o != nil && o.Pos.Line > 0 { // written in the file, not the default goodbye
		add("on turns", o.Pos)
	}
	return cov
}

func keyID(m *dsl.Menu, key string) string { return m.What() + ", key " + key }

func outcomeID(hook, outcome string) string { return "hook " + hook + ", outcome " + outcome }

func hoursID(hours, branch string) string { return "hours " + hours + ", " + branch }

// webhookLine is what Coverage reads of a webhook's log line.
type webhookLine struct {
	Msg     string                    `json:"msg"`
	Menu    string                    `json:"menu"`
	Digits  string                    `json:"digits"`
	Handler string                    `json:"handler"`
	Hooks   map[string]map[string]any `json:"hooks"`
	Hours   map[string]string         `json:"hours"`
}

// record reads what one webhook took from its log line.
func (cov *Coverage) record(t testing.TB, logs []byte) {
	t.Helper()
	lines := bufio.NewScanner(bytes.NewReader(logs))
	for lines.Scan() {
		var l webhookLine
		if err := json.Unmarshal(lines.Bytes(), &l); err != nil || l.Msg != "webhook" {
			continue
		}
		cov.take(l)
	}
}

func (cov *Coverage) take(l webhookLine) {
	cov.mu.Lock()
	defer cov.mu.Unlock()
	mark := func(id string) {
		if it := cov.index[id]; it != nil {
			it.taken++
		}
	}
	for name, run := range l.Hooks {
		name, _, _ = strings.Cut(name, "#")
		if _, failed := run["error"]; failed {
			mark(outcomeID(name, "error"))
		} else {
			mark(outcomeID(name, fmt.Sprint(run["outcome"])))
		}
	}
	for name, branch := range l.Hours {
		name, _, _ = strings.Cut(name, "#")
		mark(hoursID(name, branch))
	}
	if l.Handler == "turns" {
		mark("on turns")
		return
	}
	m := cov.menus[l.Menu]
	switch {
	case m == nil, l.Digits == "" && l.Handler == "":
		// a new call, or a place that is not a menu
	case l.Handler == "invalid":
		mark(m.What() + ", an invalid key")
	case l.Handler == "silence":
		mark(m.What() + ", no input")
	case m.Ask != nil && m.Ask.Var.Kind.Type != dsl.ChoiceKind:
		mark(m.What() + ", a good value")
	default:
		digits := l.Digits
		if m.Capture.CompleteOnHash {
			digits = strings.TrimSuffix(digits, "#")
		}
		mark(keyID(m, digits))
	}
}

// Missed lists what no recorded call took, in source order: "menu main,
// key 2", "ask party, a good value", "hook book, outcome full".
func (cov *Coverage) Missed() []string {
	cov.mu.Lock()
	defer cov.mu.Unlock()
	var out []string
	for _, it := range cov.items {
		if it.taken == 0 {
			out = append(out, it.id)
		}
	}
	return out
}

// Report says how much of the flow the calls took, and where each thing
// none took is written, a line each, in the order of the file. Counted
// retries (on invalid 2 { ... }) are one item with the handler of any slip:
// "an invalid key".
func (cov *Coverage) Report() string {
	missed := cov.Missed()
	total := len(cov.items)
	var b strings.Builder
	fmt.Fprintf(&b, "%s: calls took %d of %d keys, values, handlers, hook outcomes and hours branches (%.0f%%)\n",
		cov.file, total-len(missed), total, 100*float64(total-len(missed))/float64(max(total, 1)))
	cov.mu.Lock()
	defer cov.mu.Unlock()
	items := slices.Clone(cov.items)
	slices.SortStableFunc(items, func(a, b *item) int { return cmp.Or(a.pos.Line-b.pos.Line, a.pos.Col-b.pos.Col) })
	for _, it := range items {
		if it.taken == 0 {
			fmt.Fprintf(&b, "%s: %s: never taken\n", it.pos, it.id)
		}
	}
	return b.String()
}
