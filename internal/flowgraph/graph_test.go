package flowgraph

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ivrgen/ivrgen/dsl"
)

func compile(t *testing.T, path string) *dsl.Flow {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := dsl.Compile(filepath.Base(path), src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return f
}

// Every example's graph holds together: unique ids, every edge between two
// of its nodes (a back's end alone unknown), each place's every outcome an
// edge.
func TestExamples(t *testing.T) {
	paths, _ := filepath.Glob("../../examples/*/*.ivr")
	more, _ := filepath.Glob("../../examples/*/*/*.ivr")
	for _, path := range append(paths, more...) {
		f := compile(t, path)
		g := New(f)
		ids, nodes := map[string]bool{}, map[*Node]bool{}
		for _, n := range g.Nodes {
			if ids[n.ID] {
				t.Errorf("%s: id %s twice", path, n.ID)
			}
			ids[n.ID], nodes[n] = true, true
		}
		edges := 0
		for _, n := range g.Nodes {
			for _, e := range n.Out {
				edges++
				if e.From != n || e.To == nil && (e.Move == nil || *e.Move != dsl.Back) || e.To != nil && !nodes[e.To] {
					t.Errorf("%s: edge %s %q from %s to %v", path, n.ID, e.Label, e.From.ID, e.To)
				}
			}
		}
		want := 0
		for _, m := range f.Menus {
			want += len(m.Keys)
			if m.Ask != nil && m.Ask.Var.Kind.Type != dsl.ChoiceKind {
				want++
			}
			handlers(m, func(*dsl.Outcome, string, int) { want++ })
		}
		for _, h := range f.Hooks {
			want += len(h.Branches())
		}
		want += 2 * len(f.Hours)
		if edges != want {
			t.Errorf("%s: %d edges, want %d", path, edges, want)
		}
		if !g.Start.Start || !g.Reachable()[g.Start] {
			t.Errorf("%s: the start is not marked", path)
		}
	}
}

// The restaurant's person is two keys away (main 2, connect 1), its hangup
// none (silence in main); an invalid key costs one.
func TestShortest(t *testing.T) {
	g := New(compile(t, "../../examples/restaurant/restaurant.ivr"))
	paths := g.Shortest()
	for _, n := range g.Nodes {
		p := paths[n]
		switch n.Kind {
		case Transfer:
			if p.Keys != 2 || len(p.Edges) != 2 || p.Edges[0].Label != "2" || p.Edges[1].Label != "1" {
				t.Errorf("to transfer %s: %d keys by %v", n.Name, p.Keys, p.Edges)
			}
		case Hangup:
			if p.Keys != 0 || len(p.Edges) != 1 || p.Edges[0].Label != "invalid or no input" {
				t.Errorf("to the hangup: %d keys by %v", p.Keys, p.Edges)
			}
		}
	}
}
