package flowgraph

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ivrgen/ivrgen/dsl"
)

// examples are every example's graph, and its flow's name.
func examples(t *testing.T) map[string]*Graph {
	paths, _ := filepath.Glob("../../examples/*/*.ivr")
	more, _ := filepath.Glob("../../examples/*/*/*.ivr")
	graphs := map[string]*Graph{}
	for _, path := range append(paths, more...) {
		graphs[path] = New(compile(t, path))
	}
	if len(graphs) == 0 {
		t.Fatal("no examples")
	}
	return graphs
}

// hostile is a graph built by hand whose names hold every character the
// formats quote: ", \, #, <, >, a line break.
func hostile() *Graph {
	a := &Node{ID: "m0", Kind: Menu, Name: `say "hi" \ #1 <b>`, Start: true}
	b := &Node{ID: "h0", Kind: Hook, Name: "two\nlines"}
	end := &Node{ID: "hangup", Kind: Hangup}
	back := dsl.Back
	a.Out = []*Edge{
		{From: a, To: b, Label: `#`},
		{From: a, To: b, Label: `"q"`},
		{From: a, Label: `\`, Move: &back},
	}
	b.Out = []*Edge{{From: b, To: end, Label: "error"}}
	return &Graph{Nodes: []*Node{a, b, end}, Start: a}
}

var (
	mermaidNode = regexp.MustCompile(`^    (\w+)(\(\(\(|\(\(|\(\[|\[/|\[|\{\{|\{|>)"([^"]*)"(\)\)\)|\)\)|\]\)|/\]|\\\]|\]|\}\}|\})$`)
	mermaidEdge = regexp.MustCompile(`^    (\w+) (-->|-\.->)(?:\|"([^"]*)"\|)? (\w+)$`)
	// A label holds no quote and no # but those of entities.
	mermaidText = regexp.MustCompile(`^(?:[^"#]|#(?:35|quot|lt|gt);)*$`)
	mermaidOpen = map[string]string{"(((": ")))", "((": "))", "([": "])", "[/": "/]", "[": "]", "{{": "}}", "{": "}", ">": "]"}
)

// parseMermaid checks src line by line as the flowchart Mermaid draws, and
// returns its nodes' labels and its edges as "from -> to: label".
func parseMermaid(t *testing.T, src string) (nodes map[string]string, edges []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	if lines[0] != "flowchart TD" || !strings.HasSuffix(src, "\n") {
		t.Fatalf("not a flowchart TD ending in a line break:\n%s", src)
	}
	nodes = map[string]string{}
	classed, styled := false, false
	for _, l := range lines[1:] {
		if m := mermaidNode.FindStringSubmatch(l); m != nil {
			if _, dup := nodes[m[1]]; dup {
				t.Errorf("node %s twice", m[1])
			}
			if want := mermaidOpen[m[2]]; m[4] != want && !(m[2] == "[/" && m[4] == `\]`) {
				t.Errorf("%q: %s closed by %s", l, m[2], m[4])
			}
			if m[1] == "end" || !mermaidText.MatchString(m[3]) || len(edges) > 0 {
				t.Errorf("%q: a reserved id, a raw quote or #, or a node after the edges", l)
			}
			nodes[m[1]] = m[3]
			continue
		}
		if m := mermaidEdge.FindStringSubmatch(l); m != nil {
			for _, id := range []string{m[1], m[4]} {
				if _, ok := nodes[id]; !ok {
					t.Errorf("%q: node %s is not declared", l, id)
				}
			}
			if !mermaidText.MatchString(m[3]) {
				t.Errorf("%q: a raw quote or # in the label", l)
			}
			edges = append(edges, fmt.Sprintf("%s -> %s: %s", m[1], m[4], m[3]))
			continue
		}
		switch f := strings.Fields(l); {
		case strings.HasPrefix(l, "    %% "):
		case strings.HasPrefix(l, "    classDef unreachable ") && !classed:
			classed = true
		case len(f) == 3 && f[0] == "class" && f[2] == "unreachable" && classed:
			for _, id := range strings.Split(f[1], ",") {
				if _, ok := nodes[id]; !ok {
					t.Errorf("%q: node %s is not declared", l, id)
				}
			}
		case len(f) >= 3 && f[0] == "linkStyle" && !styled:
			styled = true
			for _, s := range strings.Split(f[1], ",") {
				if i, err := strconv.Atoi(s); err != nil || i < 0 || i >= len(edges) {
					t.Errorf("%q: no edge %s", l, s)
				}
			}
		default:
			t.Errorf("not a line of the flowchart: %q", l)
		}
	}
	return nodes, edges
}

var (
	dotID    = `(\w+)`
	dotStr   = `"((?:[^"\\\n]|\\.)*)"`
	dotAttrs = `\[((?:\w+=(?:\w+|` + dotStr + `)(?:, )?)+)\]`
	dotNode  = regexp.MustCompile(`^    ` + dotID + ` ` + dotAttrs + `;$`)
	dotEdge  = regexp.MustCompile(`^    ` + dotID + ` -> ` + dotID + `(?: ` + dotAttrs + `)?;$`)
	dotLabel = regexp.MustCompile(`label=` + dotStr)
)

// parseDOT checks src as a digraph, braces and quotes balanced and every
// edge between declared nodes, and returns its nodes' labels and its edges
// as "from -> to: label", labels unquoted.
func parseDOT(t *testing.T, src string) (nodes map[string]string, edges []string) {
	t.Helper()
	depth, quoted := 0, false
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == '{':
			depth++
		case !quoted && c == '}':
			depth--
			if depth < 0 {
				t.Fatalf("a } with no {:\n%s", src)
			}
		}
	}
	if depth != 0 || quoted {
		t.Fatalf("unbalanced braces or quotes:\n%s", src)
	}
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	if !regexp.MustCompile(`^digraph `+dotStr+` \{$`).MatchString(lines[0]) || lines[len(lines)-1] != "}" {
		t.Fatalf("not one digraph:\n%s", src)
	}
	unquote := func(s string) string {
		u, err := strconv.Unquote(`"` + s + `"`) // DOT's \" and \\ are Go's
		if err != nil {
			t.Errorf("label %q: %v", s, err)
		}
		return u
	}
	nodes = map[string]string{}
	for _, l := range lines[1 : len(lines)-1] {
		if m := dotNode.FindStringSubmatch(l); m != nil {
			if _, dup := nodes[m[1]]; dup || len(edges) > 0 {
				t.Errorf("%q: node %s twice or after the edges", l, m[1])
			}
			lm := dotLabel.FindStringSubmatch(m[2])
			if lm == nil {
				t.Errorf("%q: no label", l)
				continue
			}
			nodes[m[1]] = unquote(lm[1])
			continue
		}
		if m := dotEdge.FindStringSubmatch(l); m != nil {
			for _, id := range []string{m[1], m[2]} {
				if _, ok := nodes[id]; !ok {
					t.Errorf("%q: node %s is not declared", l, id)
				}
			}
			label := ""
			if lm := dotLabel.FindStringSubmatch(m[3]); lm != nil {
				label = unquote(lm[1])
			}
			edges = append(edges, fmt.Sprintf("%s -> %s: %s", m[1], m[2], label))
			continue
		}
		if !strings.HasPrefix(l, "    // ") {
			t.Errorf("not a line of the digraph: %q", l)
		}
	}
	return nodes, edges
}

// mermaidUnescape undoes mermaidEscape.
func mermaidUnescape(s string) string {
	return strings.NewReplacer("#35;", "#", "#quot;", `"`, "#lt;", "<", "#gt;", ">", "<br>", "\n").Replace(s)
}

// Every example, and a graph of hostile names, parses in both formats, and
// both draw the same nodes and edges: the entry, every node of the graph
// under its label, back if an edge goes back; every way of the graph in
// one edge's label.
func TestDrawParses(t *testing.T) {
	graphs := examples(t)
	graphs["hostile"] = hostile()
	for name, g := range graphs {
		t.Run(filepath.Base(name), func(t *testing.T) {
			mn, me := parseMermaid(t, g.Mermaid("x"))
			dn, de := parseDOT(t, g.DOT(`a "b" \c`))
			for id, label := range mn {
				mn[id] = mermaidUnescape(label)
			}
			for i, e := range me {
				me[i] = mermaidUnescape(e)
			}
			if fmt.Sprint(mn) != fmt.Sprint(dn) || !slices.Equal(me, de) {
				t.Errorf("Mermaid and DOT differ:\n%v\n%v\n%q\n%q", mn, dn, me, de)
			}
			want := map[string]string{startID: "start"}
			ways := 0
			for _, n := range g.Nodes {
				want[n.ID] = n.Label()
				for _, e := range n.Out {
					ways++
					if e.To == nil {
						want[backID] = "back"
					}
				}
			}
			if fmt.Sprint(mn) != fmt.Sprint(want) {
				t.Errorf("nodes %v, want %v", mn, want)
			}
			if me[0] != startID+" -> "+g.Start.ID+": " {
				t.Errorf("first edge %q, want the entry's", me[0])
			}
			labels := 0
			for _, e := range de[1:] {
				_, l, _ := strings.Cut(e, ": ")
				labels += len(strings.Split(l, ", "))
			}
			if labels != ways {
				t.Errorf("%d labels on the edges, want one for each of %d ways", labels, ways)
			}
		})
	}
}

// The hostile graph exactly: quotes, # and <> as entities in Mermaid, a
// line break <br>; quotes, backslashes and line breaks escaped in DOT; two
// ways to one node are one edge; a back goes, dashed, to the node back.
func TestDrawHostile(t *testing.T) {
	g := hostile()
	wantMermaid := `flowchart TD
    %% ivr a b
    start(("start"))
    m0["menu say #quot;hi#quot; \ #35;1 #lt;b#gt;"]
    h0{{"hook two<br>lines"}}
    hangup((("hangup")))
    back>"back"]
    start --> m0
    m0 -->|"#35;, #quot;q#quot;"| h0
    m0 -.->|"\ (back)"| back
    h0 -->|"error"| hangup
`
	if got := g.Mermaid("a\nb"); got != wantMermaid {
		t.Errorf("Mermaid:\n%s\nwant:\n%s", got, wantMermaid)
	}
	wantDOT := `digraph "a \"b\"" {
    start [label="start", shape=circle];
    m0 [label="menu say \"hi\" \\ #1 <b>", shape=box];
    h0 [label="hook two\nlines", shape=hexagon];
    hangup [label="hangup", shape=doublecircle];
    back [label="back", shape=cds];
    start -> m0;
    m0 -> h0 [label="#, \"q\""];
    m0 -> back [label="\\ (back)", style=dashed];
    h0 -> hangup [label="error"];
}
`
	if got := g.DOT(`a "b"`); got != wantDOT {
		t.Errorf("DOT:\n%s\nwant:\n%s", got, wantDOT)
	}
}

// A place no caller reaches, its ends and its edges are dashed and grey,
// and named in the comment; back, reached only from there, too.
func TestDrawUnreachable(t *testing.T) {
	g := hostile()
	lonely := &Node{ID: "m1", Kind: Menu, Name: "lonely"}
	night := &Node{ID: "t0", Kind: Transfer, Name: "night"}
	back := dsl.Back
	lonely.Out = []*Edge{{From: lonely, To: night, Label: "1"}, {From: lonely, Label: "2", Move: &back}}
	g.Nodes[0].Out = g.Nodes[0].Out[:2] // m0 no longer goes back
	g.Nodes = slices.Insert(g.Nodes, 1, lonely)
	g.Nodes = append(g.Nodes, night)
	mermaid := g.Mermaid("x")
	for _, want := range []string{
		"    %% unreachable from the start (dashed, grey): menu lonely, transfer night\n",
		"    class m1,t0,back unreachable\n",
		"    linkStyle 2,3 stroke:#999,stroke-dasharray:5 5\n",
		"    m1 -->|\"1\"| t0\n    m1 -.->|\"2 (back)\"| back\n",
	} {
		if !strings.Contains(mermaid, want) {
			t.Errorf("Mermaid lacks %q:\n%s", want, mermaid)
		}
	}
	parseMermaid(t, mermaid)
	dot := g.DOT("x")
	for _, want := range []string{
		"    // unreachable from the start (dashed, gray): menu lonely, transfer night\n",
		"    m1 [label=\"menu lonely\", shape=box, style=dashed, color=gray, fontcolor=gray];\n",
		"    t0 [label=\"transfer night\", shape=box, style=\"rounded,dashed\", color=gray, fontcolor=gray];\n",
		"    back [label=\"back\", shape=cds, style=dashed, color=gray, fontcolor=gray];\n",
		"    m1 -> back [label=\"2 (back)\", style=dashed, color=gray, fontcolor=gray];\n",
		"    m0 -> h0 [label=\"#, \\\"q\\\"\"];\n",
	} {
		if !strings.Contains(dot, want) {
			t.Errorf("DOT lacks %q:\n%s", want, dot)
		}
	}
	parseDOT(t, dot)
}
